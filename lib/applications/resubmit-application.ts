import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { applicationEvents } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { actorRef, type Actor } from '@/lib/auth/actor';
import { toBeijingDate } from '@/lib/calendar/working-days';
import { invalid, type Result } from '@/lib/result';
import type { ServiceDefinition } from '@/lib/services/catalog';
import { findServiceVersion } from '@/lib/services/published-catalogue';
import { buildDetailsSchema } from '@/lib/services/form-schema';
import { applyTransition, type ApplicationRow } from './apply-transition';
import { checkServiceDocuments, storeDocuments, type UploadedFile } from './documents';
import { requestedItems } from './material-request';
import { loadRegistryChoices } from './queries';
import type { TransitionContext, TransitionInput, TransitionOutcome } from './transition-input';
import { msg } from '@/lib/i18n/problem';

/**
 * The citizen sends the case back after the clerk asked for more material: with the documents asked
 * for and the fields asked to be corrected (checked with the service's own schema). The deadline runs
 * again; a corrected destination district moves the case to that district's office. The shared checks have passed.
 */
export async function resubmitApplication(
  db: Database,
  actor: Actor,
  application: ApplicationRow,
  input: TransitionInput & { transition: 'resubmit' },
  ctx: TransitionContext,
  attachments: UploadedFile[],
  corrections: Record<string, string>,
): Promise<Result<TransitionOutcome>> {
  const now = ctx.now ?? new Date();
  // Corrections are checked against the form the application was filed under, not a later version.
  const definition = await findServiceVersion(db, application.serviceId, application.serviceVersion);
  const added = definition ? await checkServiceDocuments(definition, attachments, { requireAllRequired: false }) : { documents: [], fieldErrors: {} };
  if (Object.keys(added.fieldErrors).length > 0) return invalid(msg('problems.applications.checkDocuments'), added.fieldErrors);
  let correctedForm: Record<string, unknown> | undefined;
  if (Object.keys(corrections).length > 0) {
    if (!definition) return invalid(msg('problems.applications.fieldsOnlyOnResubmit'));
    const corrected = await checkCorrections(db, definition, application, corrections, toBeijingDate(now));
    if (!corrected.ok) return invalid(msg('problems.applications.correctMarkedFields'), corrected.fieldErrors);
    correctedForm = corrected.formData;
  }
  // A corrected destination district moves the case: the new district's office decides it.
  const jurisdictionValue = correctedForm && definition?.jurisdictionField ? correctedForm[definition.jurisdictionField] : undefined;
  const movedTo = typeof jurisdictionValue === 'string' && jurisdictionValue && jurisdictionValue !== application.districtCode ? jurisdictionValue : undefined;

  return applyTransition(db, actor, application, {
    transition: 'resubmit',
    to: 'submitted',
    reason: input.reason,
    now,
    set: {
      ...(correctedForm ? { formData: correctedForm } : {}),
      // The claim is already released by the resubmit; the old district's clerks no longer see the case.
      ...(movedTo ? { districtCode: movedTo, claimedByStaffId: null, claimedAt: null, claimExpiresAt: null } : {}),
    },
    auditDetails: {
      documents: added.documents.length > 0 ? added.documents.map((d) => ({ kind: d.kind, sha256: d.sha256 })) : undefined,
      correctedFields: correctedForm ? Object.keys(corrections) : undefined,
    },
    within: async (tx) => {
      await storeDocuments(tx, application.id, added.documents, now);
      if (movedTo) {
        await writeAudit(tx, {
          action: 'application.jurisdiction_moved',
          ...actorRef(actor),
          subjectType: 'application',
          subjectId: application.id,
          details: { from: application.districtCode, to: movedTo, field: definition?.jurisdictionField, releasedClaimOf: application.claimedByStaffId ?? undefined },
        });
      }
    },
  });
}

/**
 * A resubmit's corrected fields: only those the clerk's latest request names may change, and the form
 * as corrected must pass the service's schema as a submit would.
 */
async function checkCorrections(
  db: Database,
  service: ServiceDefinition,
  application: ApplicationRow,
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
  if (refused.length > 0) return { ok: false, fieldErrors: Object.fromEntries(refused.map((n) => [`field.${n}`, [msg('problems.applications.fieldNotAskedFor')]])) };
  const current = (application.formData ?? {}) as Record<string, unknown>;
  const merged = { ...current, ...corrections };
  const parsed = buildDetailsSchema(service, await loadRegistryChoices(db, application.residentId), today).safeParse(merged);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return { ok: false, fieldErrors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [`field.${k}`, v])) };
  }
  return { ok: true, formData: { ...current, ...Object.fromEntries(Object.keys(corrections).map((k) => [k, (parsed.data as Record<string, string>)[k]])) } };
}
