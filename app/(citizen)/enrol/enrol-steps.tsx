'use client';

import { useActionState, useEffect, useState } from 'react';
import { answerQuestionnaireAction, deferRealPersonAction, startQuestionnaireAction, type AnswerState, type EnrolState, type StartState } from './actions';

export function DeferRealPersonForm({ next }: { next: string }) {
  const [state, formAction, isPending] = useActionState<EnrolState, FormData>(deferRealPersonAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="next" value={next} />
      {state && state.status !== 'ok' && <div className="alert error" role="alert">{state.message}</div>}
      <button type="submit" className="secondary" disabled={isPending}>暂不进行，继续下一步 / Go on without it</button>
    </form>
  );
}

const formatter = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });

function useSecondsLeft(deadline: Date | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadline) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline ? Math.max(0, Math.round((deadline.getTime() - now) / 1000)) : null;
}

/** Starts an attempt only when asked (it counts against the daily three), then shows the questions. */
export function QuestionnaireStep({ next, attemptState }: { next: string; attemptState: { allowed: true; remaining: number } | { allowed: false; unlockAt: string } }) {
  const [started, start, isStarting] = useActionState<StartState, FormData>(startQuestionnaireAction, null);
  const [answered, answer, isAnswering] = useActionState<AnswerState, FormData>(answerQuestionnaireAction, null);
  const attempt = started?.status === 'ok' ? started.data : null;
  const deadline = attempt ? new Date(attempt.deadlineAt) : null;
  const secondsLeft = useSecondsLeft(deadline);

  if (!attemptState.allowed) {
    return (
      <div className="alert error" role="alert" data-testid="questionnaire-locked">
        24 小时内已答题 3 次，问卷已锁定，{formatter.format(new Date(attemptState.unlockAt))} 后可再试。
        <span className="en"> Locked after 3 attempts in 24 hours; try again after {formatter.format(new Date(attemptState.unlockAt))} (Beijing time).</span>
      </div>
    );
  }
  const failed = answered?.status === 'ok' && !answered.data.passed ? answered.data : null;
  if (failed) {
    return (
      <div className="alert error" role="alert" data-testid="questionnaire-failed">
        未通过：答对 {failed.correct}/{failed.total} 题。
        {failed.unlockAt
          ? `已锁定，${formatter.format(new Date(failed.unlockAt))} 后可再试。`
          : `今天还可以再试 ${failed.remainingAttempts} 次。`}
        <span className="en">
          {' '}Not passed: {failed.correct} of {failed.total} right.{' '}
          {failed.unlockAt ? `Locked until ${formatter.format(new Date(failed.unlockAt))}.` : `${failed.remainingAttempts} attempts left today.`}
        </span>
        {!failed.unlockAt && (
          <p>
            <a href={`/enrol?next=${encodeURIComponent(next)}`}>再试一次 / Try again</a>
          </p>
        )}
      </div>
    );
  }

  if (!attempt) {
    return (
      <form action={start}>
        {started && started.status !== 'ok' && <div className="alert error" role="alert">{started.message}</div>}
        <p>
          回答 4 道根据您本人户籍、车辆、证件记录生成的选择题，每题限时 2 分钟，须全部答对。24 小时内最多 3 次，今天还有 {attemptState.remaining} 次。
          <span className="en"> Answer 4 multiple-choice questions drawn from your own records, 2 minutes each; all must be right. At most 3 attempts in 24 hours — {attemptState.remaining} left today.</span>
        </p>
        <button type="submit" disabled={isStarting}>开始答题 / Start</button>
      </form>
    );
  }

  return (
    <form action={answer} data-testid="questionnaire">
      <input type="hidden" name="attemptId" value={attempt.attemptId} />
      <input type="hidden" name="next" value={next} />
      <p role="timer" aria-live="off" className="hint">
        剩余时间 / Time left: {secondsLeft !== null ? `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')}` : '—'}
      </p>
      {answered && answered.status !== 'ok' && <div className="alert error" role="alert">{answered.message}</div>}
      {attempt.questions.map((question, index) => (
        <fieldset key={question.key} className="card" data-testid="question" data-kind={question.kind}>
          <legend>
            {index + 1}. {question.promptZh} <span className="en">{question.promptEn}</span>
          </legend>
          {question.options.map((option) => (
            <label key={option.id} className="choice">
              <input type="radio" name={`answer:${question.key}`} value={option.id} required /> {option.labelZh}
              {option.labelEn !== option.labelZh && <span className="en"> {option.labelEn}</span>}
            </label>
          ))}
        </fieldset>
      ))}
      <button type="submit" disabled={isAnswering || secondsLeft === 0}>提交答案 / Submit answers</button>
    </form>
  );
}
