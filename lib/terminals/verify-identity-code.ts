// What a verifier terminal learns from a scanned identity QR: a result, and — only when accepted —
// the attributes its kind may see (lib/terminals/kinds.ts). Every scan of a known e-ID lands in the
// citizen's "who used my identity" history.
import { and, eq, lt } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '@/db/connect';
import { citizenAccounts, eids, identityUses, residentPhotos, residents, usedQrNonces, verifierTerminals, type TerminalKind } from '@/db/schema';
import { toBeijingDate } from '@/lib/calendar/working-days';
import type { IdentityQrCodec } from '@/lib/identity/identity-qr';
import { maskIdNumber } from '@/lib/privacy/mask';
import { hashTerminalApiKey, TERMINAL_KEY_PATTERN } from './api-keys';
import type { AnyTerminalAttributes, TerminalAttributes, TerminalVerificationResult } from './kinds';

export type AuthenticatedTerminal = { id: string; name: string; kind: TerminalKind };

export type { TerminalVerificationResult };

export type TerminalVerification =
  | { result: 'accepted'; attributes: AnyTerminalAttributes }
  | { result: Exclude<TerminalVerificationResult, 'accepted'> };

export type VerifyIdentityCodeContext = {
  codec: IdentityQrCodec;
  now?: Date;
  /** Chance that this call also clears spent nonces whose codes have expired (0 in tests that count rows). */
  purgeChance?: number;
};

const DEFAULT_PURGE_CHANCE = 0.01;
const ADULT_AGE = 18;
// The registry holds photos as these; anything else is not shown (a data: URL of another type is never useful).
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * The terminal named by `Authorization: Bearer <key>`, if the key is well formed, known and active.
 * The lookup is by the key's hash through a unique index, so it reveals nothing about other keys.
 */
export async function authenticateTerminal(db: Executor, authorizationHeader: string | null | undefined): Promise<AuthenticatedTerminal | null> {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorizationHeader ?? '');
  const key = match?.[1];
  if (!key || !TERMINAL_KEY_PATTERN.test(key)) return null;
  const [terminal] = await db
    .select({ id: verifierTerminals.id, name: verifierTerminals.name, kind: verifierTerminals.kind })
    .from(verifierTerminals)
    .where(and(eq(verifierTerminals.apiKeyHash, hashTerminalApiKey(key)), eq(verifierTerminals.isActive, true)));
  return terminal ?? null;
}

/**
 * Checks a scanned code for a terminal. A code is good once: its nonce is recorded (until the code
 * would have expired anyway) in the same transaction that reads the e-ID and writes the history row.
 */
export async function verifyIdentityCode(
  db: Database,
  terminal: AuthenticatedTerminal,
  rawCode: string,
  ctx: VerifyIdentityCodeContext,
): Promise<TerminalVerification> {
  const now = ctx.now ?? new Date();
  const checked = ctx.codec.verify(rawCode, now);
  // Nothing readable, or a forged or altered code: there is no citizen to tell.
  if (checked.result === 'invalid') return { result: 'invalid' };

  const verification = await db.transaction(async (tx): Promise<TerminalVerification> => {
    let isReplay = false;
    if (checked.result === 'accepted') {
      const recorded = await tx
        .insert(usedQrNonces)
        .values({ nonce: checked.nonce, expiresAt: checked.expiresAt })
        .onConflictDoNothing()
        .returning({ nonce: usedQrNonces.nonce });
      isReplay = recorded.length === 0;
    }

    const [holder] = await tx
      .select({
        accountId: citizenAccounts.id,
        eidStatus: eids.status,
        residentId: residents.id,
        residentStatus: residents.status,
        name: residents.name,
        idNumber: residents.idNumber,
        birthDate: residents.birthDate,
      })
      .from(eids)
      .innerJoin(citizenAccounts, eq(citizenAccounts.id, eids.citizenAccountId))
      .innerJoin(residents, eq(residents.id, citizenAccounts.residentId))
      .where(eq(eids.subjectRef, checked.subjectRef));
    // A genuine signature over an e-ID we do not hold: treat like any other unusable code.
    if (!holder) return { result: 'invalid' };

    let outcome: TerminalVerification;
    if (checked.result === 'expired') outcome = { result: 'expired' };
    else if (isReplay) outcome = { result: 'replayed' };
    // A suspended or revoked e-ID, or a registry record no longer active (deceased, cancelled), proves nobody.
    else if (holder.eidStatus !== 'active' || holder.residentStatus !== 'active') outcome = { result: 'revoked' };
    else outcome = { result: 'accepted', attributes: await attributesFor(tx, terminal.kind, holder, now) };

    await tx.insert(identityUses).values({
      citizenAccountId: holder.accountId,
      kind: 'terminal_scan',
      terminalId: terminal.id,
      result: outcome.result,
      detail: terminal.name,
      createdAt: now,
    });
    return outcome;
  });

  if (Math.random() < (ctx.purgeChance ?? DEFAULT_PURGE_CHANCE)) await purgeExpiredNonces(db, now);
  return verification;
}

/** Forgets nonces of codes that have expired: an expired code is refused before its nonce matters. */
export async function purgeExpiredNonces(db: Executor, now = new Date()): Promise<number> {
  const purged = await db.delete(usedQrNonces).where(lt(usedQrNonces.expiresAt, now)).returning({ nonce: usedQrNonces.nonce });
  return purged.length;
}

/** 18 or over on today's date in Beijing; someone born on 29 February comes of age on 1 March. */
export function isAdultOn(birthDate: string, now: Date): boolean {
  const [year, month, day] = birthDate.split('-');
  return `${String(Number(year) + ADULT_AGE).padStart(4, '0')}-${month}-${day}` <= toBeijingDate(now);
}

type Holder = { residentId: string; name: string; idNumber: string; birthDate: string };

// Each kind gets exactly its own attributes, built here and nowhere else.
async function attributesFor(tx: Transaction, kind: TerminalKind, holder: Holder, now: Date): Promise<AnyTerminalAttributes> {
  switch (kind) {
    case 'internet_cafe':
      return { name: holder.name, isAdult: isAdultOn(holder.birthDate, now) } satisfies TerminalAttributes['internet_cafe'];
    case 'event_gate':
      return { name: holder.name, photo: await photoOf(tx, holder.residentId) } satisfies TerminalAttributes['event_gate'];
    case 'service_counter':
      return {
        name: holder.name,
        idNumberMasked: maskIdNumber(holder.idNumber),
        photo: await photoOf(tx, holder.residentId),
      } satisfies TerminalAttributes['service_counter'];
  }
}

async function photoOf(tx: Transaction, residentId: string): Promise<string | null> {
  const [photo] = await tx.select().from(residentPhotos).where(eq(residentPhotos.residentId, residentId));
  if (!photo || photo.content.byteLength === 0 || !PHOTO_TYPES.has(photo.mimeType)) return null;
  return `data:${photo.mimeType};base64,${Buffer.from(photo.content).toString('base64')}`;
}
