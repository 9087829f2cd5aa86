'use server';

import { localized } from '@/lib/i18n/localize';
import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { getAuthSecret } from '@/lib/auth/secret';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { answerQuestionnaire, deferRealPersonCheck, startQuestionnaire, type AnswerOutcome, type PublicAttempt } from '@/lib/identity/enrolment';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';
import { safeLocalPath } from '@/lib/safe-redirect';
import { clientAddressFrom } from '@/lib/http/client-address';

export type EnrolState = Result<unknown> | null;

/** Gate 2 is not offered yet: go on without it, recorded as not passed. */
export const deferRealPersonAction = localized(async function deferRealPersonAction(_prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const result = await runMasked('defer-real-person', async () => deferRealPersonCheck(await getDb(), actor));
  if (result.status !== 'ok') return result;
  revalidatePath('/enrol');
  redirect(`/enrol?next=${encodeURIComponent(safeLocalPath(formData.get('next'), '/wallet'))}`);
});

export type StartState = Result<PublicAttempt> | null;

export const startQuestionnaireAction = localized(async function startQuestionnaireAction(_prev: StartState, _formData: FormData): Promise<StartState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const clientKey = clientAddressFrom(await headers());
  return runMasked('start-questionnaire', async () => startQuestionnaire(await getDb(), actor, { secret: getAuthSecret(), clientKey }));
});

export type AnswerState = Result<AnswerOutcome> | null;

export const answerQuestionnaireAction = localized(async function answerQuestionnaireAction(_prev: AnswerState, formData: FormData): Promise<AnswerState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const answers: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('answer:') && typeof value === 'string') answers[key.slice('answer:'.length)] = value;
  }
  const result = await runMasked('answer-questionnaire', async () =>
    answerQuestionnaire(await getDb(), actor, { attemptId: formData.get('attemptId'), answers }),
  );
  if (result.status === 'ok' && result.data.passed) {
    revalidatePath('/', 'layout');
    redirect(safeLocalPath(formData.get('next'), '/wallet'));
  }
  return result;
});
