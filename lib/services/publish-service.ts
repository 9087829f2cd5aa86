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

const publishInputSchema = z.object({
  definition: z.unknown(),
  /** The version the administrator edited; null for a new service. A different current version means someone published meanwhile. */
  basedOnVersion: z.number().int().min(1).nullable(),
});

export type PublishOutcome = { serviceId: string; version: number; isNew: boolean };

/** One of zod's issues in words the administrator reads (both languages, as every operation's message). */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return '请填写此项 / Fill this in';
      if (issue.origin === 'array') return `至少需要 ${issue.minimum} 项 / Add at least ${issue.minimum}`;
      return `不能小于 ${issue.minimum} / At least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `不能超过 ${issue.maximum} 个字 / At most ${issue.maximum} characters` : `不能大于 ${issue.maximum} / At most ${issue.maximum}`;
    case 'invalid_format':
      return '格式不正确，见说明 / Not in the form the hint asks for';
    case 'invalid_type':
      return '请填写有效的值 / Enter a valid value';
    case 'invalid_value':
    case 'invalid_union':
      return '请从列表中选择 / Choose one of the listed values';
    case 'custom':
      return issue.message;
    default:
      return '此项无效 / This is not valid';
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
  if (!input.success) return invalid('请求无效 / Invalid request');
  const parsed = serviceDefinitionSchema.safeParse(input.data.definition);
  if (!parsed.success) return invalid('请修改标出的内容后再发布 / Please correct the marked items and publish again', issuesAsFieldErrors(parsed.error));
  const definition = parsed.data;
  try {
    const outcome = await db.transaction(async (tx) => {
      // Lock the service row (when there is one), so two administrators publishing at once take turns.
      const [row] = await tx.select({ id: services.id }).from(services).where(eq(services.id, definition.id)).for('update');
      const [latest] = await tx.select({ version: max(serviceVersions.version) }).from(serviceVersions).where(eq(serviceVersions.serviceId, definition.id));
      const current = latest?.version ?? null;
      if (input.data.basedOnVersion === null && row) throw new OperationFailure(conflict('已有同一编号的事项 / A service with this id exists already'));
      if (input.data.basedOnVersion !== null && current !== input.data.basedOnVersion) {
        throw new OperationFailure(conflict('此事项已有更新的版本，请重新打开后再修改 / A newer version was published meanwhile: open it again and redo your change'));
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
