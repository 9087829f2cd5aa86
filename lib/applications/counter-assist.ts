// Assisted service at the counter (市民之家治安窗口): a clerk scans the citizen's wallet identity QR,
// sees who they are at the level their e-ID holds, and files an application on their behalf, which the
// citizen then follows online. The scan is checked like a terminal's (signature, expiry, single use);
// it yields a short-lived assist pass, bound to that staff member, that the filing carries.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { citizenAccounts, eids, identityUses, residents, usedQrNonces } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { CitizenActor, StaffActor } from '@/lib/auth/actor';
import { canAssistAtCounter, canSeeEveryDistrict } from '@/lib/auth/permissions';
import type { IdentityQrCodec } from '@/lib/identity/identity-qr';
import { maskIdNumber } from '@/lib/privacy/mask';
import { forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { getPublishedCatalogue } from '@/lib/services/published-catalogue';
import { submitApplication, type SubmitOutcome, type UploadedFile } from './submit-application';
import { msg } from '@/lib/i18n/problem';

/** How long a clerk may take to fill the form after the scan. */
export const ASSIST_PASS_TTL_S = 30 * 60;
const PASS_PATTERN = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export const counterScanSchema = z.object({ identityQr: z.string().trim().min(10, msg('problems.applications.counter.scanQr')).max(256) });
export const counterFilingSchema = z.object({ assistPass: z.string().trim().regex(PASS_PATTERN, msg('problems.applications.counter.scanAgain')) });

export type CounterCitizen = {
  name: string;
  idNumberMasked: string;
  /** The level the e-ID holds (1–3): what may be filed for them. */
  assuranceLevel: number;
  /** Services whose required level the e-ID meets. */
  serviceIds: string[];
  assistPass: string;
  passExpiresAt: string;
  /** Carried by the filing: a retried submit returns the first application. */
  idempotencyKey: string;
};

const REFUSED = {
  expired: msg('problems.applications.counter.expired'),
  invalid: msg('problems.applications.counter.invalid'),
  replayed: msg('problems.applications.counter.replayed'),
  revoked: msg('problems.applications.counter.revoked'),
} as const;

function mac(secret: string, staffId: string, accountId: string, expiresAtS: number): string {
  return createHmac('sha256', secret).update(`eid-counter-assist:${staffId}:${accountId}:${expiresAtS}`).digest('base64url');
}

function issueAssistPass(secret: string, staffId: string, accountId: string, now: Date): { pass: string; expiresAt: Date } {
  const expiresAtS = Math.floor(now.getTime() / 1000) + ASSIST_PASS_TTL_S;
  return { pass: `${accountId}.${expiresAtS}.${mac(secret, staffId, accountId, expiresAtS)}`, expiresAt: new Date(expiresAtS * 1000) };
}

/** The citizen account a pass names, if this staff member was given it and it has not expired. */
export function readAssistPass(secret: string, staffId: string, pass: string, now: Date): { accountId: string } | null {
  const match = PASS_PATTERN.exec(pass);
  if (!match) return null;
  const accountId = match[1]!;
  const expiresAtS = Number(match[2]);
  const expected = Buffer.from(mac(secret, staffId, accountId, expiresAtS));
  const given = Buffer.from(match[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (now.getTime() >= expiresAtS * 1000) return null;
  return { accountId };
}

/** The counter a staff member sits at: a clerk's first district; bureau-wide roles have none. */
const counterDistrictOf = (actor: StaffActor) => (canSeeEveryDistrict(actor) ? null : (actor.districtCodes[0] ?? null));

export type CounterAssistDeps = { codec: IdentityQrCodec; secret: string; now?: Date };

/**
 * Scans the citizen's wallet QR at the counter: the code's signature and expiry are checked, its nonce
 * is spent (a code is good once), the e-ID must be active; the scan lands in the citizen's "who used my
 * identity" history and the audit trail in the same transaction. Answers with the masked identity and
 * an assist pass for the filing.
 */
export async function identifyCitizenAtCounter(db: Database, actor: StaffActor, rawInput: unknown, deps: CounterAssistDeps): Promise<Result<CounterCitizen>> {
  if (!canAssistAtCounter(actor)) return forbidden();
  const parsed = counterScanSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? msg('problems.common.invalidRequest'), z.flattenError(parsed.error).fieldErrors);
  const now = deps.now ?? new Date();
  const checked = deps.codec.verify(parsed.data.identityQr, now);
  if (checked.result !== 'accepted') return forbidden(checked.result === 'expired' ? REFUSED.expired : REFUSED.invalid);
  const counterDistrictCode = counterDistrictOf(actor);
  try {
    const holder = await db.transaction(async (tx) => {
      const [spent] = await tx.insert(usedQrNonces).values({ nonce: checked.nonce, expiresAt: checked.expiresAt }).onConflictDoNothing().returning({ nonce: usedQrNonces.nonce });
      const [row] = await tx
        .select({ accountId: citizenAccounts.id, name: residents.name, idNumber: residents.idNumber, eidStatus: eids.status, residentStatus: residents.status, level: eids.assuranceLevel })
        .from(eids)
        .innerJoin(citizenAccounts, eq(citizenAccounts.id, eids.citizenAccountId))
        .innerJoin(residents, eq(residents.id, citizenAccounts.residentId))
        .where(eq(eids.subjectRef, checked.subjectRef));
      // A genuine signature over an e-ID we do not hold: like any other unusable code.
      if (!row) throw new OperationFailure(forbidden(REFUSED.invalid));
      const refusal: keyof typeof REFUSED | null = !spent ? 'replayed' : row.eidStatus !== 'active' || row.residentStatus !== 'active' ? 'revoked' : null;
      const result = refusal ?? 'accepted';
      await tx.insert(identityUses).values({ citizenAccountId: row.accountId, kind: 'terminal_scan', terminalId: null, result, detail: msg('problems.applications.counter.scanDetail', { office: actor.office }), createdAt: now });
      if (refusal) return { refusal, row: null };
      await writeAudit(tx, {
        action: 'application.counter_citizen_identified',
        actorType: 'staff',
        actorId: actor.staffId,
        subjectType: 'citizen',
        subjectId: row.accountId,
        details: { counterDistrictCode, assuranceLevel: row.level },
      });
      return { refusal: null, row };
    });
    if (holder.refusal || !holder.row) return forbidden(REFUSED[holder.refusal ?? 'invalid']);
    const { row } = holder;
    const { pass, expiresAt } = issueAssistPass(deps.secret, actor.staffId, row.accountId, now);
    return ok({
      name: row.name,
      idNumberMasked: maskIdNumber(row.idNumber),
      assuranceLevel: row.level,
      serviceIds: (await getPublishedCatalogue(db)).filter((s) => s.requiredAssuranceLevel <= row.level).map((s) => s.id),
      assistPass: pass,
      passExpiresAt: expiresAt.toISOString(),
      idempotencyKey: randomUUID(),
    });
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}

/**
 * Files an application for the citizen the assist pass names, exactly as the citizen's own submit does
 * (form, inspected uploads, required documents, one transaction with its audit entry, the idempotency
 * key making a retry return the first case), recording the staff member as "assisted at counter by".
 * A clerk files only cases that their districts decide; the e-ID must still be active, at the service's level.
 */
export async function fileApplicationAtCounter(
  db: Database,
  actor: StaffActor,
  input: { assistPass: unknown; serviceId: unknown; form: unknown; files: UploadedFile[]; idempotencyKey: unknown },
  deps: Omit<CounterAssistDeps, 'codec'>,
): Promise<Result<SubmitOutcome>> {
  if (!canAssistAtCounter(actor)) return forbidden();
  const parsed = counterFilingSchema.safeParse({ assistPass: input.assistPass });
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? msg('problems.common.invalidRequest'), z.flattenError(parsed.error).fieldErrors);
  const now = deps.now ?? new Date();
  const pass = readAssistPass(deps.secret, actor.staffId, parsed.data.assistPass, now);
  if (!pass) return forbidden(msg('problems.applications.counter.scanAgain'));
  const [row] = await db
    .select({ accountId: citizenAccounts.id, residentId: citizenAccounts.residentId, name: residents.name, eidStatus: eids.status, level: eids.assuranceLevel })
    .from(citizenAccounts)
    .innerJoin(residents, eq(residents.id, citizenAccounts.residentId))
    .innerJoin(eids, eq(eids.citizenAccountId, citizenAccounts.id))
    .where(eq(citizenAccounts.id, pass.accountId));
  if (!row) return notFound();
  if (row.eidStatus !== 'active') return forbidden(REFUSED.revoked);
  const citizen: CitizenActor = {
    kind: 'citizen',
    role: 'citizen',
    accountId: row.accountId,
    residentId: row.residentId,
    name: row.name,
    assuranceLevel: row.level,
    sessionId: null,
    eid: { status: row.eidStatus, assuranceLevel: row.level },
  };
  return submitApplication(db, citizen, { serviceId: input.serviceId, form: input.form, files: input.files, idempotencyKey: input.idempotencyKey }, now, {
    staff: actor,
    counterDistrictCode: counterDistrictOf(actor),
    mayFileIn: (districtCode) => canSeeEveryDistrict(actor) || actor.districtCodes.includes(districtCode),
  });
}
