import type { Database } from '@/db/connect';
import type { StaffActor } from '@/lib/auth/actor';
import { canManageCertificates } from '@/lib/auth/permissions';
import { toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { listCertificateCopies } from '@/lib/certificates/revoke-and-reissue';
import { deliveryMethodOf } from '@/lib/delivery/create-dispatch';
import { maskIdNumber, maskPhone } from '@/lib/privacy/mask';
import { findServiceVersion } from '@/lib/services/published-catalogue';
import { describeFormValues } from '@/lib/services/form-display';
import { findNextCase, getCaseReview } from './case-review';
import { recordCaseView } from './record-case-view';
import { approverOf, canEscalateCase, isClaimLive, isOpenStatus, transitionsForCase } from './state-machine';

/**
 * Everything the staff case page renders, or undefined when the case is outside the caller's scope.
 * Opening a case is on the record (the view is audited here, not in the page). The applicant's ID
 * number and mobile leave here masked: the full values only come through "show"
 * (lib/applications/reveal-case-pii.ts), which is audited on its own.
 */
export async function getCaseView(db: Database, actor: StaffActor, applicationId: string, now = new Date()) {
  const [review, copies] = await Promise.all([getCaseReview(db, actor, applicationId), listCertificateCopies(db, actor, applicationId)]);
  if (!review) return undefined;
  await recordCaseView(db, actor, review.application.id);
  const nextCaseId = await findNextCase(db, actor, review.application.id);
  const { application, registry, events } = review;
  const definition = await findServiceVersion(db, application.serviceId, application.serviceVersion);
  const { resident } = registry;
  const fromAddress = (application.formData as { fromAddress?: unknown } | null)?.fromAddress;
  return {
    ...review,
    // Only what the page shows: the form is rendered as formRows (its raw JSON also holds the mobile).
    application: { ...withoutFormData(application), contactPhone: maskPhone(application.contactPhone) },
    registry: {
      ...registry,
      resident: { name: resident.name, idNumber: maskIdNumber(resident.idNumber), sex: resident.sex, birthDate: resident.birthDate, address: resident.address, status: resident.status },
    },
    copies,
    nextCaseId: nextCaseId ?? null,
    definition,
    isMine: application.claimedByStaffId === actor.staffId,
    isClaimHeld: isClaimLive(application, now),
    transitions: transitionsForCase({ ...application, approvedByStaffId: approverOf(events) }, actor, now),
    daysLeft: application.deadlineDate && isOpenStatus(application.status) ? workingDaysBetween(toBeijingDate(now), application.deadlineDate) : null,
    fromAddress: typeof fromAddress === 'string' ? fromAddress : '',
    fromMatchesRegistry: fromAddress === resident.address,
    formRows: definition ? describeFormValues(definition, application.formData) : [],
    deliveryMethod: deliveryMethodOf(application),
    canEscalate: canEscalateCase(application, actor),
    canManageCertificates: canManageCertificates(actor),
  };
}

export type CaseView = NonNullable<Awaited<ReturnType<typeof getCaseView>>>;

function withoutFormData<T extends { formData: unknown }>(application: T): Omit<T, 'formData'> {
  const { formData: _formData, ...rest } = application;
  return rest;
}
