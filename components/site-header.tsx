import Link from 'next/link';
import { getActor } from '@/lib/auth/session';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';

const STAFF_ROLE_LABELS = { clerk: '审批民警', supervisor: '审批处负责人', admin: '管理员' } as const;

export async function SiteHeader() {
  const actor = await getActor();
  return (
    <header className="site-header">
      <div className="inner">
        <Link className="brand" href={actor?.kind === 'citizen' ? '/me' : actor?.kind === 'staff' ? '/staff' : '/'}>
          武汉公安 · 网上审批
          <small lang="en">Wuhan Public Security · e-ID approvals</small>
        </Link>
        <nav className="main-nav" aria-label="主导航 / Main">
          {actor?.kind === 'citizen' && (
            <>
              <NavLink href="/me" section="/me/applications">我的办件 / My applications</NavLink>
              <NavLink href="/me/apply" section="/me/apply">在线办理 / Apply</NavLink>
              <NavLink href="/wallet">卡包 / Wallet</NavLink>
            </>
          )}
          {actor?.kind === 'staff' && (
            <>
              {(actor.role === 'clerk' || actor.role === 'supervisor') && (
                <NavLink href="/staff/queue" section="/staff/cases">审批队列 / Queue</NavLink>
              )}
              {actor.role === 'supervisor' && <NavLink href="/staff/overview">队列概况 / Overview</NavLink>}
              {actor.role === 'supervisor' && <NavLink href="/staff/deliveries">邮寄跟踪 / Deliveries</NavLink>}
              {(actor.role === 'supervisor' || actor.role === 'admin') && <NavLink href="/staff/eids">电子身份证 / e-IDs</NavLink>}
              {actor.role === 'admin' && <NavLink href="/staff/terminals">核验终端 / Terminals</NavLink>}
            </>
          )}
          {!actor && (
            <>
              <NavLink href="/sign-in">群众登录 / Sign in</NavLink>
              <NavLink href="/staff/sign-in">工作人员 / Staff</NavLink>
            </>
          )}
        </nav>
        {actor && (
          <div className="account">
            {actor.kind === 'citizen' ? (
              <span className="who">
                <span className="visually-hidden">已登录 / Signed in as </span>
                {actor.name}
              </span>
            ) : (
              <span className="who">
                <span className="visually-hidden">已登录 / Signed in as </span>
                {actor.displayName} · 警号 {actor.staffNumber}
                <small>{STAFF_ROLE_LABELS[actor.role]} · {actor.office}</small>
              </span>
            )}
            <SignOutButton />
          </div>
        )}
      </div>
    </header>
  );
}
