'use server';

import { localized } from '@/lib/i18n/localize';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { checkServiceDocuments } from '@/lib/applications/documents';
import { countDraftDocuments } from '@/lib/applications/draft-documents';
import { saveDraft } from '@/lib/applications/drafts';
import { loadRegistryChoices } from '@/lib/applications/queries';
import { submitApplication } from '@/lib/applications/submit-application';
import { toBeijingDate } from '@/lib/calendar/working-days';
import { findPublishedService } from '@/lib/services/published-catalogue';
import { checkWizardStep, WIZARD_STEPS } from '@/lib/services/form-schema';
import { transitionApplication } from '@/lib/applications/transition-application';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { runMasked } from '@/lib/logging';
import { countUploadInspections } from '@/lib/uploads/upload-throttle';
import { readPostedServiceForm, readPostedUploads } from '@/lib/applications/posted-form';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import { forbidden, invalid, notFound, ok, type Failure, type FieldErrors, type Result } from '@/lib/result';
import { z } from 'zod';
import { msg } from '@/lib/i18n/problem';

export type SubmitState = Failure | null;

/** Fields corrected with a resubmit, posted as `field.<name>`. */
function readCorrections(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    [...formData.entries()].flatMap(([key, value]) => (key.startsWith('field.') && typeof value === 'string' ? [[key.slice('field.'.length), value]] : [])),
  );
}

/** The citizen submits an application for any service; the operation itself validates everything and checks the caller. */
export const submitApplicationAction = localized(async function submitApplicationAction(_prev: SubmitState, formData: FormData): Promise<SubmitState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const serviceId = formData.get('serviceId');
  const result = await runMasked('submit-application', async () =>
    submitApplication(await getDb(), actor, {
      serviceId,
      form: await readPostedServiceForm(await getDb(), serviceId, formData),
      files: await readPostedUploads(formData),
      idempotencyKey: formData.get('idempotencyKey'),
    }),
  );
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath('/me');
  // Replace, not push: the browser's Back must not land on the wizard that was just submitted.
  redirect(`/me/applications/${result.data.applicationId}?submitted=1`, 'replace');
});

const stepInputSchema = z.object({
  serviceId: z.string().min(1).max(60),
  step: z.enum(WIZARD_STEPS),
  values: z.record(z.string(), z.string().max(1000)),
  idempotencyKey: z.uuid().optional(),
});

/** Saves the wizard's draft (debounced by the page); returns the key the eventual submit carries. */
export const saveDraftAction = localized(async function saveDraftAction(input: unknown): Promise<Result<{ savedAt: string; idempotencyKey: string }>> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const parsed = stepInputSchema.safeParse(input);
  if (!parsed.success) return invalid(msg('problems.applications.draftInvalid'));
  const result = await saveDraft(await getDb(), actor, {
    serviceId: parsed.data.serviceId,
    step: parsed.data.step,
    formData: parsed.data.values,
    idempotencyKey: parsed.data.idempotencyKey,
  });
  if (result.status !== 'ok') return result;
  return ok({ savedAt: result.data.savedAt.toISOString(), idempotencyKey: result.data.idempotencyKey });
});

/** One wizard step checked on the server with the submit's own schema. */
export const checkStepAction = localized(async function checkStepAction(input: unknown): Promise<Result<{ fieldErrors: FieldErrors }>> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const parsed = stepInputSchema.safeParse(input);
  if (!parsed.success) return invalid(msg('problems.common.invalidRequest'));
  const db = await getDb();
  const service = await findPublishedService(db, parsed.data.serviceId);
  if (!service) return notFound();
  const registry = await loadRegistryChoices(db, actor.residentId);
  return ok({ fieldErrors: checkWizardStep(service, parsed.data.step, parsed.data.values, registry, toBeijingDate(new Date())) });
});

/** The documents step: the files kept with the draft, and any posted ones inspected as the submit will inspect them; nothing is stored. */
export const checkDocumentsAction = localized(async function checkDocumentsAction(formData: FormData): Promise<Result<{ fieldErrors: FieldErrors }>> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const db = await getDb();
  const service = await findPublishedService(db, String(formData.get('serviceId') ?? ''));
  if (!service) return notFound();
  if (actor.assuranceLevel < service.requiredAssuranceLevel) return forbidden(msg('problems.common.higherLevel'));
  const uploads = await readPostedUploads(formData);
  const throttled = await countUploadInspections(db, actor.accountId, uploads.length);
  if (throttled) return { status: throttled.status, message: throttled.message };
  const kept = await countDraftDocuments(db, actor, service.id);
  const checked = await checkServiceDocuments(service, uploads, { requireAllRequired: true, kept });
  return ok({ fieldErrors: checked.fieldErrors });
});

export type CitizenTransitionState = Result<{ status: string }> | null;

/** Withdraw, or resubmit with the material the clerk asked for; checked against the caller, the state machine and the row version. */
export const citizenTransitionAction = localized(async function citizenTransitionAction(_prev: CitizenTransitionState, formData: FormData): Promise<CitizenTransitionState> {
  const actor = await getCitizenOrFailure();
  if (isFailure(actor)) return actor;
  const transition = formData.get('transition');
  if (transition !== 'withdraw' && transition !== 'resubmit') return forbidden();
  const applicationId = String(formData.get('applicationId') ?? '');
  const result = await runMasked('citizen-transition', async () =>
    transitionApplication(
      await getDb(),
      actor,
      { applicationId, transition, expectedVersion: formData.get('expectedVersion') },
      { publicBaseUrl: getEnv().PUBLIC_BASE_URL },
      transition === 'resubmit' ? await readPostedUploads(formData) : [],
      transition === 'resubmit' ? readCorrections(formData) : {},
    ),
  );
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath(`/me/applications/${applicationId}`);
  return { status: 'ok', data: { status: result.data.status } };
});
