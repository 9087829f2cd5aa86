'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { answerQuestionnaireAction, deferRealPersonAction, startQuestionnaireAction, type AnswerState, type EnrolState, type StartState } from './actions';

export function DeferRealPersonForm({ next }: { next: string }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<EnrolState, FormData>(deferRealPersonAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="next" value={next} />
      {state && state.status !== 'ok' && <div className="alert error" role="alert">{pick(state.message)}</div>}
      <button type="submit" className="secondary" disabled={isPending}>{t('enrol.defer')}</button>
    </form>
  );
}

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
  const { t, pick, dateTime, locale } = useTranslator();
  const [started, start, isStarting] = useActionState<StartState, FormData>(startQuestionnaireAction, null);
  const [answered, answer, isAnswering] = useActionState<AnswerState, FormData>(answerQuestionnaireAction, null);
  const attempt = started?.status === 'ok' ? started.data : null;
  const deadline = attempt ? new Date(attempt.deadlineAt) : null;
  const secondsLeft = useSecondsLeft(deadline);
  // The start button is gone once the questions arrive: the focus goes to the first question's first
  // choice (a screen reader reads its legend), not back to the top of the page.
  const questionsRef = useRef<HTMLFormElement>(null);
  const attemptId = attempt?.attemptId;
  useEffect(() => {
    if (attemptId) questionsRef.current?.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
  }, [attemptId]);

  if (!attemptState.allowed) {
    return (
      <div className="alert error" role="alert" data-testid="questionnaire-locked">
        {t('enrol.questionnaire.locked', { time: dateTime(attemptState.unlockAt) })}
      </div>
    );
  }
  const failed = answered?.status === 'ok' && !answered.data.passed ? answered.data : null;
  if (failed) {
    return (
      <div className="alert error" role="alert" data-testid="questionnaire-failed">
        {t('enrol.questionnaire.failed', { correct: failed.correct, total: failed.total })}{' '}
        {failed.unlockAt
          ? t('enrol.questionnaire.lockedUntil', { time: dateTime(failed.unlockAt) })
          : t('enrol.questionnaire.attemptsLeft', { count: failed.remainingAttempts })}
        {!failed.unlockAt && (
          <p>
            <a href={`/enrol?next=${encodeURIComponent(next)}`}>{t('enrol.questionnaire.tryAgain')}</a>
          </p>
        )}
      </div>
    );
  }

  if (!attempt) {
    return (
      <form action={start}>
        {started && started.status !== 'ok' && <div className="alert error" role="alert">{pick(started.message)}</div>}
        <p>{t('enrol.questionnaire.intro', { count: attemptState.remaining })}</p>
        <button type="submit" disabled={isStarting}>{t('enrol.questionnaire.start')}</button>
      </form>
    );
  }

  return (
    <form action={answer} data-testid="questionnaire" ref={questionsRef}>
      <input type="hidden" name="attemptId" value={attempt.attemptId} />
      <input type="hidden" name="next" value={next} />
      <p role="timer" aria-live="off" className="hint">
        {t('enrol.questionnaire.timeLeft', { time: secondsLeft !== null ? `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')}` : '—' })}
      </p>
      {answered && answered.status !== 'ok' && <div className="alert error" role="alert">{pick(answered.message)}</div>}
      {attempt.questions.map((question, index) => (
        <fieldset key={question.key} className="card" data-testid="question" data-kind={question.kind}>
          <legend>
            {index + 1}. {locale === 'en' ? question.promptEn : question.promptZh}
          </legend>
          {question.options.map((option) => (
            <label key={option.id} className="choice">
              <input type="radio" name={`answer:${question.key}`} value={option.id} required /> {locale === 'en' ? option.labelEn : option.labelZh}
            </label>
          ))}
        </fieldset>
      ))}
      <button type="submit" disabled={isAnswering || secondsLeft === 0}>{t('enrol.questionnaire.submit')}</button>
    </form>
  );
}
