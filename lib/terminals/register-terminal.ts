import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { terminalKindEnum, verifierTerminals, type TerminalKind } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { canManageTerminals } from '@/lib/auth/permissions';
import { msg } from '@/lib/i18n/problem';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { conflict, forbidden, invalid, notFound, ok, type Result } from '@/lib/result';
import { generateTerminalApiKey, hashTerminalApiKey, terminalApiKeyPrefix } from './api-keys';

const districtCodes = WUHAN_DISTRICTS.map((d) => d.code) as [string, ...string[]];

export const registerTerminalSchema = z.object({
  name: z
    .string({ error: msg('problems.terminals.enterName') })
    .trim()
    .min(2, { error: msg('problems.terminals.nameMin') })
    .max(60, { error: msg('problems.terminals.nameMax') }),
  kind: z.enum(terminalKindEnum.enumValues, { error: msg('problems.terminals.chooseKind') }),
  districtCode: z.enum(districtCodes, { error: msg('problems.terminals.chooseDistrict') }),
});

export type TerminalSummary = {
  id: string;
  name: string;
  kind: TerminalKind;
  districtCode: string;
  apiKeyPrefix: string;
  isActive: boolean;
  createdAt: Date;
};

// Terminals are bureau infrastructure: only an admin registers, lists or deactivates them.

/** Registers a terminal and returns its API key — the only time the key exists outside the terminal. */
export async function registerTerminal(
  db: Database,
  actor: StaffActor,
  rawInput: unknown,
  now = new Date(),
): Promise<Result<{ terminalId: string; apiKey: string; apiKeyPrefix: string }>> {
  if (!canManageTerminals(actor)) return forbidden();
  const parsed = registerTerminalSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(msg('problems.common.checkForm'), z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;

  const apiKey = generateTerminalApiKey();
  const apiKeyPrefix = terminalApiKeyPrefix(apiKey);
  const terminalId = await db.transaction(async (tx) => {
    const [terminal] = await tx
      .insert(verifierTerminals)
      .values({ ...input, apiKeyHash: hashTerminalApiKey(apiKey), apiKeyPrefix, createdAt: now })
      .returning({ id: verifierTerminals.id });
    await writeAudit(tx, {
      action: 'terminal.registered',
      actorType: 'staff',
      actorId: actor.staffId,
      subjectType: 'terminal',
      subjectId: terminal!.id,
      details: { name: input.name, kind: input.kind, districtCode: input.districtCode, apiKeyPrefix },
    });
    return terminal!.id;
  });
  return ok({ terminalId, apiKey, apiKeyPrefix });
}

/** Stops a terminal's key at once; the terminal stays in the list and in citizens' histories. */
export async function deactivateTerminal(db: Database, actor: StaffActor, terminalId: unknown): Promise<Result<{ terminalId: string }>> {
  if (!canManageTerminals(actor)) return forbidden();
  const id = z.uuid().safeParse(terminalId);
  if (!id.success) return notFound(msg('problems.terminals.notFound'));

  const [terminal] = await db.select({ id: verifierTerminals.id, name: verifierTerminals.name, isActive: verifierTerminals.isActive }).from(verifierTerminals).where(eq(verifierTerminals.id, id.data));
  if (!terminal) return notFound(msg('problems.terminals.notFound'));
  if (!terminal.isActive) return conflict(msg('problems.terminals.alreadyDeactivated'));

  const isChanged = await db.transaction(async (tx) => {
    const updated = await tx
      .update(verifierTerminals)
      .set({ isActive: false })
      .where(and(eq(verifierTerminals.id, terminal.id), eq(verifierTerminals.isActive, true)))
      .returning({ id: verifierTerminals.id });
    if (updated.length === 0) return false;
    await writeAudit(tx, {
      action: 'terminal.deactivated',
      actorType: 'staff',
      actorId: actor.staffId,
      subjectType: 'terminal',
      subjectId: terminal.id,
      details: { name: terminal.name },
    });
    return true;
  });
  if (!isChanged) return conflict(msg('problems.terminals.alreadyDeactivated'));
  return ok({ terminalId: terminal.id });
}

/** Every terminal, active first, newest first; never the key hash. */
export async function listTerminals(db: Executor, actor: StaffActor): Promise<Result<TerminalSummary[]>> {
  if (!canManageTerminals(actor)) return forbidden();
  const rows = await db
    .select({
      id: verifierTerminals.id,
      name: verifierTerminals.name,
      kind: verifierTerminals.kind,
      districtCode: verifierTerminals.districtCode,
      apiKeyPrefix: verifierTerminals.apiKeyPrefix,
      isActive: verifierTerminals.isActive,
      createdAt: verifierTerminals.createdAt,
    })
    .from(verifierTerminals)
    .orderBy(desc(verifierTerminals.isActive), desc(verifierTerminals.createdAt), asc(verifierTerminals.name));
  return ok(rows);
}
