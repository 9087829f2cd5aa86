import { getDb } from '@/db/client';
import { requireStaffPage } from '@/lib/auth/session';
import { hasConfirmedTotp } from '@/lib/auth/staff-totp';
import { getTranslator } from '@/lib/i18n/server';
import { TwoFactorEnrolment } from './two-factor-enrolment';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('staff.twoFactor.title') };
}

export default async function TwoFactorPage() {
  const actor = await requireStaffPage(['clerk', 'supervisor', 'admin']);
  const [isEnrolled, { t }] = await Promise.all([hasConfirmedTotp(await getDb(), actor.staffId), getTranslator()]);
  return (
    <main className="narrow">
      <h1>{t('staff.twoFactor.heading')}</h1>
      {isEnrolled ? (
        <p data-testid="totp-status">{t('staff.twoFactor.on')}</p>
      ) : (
        <>
          <p>{t('staff.twoFactor.intro')}</p>
          <TwoFactorEnrolment />
        </>
      )}
    </main>
  );
}
