import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { requireCitizenPage } from '@/lib/auth/session';
import { getAuthSecret } from '@/lib/auth/secret';
import { CAFE_CHECK_IN_MIN_LEVEL, openCafeCheckIn } from '@/lib/cafe/check-in';
import { getTranslator } from '@/lib/i18n/server';
import { needsStepUp } from '@/lib/identity/wallet';
import { loadPageData } from '@/lib/page-data';
import { CafeCheckInForm } from './cafe-check-in-form';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('cafe.checkIn.title') };
}

// What the phone camera opens from a café terminal's QR (/wallet/checkin?c=<token>): the café, the
// seat and what is shared; the citizen confirms (a server action that checks everything again).
export default async function CafeCheckInPage({ searchParams }: { searchParams: Promise<{ c?: string | string[] }> }) {
  const { c } = await searchParams;
  const token = typeof c === 'string' ? c : '';
  const thisPage = `/wallet/checkin?c=${encodeURIComponent(token)}`;
  const actor = await requireCitizenPage(thisPage);
  const { t, pick, dateTime } = await getTranslator();
  const preview = await loadPageData((db) => openCafeCheckIn(db, actor, token, { secret: getAuthSecret() }));

  return (
    <main className="narrow">
      <h1>{t('cafe.checkIn.heading')}</h1>
      {preview.status !== 'ok' ? (
        <div className="alert error" role="alert" data-testid="cafe-check-in-refused">
          <strong>{t('cafe.checkIn.refused')}</strong> {pick(preview.message)} <Link href="/wallet">{t('cafe.checkIn.back')}</Link>
        </div>
      ) : (
        <section className="card">
          <dl className="rows">
            <dt>{t('cafe.checkIn.cafe')}</dt>
            <dd data-testid="cafe-name">{preview.data.cafeName}</dd>
            <dt>{t('cafe.checkIn.seat')}</dt>
            <dd data-testid="cafe-seat">{preview.data.seat}</dd>
            <dt>{t('cafe.checkIn.shares')}</dt>
            <dd>{t('cafe.checkIn.sharesList')}</dd>
            <dt>{t('cafe.checkIn.signedInAs')}</dt>
            <dd>{actor.name}</dd>
          </dl>
          <p className="hint">{t('cafe.checkIn.expiresAt', { time: dateTime(preview.data.expiresAt) })}</p>
          {preview.data.canConfirm ? (
            <CafeCheckInForm token={preview.data.token} />
          ) : (
            <div className="alert error" role="alert">
              {pick(preview.data.refusal ?? '')}{' '}
              {needsStepUp(actor, CAFE_CHECK_IN_MIN_LEVEL) && <Link href={`/enrol?next=${encodeURIComponent(thisPage)}`}>{t('cafe.checkIn.stepUp')}</Link>}
            </div>
          )}
        </section>
      )}
    </main>
  );
}
