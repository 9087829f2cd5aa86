import { Link } from '@/components/link';
import { canHandOverAtCounter, canManageDeliveries, canManageEids, canDesignServices, canManageEvents, canManageTerminals, canResetStaffTwoFactor, canSearchCafeRegister, canSeeOutbox, canSeeOverview, canWorkTheQueue } from '@/lib/auth/permissions';
import { getActor, getActorForTwoFactorEnrolment } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { LanguageSwitcher } from './language-switcher';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';
import { SignOutEverywhereForm } from './sign-out-everywhere-form';

export async function SiteHeader() {
  const [actor, { t }] = await Promise.all([getActor(), getTranslator()]);
  // Signed in with the password only: the way to enrolment and out, nothing else.
  const enrolling = actor ? null : await getActorForTwoFactorEnrolment();
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
              {canWorkTheQueue(actor) && <NavLink href="/staff/queue" section="/staff/cases">{t('common.nav.queue')}</NavLink>}
              {canHandOverAtCounter(actor) && <NavLink href="/staff/counter">{t('common.nav.counter')}</NavLink>}
              {canSeeOverview(actor) && <NavLink href="/staff/overview">{t('common.nav.overview')}</NavLink>}
              {canManageDeliveries(actor) && <NavLink href="/staff/deliveries">{t('common.nav.deliveries')}</NavLink>}
              {canManageEids(actor) && <NavLink href="/staff/eids">{t('common.nav.eids')}</NavLink>}
              {canManageTerminals(actor) && <NavLink href="/staff/terminals">{t('common.nav.terminals')}</NavLink>}
              {canSearchCafeRegister(actor) && <NavLink href="/staff/cafe-register">{t('cafe.police.navLink')}</NavLink>}
              {canManageEvents(actor) && <NavLink href="/staff/events">{t('common.nav.events')}</NavLink>}
              {canDesignServices(actor) && <NavLink href="/staff/catalogue">{t('common.nav.catalogue')}</NavLink>}
              {canSeeOutbox(actor) && <NavLink href="/staff/outbox">{t('common.nav.outbox')}</NavLink>}
              {canResetStaffTwoFactor(actor) && <NavLink href="/staff/team">{t('common.nav.team')}</NavLink>}
              <NavLink href="/staff/two-factor">{t('common.nav.twoFactor')}</NavLink>
            </>
          )}
          {enrolling && <NavLink href="/staff/two-factor">{t('common.nav.twoFactor')}</NavLink>}
          {!actor && !enrolling && (
            <>
              <NavLink href="/services">{t('common.nav.services')}</NavLink>
              <NavLink href="/terminal">{t('common.nav.verifierTerminal')}</NavLink>
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
          {enrolling && <SignOutButton />}
        </div>
      </div>
    </header>
  );
}
