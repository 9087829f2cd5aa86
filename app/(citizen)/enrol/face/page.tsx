import { Link } from '@/components/link';
import { loadPageData } from '@/lib/page-data';
import { requireCitizenPage } from '@/lib/auth/session';
import type { Metadata } from 'next';
import { getFaceConfig } from '@/lib/face/config';
import { getTranslator } from '@/lib/i18n/server';
import { getFaceCheckState } from '@/lib/face/face-check';
import { safeLocalPath } from '@/lib/safe-redirect';
import { FaceCapture } from './face-capture';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('enrol.face.title') };
}

export default async function FaceCheckPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const actor = await requireCitizenPage();
  const { t, pick } = await getTranslator();
  const next = safeLocalPath((await searchParams).next, '/wallet');
  const state = await loadPageData(async (db) => getFaceCheckState(db, actor));
  const { minTurnYawDelta, minNodPitchDelta, maxClosedEyeOpenness, minOpenEyeOpenness, minMouthOpenDelta } = getFaceConfig();
  const back = `/enrol?next=${encodeURIComponent(next)}`;
  return (
    <main className="narrow">
      <p className="breadcrumb">
        <Link href={back}>{t('enrol.face.back')}</Link>
      </p>
      <h1>{t('enrol.face.heading')}</h1>
      <p className="lead">{t('enrol.face.lead')}</p>
      {state.sessionPassed ? (
        <div className="alert success" role="status">
          {t('enrol.face.sessionPassed')} <Link href={back}>{t('enrol.continue')}</Link>
        </div>
      ) : !state.hasRegistryPhoto ? (
        <div className="alert error" role="alert">
          {t('enrol.face.noRegistryPhoto')}
        </div>
      ) : (
        <FaceCapture next={next} thresholds={{ minTurnYawDelta, minNodPitchDelta, maxClosedEyeOpenness, minOpenEyeOpenness, minMouthOpenDelta }} blockedMessage={state.waitMessage ? pick(state.waitMessage) : undefined} />
      )}
      {!state.sessionPassed && (
      <p className="hint">
        {t('enrol.face.noCameraPrefix')} <Link href={back}>{t('enrol.face.noCameraLink')}</Link> {t('enrol.face.noCameraSuffix')}
      </p>
      )}
    </main>
  );
}
