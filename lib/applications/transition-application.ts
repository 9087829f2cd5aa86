import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '@/db/connect';
import { applicationEvents, applications, services, staffUsers } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { actorRef, type Actor } from '@/lib/auth/actor';
import { issueCertificate } from '@/lib/certificates/issue-certificate';
import { deliveryMethodOf } from '@/lib/delivery/create-dispatch';
import { pickupOfficeFor } from '@/lib/delivery/pickup-office';
import { queueCitizenNotice, type CitizenNotice } from './citizen-notices';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { findApplicationForActor } from './access';
import { checkServiceDocuments, storeDocuments, type UploadedFile } from './documents';
import { findService, type ServiceDefinition } from '@/lib/services/catalog';
import { buildDetailsSchema } from '@/lib/services/form-schema';
import { requestedItems } from './material-request';
import { loadRegistryChoices } from './queries';
import { addWorkingDays, toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { CLAIM_TTL_MS, isClaimLive, mayCountersign, STATUS_LABELS, TRANSITIONS, targetStatus, type TransitionName } from './state-machine';

export const transitionInputSchema = z.object({
  applicationId: z.uuid(),
  transition: z.enum(Object.keys(TRANSITIONS) as [TransitionName, ...TransitionName[]]),
  expectedVersion: z.coerce.number().int().min(1),
  reason: z.string().trim().max(1000).optional().default(''),
  /** Only for `assign`: the clerk who gets the case. */
  assigneeStaffId: z.uuid().optional(),
});

export type TransitionContext = { now?: Date; publicBaseUrl: string };

export type TransitionOutcome = { status: string; version: number; certificateId?: string };

const STALE = '该申请已被他人处理或已更新，请刷新后查看最新状态 / This case was changed by someone else; reload to see its current state';

/**
 * The one way an application changes status. Loads the case within the caller's scope, checks
 * role, state, claim and version, then changes the row and writes its timeline, audit entry and
 * notifications in one transaction. An approval issues the certificate in that same transaction.
 */
export async function transitionApplication(
  db: Database,
  actor: Actor,
  rawInput: unknown,
  ctx: TransitionContext,
  /** Documents added with a resubmit (the material the clerk asked for); stored in the same transaction. */
  attachments: UploadedFile[] = [],
  /** Fields corrected with a resubmit: only those the clerk's request names, checked with the service's own schema. */
  corrections: Record<string, string> = {},
): Promise<Result<TransitionOutcome>> {
  const parsed = transitionInputSchema.safeParse(rawInput);
  if (!parsed.success) return invalid('请求无效 / Invalid request', z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  const now = ctx.now ?? new Date();
  const rule = TRANSITIONS[input.transition];

  const application = await findApplicationForActor(db, actor, input.applicationId);
  if (!application) return notFound('未找到该申请 / Application not found');
  if (!rule.roles.includes(actor.role)) return forbidden();
  if (!rule.from.includes(application.status)) {
    return conflict(`该申请当前状态为“${STATUS_LABELS[application.status].zh}”，不能执行此操作 / The case is now “${STATUS_LABELS[application.status].en}”; this action is no longer possible`);
  }
  if (application.version !== input.expectedVersion) return conflict(STALE);
  if (rule.requiresClaim && (actor.kind !== 'staff' || application.claimedByStaffId !== actor.staffId)) {
    return forbidden('请先受理（认领）此案件 / Claim this case before deciding it');
  }
  if (input.transition === 'claim' && application.status === 'in_review' && actor.kind === 'staff' && application.claimedByStaffId !== actor.staffId) {
    if (isClaimLive(application, now)) {
      const [holder] = await db.select({ staffNumber: staffUsers.staffNumber }).from(staffUsers).where(eq(staffUsers.id, application.claimedByStaffId!));
      const until = application.claimExpiresAt ? ` 至 ${application.claimExpiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
      return conflict(`此案件已由警号 ${holder?.staffNumber ?? '—'} 受理${until}，请选择其他案件 / Another clerk (${holder?.staffNumber ?? '—'}) holds this case; pick another one`);
    }
  }
  let assignee: { id: string } | undefined;
  if (input.transition === 'assign') {
    if (!input.assigneeStaffId) return invalid('请选择经办民警 / Choose a clerk', { assigneeStaffId: ['请选择经办民警 / Choose a clerk'] });
    const [target] = await db.select().from(staffUsers).where(eq(staffUsers.id, input.assigneeStaffId));
    // The clerk must be active and work in the case's district: a case never leaves its jurisdiction.
    if (!target || !target.isActive || target.role !== 'clerk' || !target.districtCodes.includes(application.districtCode)) {
      return invalid('该民警不负责此案件的辖区 / This clerk does not work in the case’s district', { assigneeStaffId: ['该民警不负责此案件的辖区 / Not a clerk of this district'] });
    }
    assignee = { id: target.id };
  }
  if (rule.requiresReason && input.reason.length < 2) {
    return invalid('请填写理由 / Give a reason', { reason: ['请填写理由 / Give a reason'] });
  }

  const [service] = await db.select().from(services).where(eq(services.id, application.serviceId));
  if (!service) return notFound();
  if (attachments.length > 0 && input.transition !== 'resubmit') return invalid('只有补正时可以上传材料 / Documents can only be added when resubmitting');
  const definition = findService(service.id);
  const added = definition ? await checkServiceDocuments(definition, attachments, { requireAllRequired: false }) : { documents: [], fieldErrors: {} };
  if (Object.keys(added.fieldErrors).length > 0) return invalid('请检查上传的材料 / Please check the documents', added.fieldErrors);
  let correctedForm: Record<string, unknown> | undefined;
  if (Object.keys(corrections).length > 0) {
    if (input.transition !== 'resubmit' || !definition) return invalid('只有补正时可以修改申请内容 / Fields can only be corrected when resubmitting');
    const corrected = await checkCorrections(db, definition, application, corrections, toBeijingDate(now));
    if (!corrected.ok) return invalid('请修改标出的内容 / Please correct the marked fields', corrected.fieldErrors);
    correctedForm = corrected.formData;
  }
  const needsCountersign = service.approvalChain === 'clerk_and_supervisor';
  // A corrected destination district moves the case: the new district's office decides it.
  const jurisdictionValue = correctedForm && definition?.jurisdictionField ? correctedForm[definition.jurisdictionField] : undefined;
  const movedTo = typeof jurisdictionValue === 'string' && jurisdictionValue && jurisdictionValue !== application.districtCode ? jurisdictionValue : undefined;

  if (input.transition === 'countersign' && actor.kind === 'staff') {
    const [approval] = await db
      .select({ actorId: applicationEvents.actorId })
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, application.id), eq(applicationEvents.transition, 'approve')))
      .orderBy(desc(applicationEvents.id))
      .limit(1);
    if (!mayCountersign(approval?.actorId, actor)) return forbidden('不能复核自己批准的案件 / You cannot countersign your own approval');
  }

  const to = targetStatus(input.transition, { needsCountersign });
  const isDecision = to === 'approved' || to === 'rejected';
  const claimUntil = new Date(now.getTime() + CLAIM_TTL_MS);
  const claim =
    input.transition === 'claim' && actor.kind === 'staff'
      ? { claimedByStaffId: actor.staffId, claimedAt: now, claimExpiresAt: claimUntil }
      : assignee
        ? { claimedByStaffId: assignee.id, claimedAt: now, claimExpiresAt: claimUntil }
        : input.transition === 'release' || to === 'needs_more_material' || input.transition === 'resubmit' || to === 'withdrawn'
          ? { claimedByStaffId: null, claimedAt: null, claimExpiresAt: null }
          : input.transition === 'return_for_review'
            ? { claimExpiresAt: claimUntil } // back with the clerk who approved: their hold starts again
            : {};

  const today = toBeijingDate(now);
  const deadline =
    to === 'needs_more_material' && application.deadlineDate
      ? { deadlinePausedDaysLeft: Math.max(0, workingDaysBetween(today, application.deadlineDate)) }
      : input.transition === 'resubmit' && application.deadlinePausedDaysLeft !== null
        ? { deadlineDate: addWorkingDays(today, Math.max(1, application.deadlinePausedDaysLeft)), deadlinePausedDaysLeft: null }
        : {};

  try {
    const outcome = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(applications)
        .set({
          status: to,
          version: application.version + 1,
          updatedAt: now,
          ...claim,
          ...deadline,
          ...(isDecision ? { decidedAt: now, decisionReason: input.reason || null } : {}),
          ...(correctedForm ? { formData: correctedForm } : {}),
          // The claim is already released by the resubmit; the old district's clerks no longer see the case.
          ...(movedTo ? { districtCode: movedTo, claimedByStaffId: null, claimedAt: null, claimExpiresAt: null } : {}),
        })
        .where(and(eq(applications.id, application.id), eq(applications.version, application.version), eq(applications.status, application.status)))
        .returning();
      // Someone else changed the row between our read and this write: exactly one of them wins.
      if (!updated) throw new OperationFailure(conflict(STALE));

      await storeDocuments(tx, application.id, added.documents, now);
      await tx.insert(applicationEvents).values({
        applicationId: application.id,
        fromStatus: application.status,
        toStatus: to,
        transition: input.transition,
        ...actorRef(actor),
        actorLabel: actor.kind === 'staff' ? `${actor.office} · 警号 ${actor.staffNumber} / Staff no. ${actor.staffNumber}, ${actor.office}` : null,
        reason: input.reason || null,
        createdAt: now,
      });
      await writeAudit(tx, {
        action: 'application.transitioned',
        ...actorRef(actor),
        subjectType: 'application',
        subjectId: application.id,
        details: {
          transition: input.transition,
          from: application.status,
          to,
          version: updated.version,
          reason: input.reason || undefined,
          assigneeStaffId: assignee?.id,
          documents: added.documents.length > 0 ? added.documents.map((d) => ({ kind: d.kind, sha256: d.sha256 })) : undefined,
          correctedFields: correctedForm ? Object.keys(corrections) : undefined,
        },
      });

      if (movedTo) {
        await writeAudit(tx, {
          action: 'application.jurisdiction_moved',
          ...actorRef(actor),
          subjectType: 'application',
          subjectId: application.id,
          details: { from: application.districtCode, to: movedTo, field: definition?.jurisdictionField, releasedClaimOf: application.claimedByStaffId ?? undefined },
        });
      }

      let certificateId: string | undefined;
      if (to === 'approved') {
        const issued = await issueCertificate(tx, updated, {
          now,
          publicBaseUrl: ctx.publicBaseUrl,
          actorId: actorRef(actor).actorId,
        });
        certificateId = issued.certificateId;
      }
      await notifyCitizen(tx, updated, to, input.reason);
      return { status: to, version: updated.version, certificateId };
    });
    return ok(outcome);
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

async function notifyCitizen(
  tx: Transaction,
  application: typeof applications.$inferSelect,
  to: string,
  reason: string,
) {
  // In the citizen's own language (lib/applications/citizen-notices.ts).
  const notice: CitizenNotice | undefined =
    to === 'needs_more_material'
      ? { kind: 'needs_more_material', reason }
      : to === 'approved'
        ? deliveryMethodOf(application) === 'counter'
          ? { kind: 'approved', isCounterPickup: true, pickup: pickupOfficeFor(application.districtCode) }
          : { kind: 'approved', isCounterPickup: false }
        : to === 'rejected'
          ? { kind: 'rejected', reason }
          : undefined;
  if (notice) await queueCitizenNotice(tx, application.citizenAccountId, application.referenceNumber, notice);
}

/**
 * A resubmit's corrected fields: only those the clerk's latest request names may change, and the form
 * as corrected must pass the service's schema as a submit would.
 */
async function checkCorrections(
  db: Database,
  service: ServiceDefinition,
  application: typeof applications.$inferSelect,
  corrections: Record<string, string>,
  today: string,
): Promise<{ ok: true; formData: Record<string, unknown> } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const [request] = await db
    .select({ reason: applicationEvents.reason })
    .from(applicationEvents)
    .where(and(eq(applicationEvents.applicationId, application.id), eq(applicationEvents.transition, 'request_more_material')))
    .orderBy(desc(applicationEvents.id))
    .limit(1);
  const allowed = new Set(requestedItems(service, request?.reason).fields.map((f) => f.name));
  const refused = Object.keys(corrections).filter((name) => !allowed.has(name));
  if (refused.length > 0) return { ok: false, fieldErrors: Object.fromEntries(refused.map((n) => [`field.${n}`, ['此项无需修改 / This field was not asked for']])) };
  const current = (application.formData ?? {}) as Record<string, unknown>;
  const merged = { ...current, ...corrections };
  const parsed = buildDetailsSchema(service, await loadRegistryChoices(db, application.residentId), today).safeParse(merged);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return { ok: false, fieldErrors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [`field.${k}`, v])) };
  }
  return { ok: true, formData: { ...current, ...Object.fromEntries(Object.keys(corrections).map((k) => [k, (parsed.data as Record<string, string>)[k]])) } };
}
