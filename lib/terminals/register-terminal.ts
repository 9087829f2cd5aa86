import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { terminalKindEnum, verifierTerminals, type TerminalKind } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { canManageTerminals } from '@/lib/auth/permissions';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { conflict, forbidden, invalid, notFound, ok, type Result } from '@/lib/result';
import { generateTerminalApiKey, hashTerminalApiKey, terminalApiKeyPrefix } from './api-keys';

const districtCodes = WUHAN_DISTRICTS.map((d) => d.code) as [string, ...string[]];

export const registerTerminalSchema = z.object({
  name: z
    .string({ error: '请填写终端名称 / Enter the terminal’s name' })
    .trim()
    .min(2, { error: '名称至少 2 个字 / At least 2 characters' })
    .max(60, { error: '名称最多 60 个字 / At most 60 characters' }),
  kind: z.enum(terminalKindEnum.enumValues, { error: '请选择终端类型 / Choose the kind of terminal' }),
  districtCode: z.enum(districtCodes, { error: '请选择所在区 / Choose the district' }),
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
  if (!parsed.success) return invalid('请检查填写的内容 / Please check the form', z.flattenError(parsed.error).fieldErrors);
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
  if (!id.success) return notFound('未找到该终端 / Terminal not found');

  const [terminal] = await db.select({ id: verifierTerminals.id, name: verifierTerminals.name, isActive: verifierTerminals.isActive }).from(verifierTerminals).where(eq(verifierTerminals.id, id.data));
  if (!terminal) return notFound('未找到该终端 / Terminal not found');
  if (!terminal.isActive) return conflict('该终端已停用 / The terminal is already deactivated');

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
  if (!isChanged) return conflict('该终端已停用 / The terminal is already deactivated');
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
