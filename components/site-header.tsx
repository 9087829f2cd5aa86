import Link from 'next/link';
import { getActor } from '@/lib/auth/session';
import { SignOutButton } from './sign-out-button';

const STAFF_ROLE_LABELS = { clerk: '审批民警', supervisor: '审批处负责人', admin: '管理员' } as const;

export async function SiteHeader() {
  const actor = await getActor();
  return (
    <header className="site-header">
      <div className="inner">
        <Link className="brand" href="/">武汉公安 · 网上审批 <span className="visually-hidden">Wuhan e-ID approvals</span></Link>
        <nav aria-label="主导航 / Main">
          {actor?.kind === 'citizen' && (
            <>
              <Link href="/me">我的办件 / My applications</Link>
              <Link href="/me/apply">在线办理 / Apply</Link>
              <span className="who">{actor.name}</span>
              <SignOutButton />
            </>
          )}
          {actor?.kind === 'staff' && (
            <>
              {(actor.role === 'clerk' || actor.role === 'supervisor') && <Link href="/staff/queue">审批队列 / Queue</Link>}
              {actor.role === 'supervisor' && <Link href="/staff/deliveries">邮寄跟踪 / Deliveries</Link>}
              <span className="who">
                {STAFF_ROLE_LABELS[actor.role]} · 警号 {actor.staffNumber}
              </span>
              <SignOutButton />
            </>
          )}
          {!actor && (
            <>
              <Link href="/sign-in">群众登录 / Sign in</Link>
              <Link href="/staff/sign-in">工作人员 / Staff</Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
