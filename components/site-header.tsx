import Link from 'next/link';
import { getActor } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { LanguageSwitcher } from './language-switcher';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';
import { SignOutEverywhereForm } from './sign-out-everywhere-form';

export async function SiteHeader() {
  const [actor, { t }] = await Promise.all([getActor(), getTranslator()]);
  return (
    <header className="site-header">
      <div className="inner">
        <Link className="brand" href={actor?.kind === 'citizen' ? '/me' : actor?.kind === 'staff' ? '/staff' : '/'}>
          {t('common.siteName')}
          <small>{t('common.siteNameSub')}</small>
        </Link>
        <nav className="main-nav" aria-label={t('common.mainNav')}>
          {actor?.kind === 'citizen' && (
            <>
              <NavLink href="/me" section="/me/applications">{t('common.nav.myApplications')}</NavLink>
              <NavLink href="/me/apply" section="/me/apply">{t('common.nav.apply')}</NavLink>
              <NavLink href="/wallet">{t('common.nav.wallet')}</NavLink>
            </>
          )}
          {actor?.kind === 'staff' && (
            <>
              {(actor.role === 'clerk' || actor.role === 'supervisor') && (
                <NavLink href="/staff/queue" section="/staff/cases">{t('common.nav.queue')}</NavLink>
              )}
              {(actor.role === 'clerk' || actor.role === 'supervisor') && <NavLink href="/staff/counter">{t('common.nav.counter')}</NavLink>}
              {actor.role === 'supervisor' && <NavLink href="/staff/overview">{t('common.nav.overview')}</NavLink>}
              {actor.role === 'supervisor' && <NavLink href="/staff/deliveries">{t('common.nav.deliveries')}</NavLink>}
              {(actor.role === 'supervisor' || actor.role === 'admin') && <NavLink href="/staff/eids">{t('common.nav.eids')}</NavLink>}
              {actor.role === 'admin' && <NavLink href="/staff/terminals">{t('common.nav.terminals')}</NavLink>}
              {(actor.role === 'supervisor' || actor.role === 'admin') && <NavLink href="/staff/outbox">{t('common.nav.outbox')}</NavLink>}
              <NavLink href="/staff/two-factor">{t('common.nav.twoFactor')}</NavLink>
            </>
          )}
          {!actor && (
            <>
              <NavLink href="/sign-in">{t('common.nav.signIn')}</NavLink>
              <NavLink href="/staff/sign-in">{t('common.nav.staff')}</NavLink>
            </>
          )}
        </nav>
        <div className="account">
          <LanguageSwitcher />
          {actor && (
            <>
              {actor.kind === 'citizen' ? (
                <span className="who">
                  <span className="visually-hidden">{t('common.signedInAs')}</span>
                  {actor.name}
                </span>
              ) : (
                <span className="who">
                  <span className="visually-hidden">{t('common.signedInAs')}</span>
                  {actor.displayName} · {t('common.staffNumber', { number: actor.staffNumber })}
                  <small>{t(`common.staffRoles.${actor.role}`)} · {actor.office}</small>
                </span>
              )}
              <SignOutButton />
              {actor.kind === 'staff' && <SignOutEverywhereForm />}
            </>
          )}
        </div>
      </div>
    </header>
  );
}
