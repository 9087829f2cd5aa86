'use server';

import { localized } from '@/lib/i18n/localize';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { addCaseNote } from '@/lib/applications/case-notes';
import { escalateCase } from '@/lib/applications/escalate-case';
import { revealCasePii, type RevealableCaseField } from '@/lib/applications/reveal-case-pii';
import { transitionApplication } from '@/lib/applications/transition-application';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { transitionDispatch } from '@/lib/delivery/transition-dispatch';
import { getEnv } from '@/lib/env';
import { runMasked } from '@/lib/logging';
import { kickOutbox } from '@/lib/notifications/outbox-worker';
import type { Result } from '@/lib/result';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { msg } from '@/lib/i18n/problem';

export type StaffActionState = Result<{ status: string; message: string }> | null;

/** Claim, decide, ask for more or countersign: the operation checks district, role, claim and version. */
export const caseTransitionAction = localized(async function caseTransitionAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.workTheQueue);
  if (isFailure(actor)) return actor;
  const applicationId = String(formData.get('applicationId') ?? '');
  const result = await runMasked('case-transition', async () =>
    transitionApplication(
      await getDb(),
      actor,
      { applicationId, transition: formData.get('transition'), expectedVersion: formData.get('expectedVersion'), reason: formData.get('reason') ?? '' },
      { publicBaseUrl: getEnv().PUBLIC_BASE_URL },
    ),
  );
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath(`/staff/cases/${applicationId}`);
  revalidatePath('/staff/queue');
  return { status: 'ok', data: { status: result.data.status, message: msg('problems.staff.saved') } };
});

/** A supervisor moves a mailed certificate along: printed, handed to courier, delivered or returned. */
export const dispatchTransitionAction = localized(async function dispatchTransitionAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageDeliveries);
  if (isFailure(actor)) return actor;
  const result = await runMasked('dispatch-transition', async () =>
    transitionDispatch(await getDb(), actor, {
      dispatchId: formData.get('dispatchId'),
      transition: formData.get('transition'),
      expectedVersion: formData.get('expectedVersion'),
      courier: formData.get('courier') ?? '',
      trackingNumber: formData.get('trackingNumber') ?? '',
      reason: formData.get('reason') ?? '',
    }),
  );
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath('/staff/deliveries');
  return { status: 'ok', data: { status: result.data.status, message: msg('problems.staff.updated') } };
});

/** An internal note on a case: district scope is checked by the operation. */
export const addCaseNoteAction = localized(async function addCaseNoteAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.workTheQueue);
  if (isFailure(actor)) return actor;
  const applicationId = String(formData.get('applicationId') ?? '');
  const result = await runMasked('case-note', async () => addCaseNote(await getDb(), actor, { applicationId, body: formData.get('body') ?? '' }));
  if (result.status !== 'ok') return result;
  revalidatePath(`/staff/cases/${applicationId}`);
  return { status: 'ok', data: { status: 'noted', message: msg('problems.staff.noteAdded') } };
});

/** The clerk holding a case asks the supervisor to step in. */
export const escalateCaseAction = localized(async function escalateCaseAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.workTheQueue);
  if (isFailure(actor)) return actor;
  const applicationId = String(formData.get('applicationId') ?? '');
  const result = await runMasked('case-escalate', async () =>
    escalateCase(await getDb(), actor, { applicationId, expectedVersion: formData.get('expectedVersion'), reason: formData.get('reason') ?? '' }),
  );
  if (result.status !== 'ok') return result;
  kickOutbox();
  revalidatePath(`/staff/cases/${applicationId}`);
  return { status: 'ok', data: { status: 'escalated', message: msg('problems.staff.escalated') } };
});

export type RevealPiiState = Result<{ field: RevealableCaseField; value: string }> | null;

/** "Show" beside a masked ID number or mobile on the case page: the operation checks scope and audits the look. */
export const revealCasePiiAction = localized(async function revealCasePiiAction(_prev: RevealPiiState, formData: FormData): Promise<RevealPiiState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.workTheQueue);
  if (isFailure(actor)) return actor;
  return runMasked('case-reveal-pii', async () => revealCasePii(await getDb(), actor, { applicationId: formData.get('applicationId'), field: formData.get('field') }));
});
