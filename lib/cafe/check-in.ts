// The internet café register (网吧实名上网登记), one operation per function: the wallet opens and
// confirms a café terminal's QR (check-in), the terminal follows its QR and ends a seat's session
// (check-out) and reads its own register, and the police search every café's register.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { cafeCheckIns, identityUses, residents, verifierTerminals } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { CitizenActor } from '@/lib/auth/actor';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { needsStepUp } from '@/lib/identity/wallet';
import { maskIdNumber } from '@/lib/privacy/mask';
import type { AuthenticatedTerminal } from '@/lib/terminals/verify-identity-code';
import { isAdultOn } from '@/lib/terminals/verify-identity-code';
import { CHECK_IN_TOKEN_MAX_LENGTH, readCheckInToken, type CheckInClaim } from './check-in-token';

/** The lowest session level that may check in: the same as showing the identity QR (L2). */
export const CAFE_CHECK_IN_MIN_LEVEL = 2;

export type CheckInContext = { secret: string; now?: Date };

export const CHECK_IN_REFUSALS = {
  invalid: msg('problems.cafe.refusal.invalid'),
  expired: msg('problems.cafe.refusal.expired'),
  replayed: msg('problems.cafe.refusal.replayed'),
  level: msg('problems.cafe.refusal.level'),
  eid: msg('problems.cafe.refusal.eid'),
  minor: msg('problems.cafe.refusal.minor'),
} as const;

type Cafe = { id: string; name: string };

const confirmSchema = z.object({ token: z.string().min(1).max(CHECK_IN_TOKEN_MAX_LENGTH) });

/** The token's claim and the active café terminal it names, or the refusal the citizen sees. */
async function readClaim(db: Executor, rawToken: unknown, ctx: CheckInContext): Promise<Result<{ claim: CheckInClaim; cafe: Cafe }>> {
  if (typeof rawToken !== 'string' || rawToken.length > CHECK_IN_TOKEN_MAX_LENGTH) return invalid(CHECK_IN_REFUSALS.invalid);
  const read = readCheckInToken(ctx.secret, rawToken, ctx.now ?? new Date());
  if (read.status === 'invalid') return invalid(CHECK_IN_REFUSALS.invalid);
  if (read.status === 'expired') return conflict(CHECK_IN_REFUSALS.expired);
  const [cafe] = await db
    .select({ id: verifierTerminals.id, name: verifierTerminals.name })
    .from(verifierTerminals)
    .where(and(eq(verifierTerminals.id, read.claim.terminalId), eq(verifierTerminals.kind, 'internet_cafe'), eq(verifierTerminals.isActive, true)));
  if (!cafe) return invalid(CHECK_IN_REFUSALS.invalid);
  return ok({ claim: read.claim, cafe });
}

function refusalForCitizen(actor: CitizenActor): Result<never> | null {
  if (actor.eid?.status !== 'active') return forbidden(CHECK_IN_REFUSALS.eid);
  if (needsStepUp(actor, CAFE_CHECK_IN_MIN_LEVEL)) return forbidden(CHECK_IN_REFUSALS.level);
  return null;
}

export type CheckInPreview = { token: string; cafeName: string; seat: string; expiresAt: Date; canConfirm: boolean; refusal: string | null };

/** What the wallet shows before the citizen confirms: the café, the seat, and whether they can. */
export async function openCafeCheckIn(db: Executor, actor: CitizenActor, rawToken: unknown, ctx: CheckInContext): Promise<Result<CheckInPreview>> {
  const read = await readClaim(db, rawToken, ctx);
  if (read.status !== 'ok') return read;
  const { claim, cafe } = read.data;
  const [used] = await db.select({ id: cafeCheckIns.id }).from(cafeCheckIns).where(eq(cafeCheckIns.tokenNonce, claim.nonce));
  if (used) return conflict(CHECK_IN_REFUSALS.replayed);
  const refusal = refusalForCitizen(actor);
  return ok({ token: rawToken as string, cafeName: cafe.name, seat: claim.seat, expiresAt: claim.expiresAt, canConfirm: !refusal, refusal: refusal?.status === 'forbidden' ? refusal.message : null });
}

/**
 * The citizen confirms: the signature, expiry and terminal are checked, then ONE transaction writes the
 * register row (its unique nonce makes a second use fail atomically, even two at once), the citizen's
 * "who used my identity" entry and the audit entry.
 */
export async function confirmCafeCheckIn(db: Database, actor: CitizenActor, rawInput: unknown, ctx: CheckInContext): Promise<Result<{ checkInId: string; cafeName: string; seat: string }>> {
  const parsed = confirmSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(CHECK_IN_REFUSALS.invalid);
  const refusal = refusalForCitizen(actor);
  if (refusal) return refusal;
  const now = ctx.now ?? new Date();
  const read = await readClaim(db, parsed.data.token, { ...ctx, now });
  if (read.status !== 'ok') return read;
  const { claim, cafe } = read.data;
  const [holder] = await db.select({ birthDate: residents.birthDate }).from(residents).where(eq(residents.id, actor.residentId));
  if (!holder) return forbidden(CHECK_IN_REFUSALS.eid);
  if (!isAdultOn(String(holder.birthDate), now)) return forbidden(CHECK_IN_REFUSALS.minor);

  try {
    const checkInId = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(cafeCheckIns)
        .values({ tokenNonce: claim.nonce, terminalId: cafe.id, seat: claim.seat, citizenAccountId: actor.accountId, residentId: actor.residentId, checkedInAt: now })
        .onConflictDoNothing({ target: cafeCheckIns.tokenNonce })
        .returning({ id: cafeCheckIns.id });
      if (!row) throw new OperationFailure(conflict(CHECK_IN_REFUSALS.replayed));
      await tx.insert(identityUses).values({ citizenAccountId: actor.accountId, kind: 'cafe_check_in', terminalId: cafe.id, result: 'accepted', detail: claim.seat, createdAt: now });
      await writeAudit(tx, {
        action: 'cafe.checked_in',
        actorType: 'citizen',
        actorId: actor.accountId,
        subjectType: 'cafe_check_in',
        subjectId: row.id,
        details: { terminalId: cafe.id, seat: claim.seat },
      });
      return row.id;
    });
    return ok({ checkInId, cafeName: cafe.name, seat: claim.seat });
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

// ── the café terminal (authenticated by its key, lib/cafe/terminal-requests.ts) ──

export type CheckInOnTerminal = { id: string; seat: string; name: string; isAdult: boolean; checkedInAt: Date; checkedOutAt: Date | null };

/** Whether the QR with this nonce has been used, at this terminal only: what the terminal page polls. */
export async function findCheckInByNonce(db: Executor, terminal: AuthenticatedTerminal, nonce: string, now = new Date()): Promise<CheckInOnTerminal | null> {
  const [row] = await db
    .select({ id: cafeCheckIns.id, seat: cafeCheckIns.seat, name: residents.name, birthDate: residents.birthDate, checkedInAt: cafeCheckIns.checkedInAt, checkedOutAt: cafeCheckIns.checkedOutAt })
    .from(cafeCheckIns)
    .innerJoin(residents, eq(residents.id, cafeCheckIns.residentId))
    .where(and(eq(cafeCheckIns.tokenNonce, nonce), eq(cafeCheckIns.terminalId, terminal.id)));
  if (!row) return null;
  return { id: row.id, seat: row.seat, name: row.name, isAdult: isAdultOn(String(row.birthDate), now), checkedInAt: row.checkedInAt, checkedOutAt: row.checkedOutAt };
}

export type RegisterRow = { id: string; cafeName: string; seat: string; name: string; idNumberMasked: string; checkedInAt: Date; checkedOutAt: Date | null };

const REGISTER_LIMIT = 100;

/** The register's rows with the café's name and the person (ID number still to be masked): the café's view and the police search share it. */
export function registerQuery(db: Executor) {
  return db
    .select({
      id: cafeCheckIns.id,
      cafeName: verifierTerminals.name,
      seat: cafeCheckIns.seat,
      name: residents.name,
      idNumber: residents.idNumber,
      checkedInAt: cafeCheckIns.checkedInAt,
      checkedOutAt: cafeCheckIns.checkedOutAt,
    })
    .from(cafeCheckIns)
    .innerJoin(residents, eq(residents.id, cafeCheckIns.residentId))
    .innerJoin(verifierTerminals, eq(verifierTerminals.id, cafeCheckIns.terminalId));
}

export const masked = (rows: (Omit<RegisterRow, 'idNumberMasked'> & { idNumber: string })[]): RegisterRow[] =>
  rows.map(({ idNumber, ...row }) => ({ ...row, idNumberMasked: maskIdNumber(idNumber) }));

/** The café's own register (the café owner reads it on the terminal): this terminal's rows only, newest first, ID numbers masked. */
export async function listTerminalRegister(db: Executor, terminal: AuthenticatedTerminal): Promise<RegisterRow[]> {
  const rows = await registerQuery(db).where(eq(cafeCheckIns.terminalId, terminal.id)).orderBy(desc(cafeCheckIns.checkedInAt)).limit(REGISTER_LIMIT);
  return masked(rows);
}

/** The terminal ends a seat's session: only its own check-ins, once. */
export async function checkOutCafeSeat(db: Database, terminal: AuthenticatedTerminal, rawCheckInId: unknown, now = new Date()): Promise<Result<{ checkInId: string; checkedOutAt: Date }>> {
  const id = z.uuid().safeParse(rawCheckInId);
  if (!id.success) return notFound(msg('problems.cafe.checkInNotFound'));
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .update(cafeCheckIns)
        .set({ checkedOutAt: now })
        .where(and(eq(cafeCheckIns.id, id.data), eq(cafeCheckIns.terminalId, terminal.id), isNull(cafeCheckIns.checkedOutAt)))
        .returning({ id: cafeCheckIns.id });
      if (!row) {
        const [existing] = await tx.select({ id: cafeCheckIns.id }).from(cafeCheckIns).where(and(eq(cafeCheckIns.id, id.data), eq(cafeCheckIns.terminalId, terminal.id)));
        throw new OperationFailure(existing ? conflict(msg('problems.cafe.alreadyEnded')) : notFound(msg('problems.cafe.checkInNotFound')));
      }
      await writeAudit(tx, { action: 'cafe.checked_out', actorType: 'system', actorId: null, subjectType: 'cafe_check_in', subjectId: row.id, details: { terminalId: terminal.id } });
      return ok({ checkInId: row.id, checkedOutAt: now });
    });
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}
