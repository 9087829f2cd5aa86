// The designer's one write: an administrator publishes a service definition as a new version. The
// version is checked exactly as the code catalogue checks its own (serviceDefinitionSchema), written
// with the service row that mirrors it and its audit entry in one transaction, and never changed after:
// applications filed under an earlier version keep reading theirs (published-catalogue.ts).
import { eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { serviceVersions, services } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { canDesignServices } from '@/lib/auth/permissions';
import { conflict, forbidden, invalid, ok, OperationFailure, type FieldErrors, type Result } from '@/lib/result';
import { serviceDefinitionSchema } from './catalog';
import { forgetPublishedCatalogue } from './published-catalogue';
import { serviceRowFrom } from './sync-services';
import { msg } from '@/lib/i18n/problem';

const publishInputSchema = z.object({
  definition: z.unknown(),
  /** The version the administrator edited; null for a new service. A different current version means someone published meanwhile. */
  basedOnVersion: z.number().int().min(1).nullable(),
});

export type PublishOutcome = { serviceId: string; version: number; isNew: boolean };

/** One of zod's issues in words the administrator reads (a reference, as every operation's message). */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return msg('problems.common.fillIn');
      if (issue.origin === 'array') return msg('problems.services.designer.atLeastItems', { n: Number(issue.minimum) });
      return msg('problems.services.designer.atLeast', { n: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string' ? msg('problems.services.designer.atMostCharacters', { n: Number(issue.maximum) }) : msg('problems.services.designer.atMost', { n: Number(issue.maximum) });
    case 'invalid_format':
      return msg('problems.services.designer.format');
    case 'invalid_type':
      return msg('problems.services.designer.validValue');
    case 'invalid_value':
    case 'invalid_union':
      return msg('problems.services.designer.fromList');
    case 'custom':
      return issue.message;
    default:
      return msg('problems.services.designer.notValid');
  }
}

/** zod's issues as the form's field errors, keyed by the path the designer's inputs are named after. */
function issuesAsFieldErrors(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'definition';
    (fieldErrors[key] ??= []).push(describeIssue(issue));
  }
  return fieldErrors;
}

export async function publishServiceVersion(db: Database, actor: StaffActor, raw: unknown, now = new Date()): Promise<Result<PublishOutcome>> {
  if (!canDesignServices(actor)) return forbidden();
  const input = publishInputSchema.safeParse(raw);
  if (!input.success) return invalid(msg('problems.common.invalidRequest'));
  const parsed = serviceDefinitionSchema.safeParse(input.data.definition);
  if (!parsed.success) return invalid(msg('problems.services.designer.correctAndPublish'), issuesAsFieldErrors(parsed.error));
  const definition = parsed.data;
  try {
    const outcome = await db.transaction(async (tx) => {
      // Lock the service row (when there is one), so two administrators publishing at once take turns.
      const [row] = await tx.select({ id: services.id }).from(services).where(eq(services.id, definition.id)).for('update');
      const [latest] = await tx.select({ version: max(serviceVersions.version) }).from(serviceVersions).where(eq(serviceVersions.serviceId, definition.id));
      const current = latest?.version ?? null;
      if (input.data.basedOnVersion === null && row) throw new OperationFailure(conflict(msg('problems.services.designer.idExists')));
      if (input.data.basedOnVersion !== null && current !== input.data.basedOnVersion) {
        throw new OperationFailure(conflict(msg('problems.services.designer.newerVersion')));
      }
      const version = (current ?? 0) + 1;
      if (row) await tx.update(services).set(serviceRowFrom(definition, version)).where(eq(services.id, definition.id));
      else await tx.insert(services).values(serviceRowFrom(definition, version));
      await tx.insert(serviceVersions).values({ serviceId: definition.id, version, definition, origin: 'designer', publishedAt: now, publishedByStaffId: actor.staffId });
      await writeAudit(tx, {
        action: 'service.published',
        actorType: 'staff',
        actorId: actor.staffId,
        subjectType: 'service',
        subjectId: definition.id,
        details: { version, isNew: !row },
      });
      return { serviceId: definition.id, version, isNew: !row };
    });
    forgetPublishedCatalogue(db);
    return ok(outcome);
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}
