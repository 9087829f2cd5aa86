import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { loadPageData } from '@/lib/page-data';
import { requireCitizenPage } from '@/lib/auth/session';
import { ClientMessages } from '@/lib/i18n/client-messages';
import { getTranslator } from '@/lib/i18n/server';
import { getEnrolmentState } from '@/lib/identity/enrolment';
import { needsStepUp } from '@/lib/identity/wallet';
import { findServiceForApplyPath } from '@/lib/services/published-catalogue';
import { safeLocalPath } from '@/lib/safe-redirect';
import { DeferRealPersonForm, QuestionnaireStep } from './enrol-steps';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('enrol.title') };
}

export default async function EnrolPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const actor = await requireCitizenPage();
  const { t, label } = await getTranslator();
  const next = safeLocalPath((await searchParams).next, '/wallet');
  const [state, service] = await loadPageData(async (db) => Promise.all([getEnrolmentState(db, actor), findServiceForApplyPath(db, next)]));
  // Sent here by a service's apply page: say which service, and what it needs, before the gates.
  const stepUpFor = service && needsStepUp(actor, service.requiredAssuranceLevel) ? service : undefined;
  const gate = (name: string) => state.gatesPassed.includes(name);
  return (
    <main className="narrow">
      <h1>{t('enrol.heading')}</h1>
      <p>
        {t('enrol.intro')}
        <strong data-testid="session-level">L{state.sessionLevel}</strong>
        {actor.eid && <> · {t('enrol.eidLevel', { level: actor.eid.assuranceLevel })}</>}
      </p>
      {stepUpFor && (
        <p className="alert info" data-testid="step-up-reason">
          {t('enrol.stepUpFor', { service: label({ zh: stepUpFor.nameZh, en: stepUpFor.nameEn }), level: stepUpFor.requiredAssuranceLevel })}
        </p>
      )}
      <ol className="steps">
        <li className="card">
          <h2>
            {t('enrol.gate1')} <span aria-hidden="true">✓</span>
            <span className="visually-hidden"> ({t('enrol.gate1Passed')})</span>
          </h2>
          <p className="hint">{t('enrol.levels.l1')}</p>
        </li>
        <li className="card" aria-current={state.step === 'real_person' ? 'step' : undefined}>
          <h2>{t('enrol.gate2')}</h2>
          {gate('real_person') ? (
            <p>{t('enrol.passed')}</p>
          ) : (
            <>
              <p>{t('enrol.gate2Text')}</p>
              <p className="actions">
                <Link className="button" href={`/enrol/face?next=${encodeURIComponent(next)}`} data-testid="start-face-check">
                  {t('enrol.startFaceCheck')}
                </Link>
              </p>
              {state.step === 'real_person' && <ClientMessages scope="enrolDefer"><DeferRealPersonForm next={next} /></ClientMessages>}
              {gate('real_person_deferred') && <p className="hint">{t('enrol.deferred')}</p>}
            </>
          )}
        </li>
        <li className="card" aria-current={state.step === 'questionnaire' ? 'step' : undefined}>
          <h2>{t('enrol.gate3')}</h2>
          {gate('questionnaire') ? (
            <p>
              {t('enrol.gate3Passed', { level: state.sessionLevel })} <Link href={next}>{t('enrol.continue')}</Link>
            </p>
          ) : state.step === 'questionnaire' ? (
            <ClientMessages scope="enrolQuestionnaire"><QuestionnaireStep next={next} attemptState={state.attemptState.allowed ? { allowed: true, remaining: state.attemptState.remaining } : { allowed: false, unlockAt: state.attemptState.unlockAt.toISOString() }} /></ClientMessages>
          ) : (
            <p className="hint">{t('enrol.finishStep2')}</p>
          )}
        </li>
      </ol>
    </main>
  );
}
