import Link from 'next/link';
import { getDb } from '@/db/client';
import { requireCitizenPage } from '@/lib/auth/session';
import { getEnrolmentState } from '@/lib/identity/enrolment';
import { safeLocalPath } from '@/lib/safe-redirect';
import { DeferRealPersonForm, QuestionnaireStep } from './enrol-steps';

export const metadata = { title: '电子身份证申领 / Get your e-ID' };

const LEVELS = { 1: 'L1 手机验证码 / phone code', 2: 'L2 + 动态问卷 / questionnaire', 3: 'L3 + 实人核验 / real-person check' } as const;

export default async function EnrolPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const actor = await requireCitizenPage();
  const next = safeLocalPath((await searchParams).next, '/wallet');
  const state = await getEnrolmentState(await getDb(), actor);
  const gate = (name: string) => state.gatesPassed.includes(name);
  return (
    <main className="narrow">
      <h1>
        电子身份证申领与认证 <span className="en">Get your e-ID and raise your level</span>
      </h1>
      <p>
        三重安全门：人证核验、实人核验、动态问卷。本次登录的认证等级：<strong data-testid="session-level">L{state.sessionLevel}</strong>
        {actor.eid && <> · 电子身份证等级 L{actor.eid.assuranceLevel}</>}
        <span className="en"> Three security gates: registry + phone, live face check, questionnaire. This session is at level L{state.sessionLevel}.</span>
      </p>
      <ol className="steps">
        <li className="card" aria-current={false}>
          <h2>
            第一道门：人证核验 ✓ <span className="en">Gate 1: registry match and phone code — passed</span>
          </h2>
          <p className="hint">{LEVELS[1]}</p>
        </li>
        <li className="card" aria-current={state.step === 'real_person' ? 'step' : undefined}>
          <h2>
            第二道门：实人核验 <span className="en">Gate 2: real-person check</span>
          </h2>
          {gate('real_person') ? (
            <p>已通过 / Passed</p>
          ) : (
            <>
              <p>
                打开摄像头，按提示完成 3 个随机动作，与户籍登记照片比对。通过后可达 L3（户口迁移等事项需要 L3）。
                <span className="en"> Open your camera and do 3 random actions; you are compared with your registry photo. Passing it gives L3, which services such as a household transfer need.</span>
              </p>
              <p className="actions">
                <Link className="button" href={`/enrol/face?next=${encodeURIComponent(next)}`} data-testid="start-face-check">
                  开始实人核验 / Start the real-person check
                </Link>
              </p>
              {state.step === 'real_person' && <DeferRealPersonForm next={next} />}
              {gate('real_person_deferred') && <p className="hint">已记录：本次暂未进行实人核验，可随时回来完成 / Recorded: not done yet in this session; you can come back to it</p>}
            </>
          )}
        </li>
        <li className="card" aria-current={state.step === 'questionnaire' ? 'step' : undefined}>
          <h2>
            第三道门：动态问卷 <span className="en">Gate 3: questions from your own records</span>
          </h2>
          {gate('questionnaire') ? (
            <p>
              已通过，本次登录为 L{state.sessionLevel}。<Link href={next}>继续 / Continue</Link>
            </p>
          ) : state.step === 'questionnaire' ? (
            <QuestionnaireStep next={next} attemptState={state.attemptState.allowed ? { allowed: true, remaining: state.attemptState.remaining } : { allowed: false, unlockAt: state.attemptState.unlockAt.toISOString() }} />
          ) : (
            <p className="hint">请先完成第二步 / Finish step 2 first</p>
          )}
        </li>
      </ol>
    </main>
  );
}
