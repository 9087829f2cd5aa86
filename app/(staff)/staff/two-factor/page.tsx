import { Link } from '@/components/link';
import { redirect } from 'next/navigation';
import { loadPageData } from '@/lib/page-data';
import { getActorForTwoFactorEnrolment } from '@/lib/auth/session';
import { countUnusedRecoveryCodes, hasConfirmedTotp } from '@/lib/auth/staff-totp';
import { getTranslator } from '@/lib/i18n/server';
import { RecoveryCodesForm } from './recovery-codes-form';
import { TwoFactorEnrolment } from './two-factor-enrolment';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('staff.twoFactor.title') };
}

export default async function TwoFactorPage() {
  // Also reached by a session that has passed only the password: enrolling is all it may do.
  const actor = await getActorForTwoFactorEnrolment();
  if (!actor) redirect('/staff/sign-in');
  const [[isEnrolled, unusedRecoveryCodes], { t }] = await Promise.all([
    loadPageData((db) => Promise.all([hasConfirmedTotp(db, actor.staffId), countUnusedRecoveryCodes(db, actor.staffId)])),
    getTranslator(),
  ]);
  if (isEnrolled && actor.isSecondFactorPending) {
    // Enrolled in another session meanwhile: this one still has to pass the code at sign-in.
    return (
      <main className="narrow">
        <h1>{t('staff.twoFactor.heading')}</h1>
        <p data-testid="totp-status">{t('staff.twoFactor.signInAgain')}</p>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h1>{t('staff.twoFactor.heading')}</h1>
      {isEnrolled ? (
        <>
          <p data-testid="totp-status">{t('staff.twoFactor.on')}</p>
          <RecoveryCodesForm unused={unusedRecoveryCodes} />
        </>
      ) : (
        <>
          {actor.isSecondFactorPending && (
            <div className="alert info" role="status" data-testid="totp-required">
              {t('staff.twoFactor.required')}
            </div>
          )}
          <p>{t('staff.twoFactor.intro')}</p>
          <TwoFactorEnrolment />
        </>
      )}
      {!actor.isSecondFactorPending && (
        <p>
          <Link href="/staff">{t('staff.twoFactor.toPortal')}</Link>
        </p>
      )}
    </main>
  );
}
