// Returned mail held at the counter is handed over only to its holder, after the collector's identity is
// checked: by scanning the identity QR in their e-ID wallet, or by the ID number on their card. A failed
// check is audited and hands nothing over.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { applications, citizenAccounts, eids, mailDispatches, residents, usedQrNonces } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import type { IdentityQrCodec } from '@/lib/identity/identity-qr';
import { maskIdNumber } from '@/lib/privacy/mask';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, notFound, ok, OperationFailure, type Result } from '@/lib/result';
import { applyDispatchTransition } from './transition-dispatch';
import { canHandOverAtCounter, canSeeEveryDistrict } from '@/lib/auth/permissions';

export const counterPickupSchema = z.discriminatedUnion('method', [
  z.object({ dispatchId: z.uuid(), expectedVersion: z.coerce.number().int().min(1), method: z.literal('identity_qr'), identityQr: z.string().trim().min(10).max(256) }),
  z.object({
    dispatchId: z.uuid(),
    expectedVersion: z.coerce.number().int().min(1),
    method: z.literal('id_number'),
    idNumber: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(/^\d{17}[\dX]$/, msg('problems.delivery.idNumber'))),
  }),
]);

const MISMATCH = msg('problems.delivery.notHolder');

export async function recordCounterPickup(
  db: Database,
  actor: StaffActor,
  rawInput: unknown,
  deps: { codec: IdentityQrCodec; now?: Date },
): Promise<Result<{ status: string; version: number }>> {
  if (!canHandOverAtCounter(actor)) return forbidden();
  const parsed = counterPickupSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message ?? msg('problems.common.invalidRequest'), z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  const now = deps.now ?? new Date();
  const [row] = await db
    .select({ dispatch: mailDispatches, holderResidentId: applications.residentId, holderIdNumber: residents.idNumber, districtCode: applications.districtCode })
    .from(mailDispatches)
    .innerJoin(applications, eq(applications.id, mailDispatches.applicationId))
    .innerJoin(residents, eq(residents.id, applications.residentId))
    .where(eq(mailDispatches.id, input.dispatchId));
  if (!row) return notFound(msg('problems.delivery.dispatchNotFound'));
  // A clerk hands over at their own district's counter.
  if (!canSeeEveryDistrict(actor) && !actor.districtCodes.includes(row.districtCode)) return notFound(msg('problems.delivery.dispatchNotFound'));
  const { dispatch } = row;
  if (dispatch.status !== 'held_for_pickup') return conflict(msg('problems.delivery.statusNow', { status: msg(`problems.delivery.status.${dispatch.status}`) }));
  if (dispatch.version !== input.expectedVersion) return conflict(msg('problems.delivery.updatedElsewhere'));

  try {
    const outcome = await db.transaction(async (tx) => {
      let checkedBy: string;
      let failure: string | null = null;
      if (input.method === 'identity_qr') {
        const checked = deps.codec.verify(input.identityQr, now);
        if (checked.result !== 'accepted') {
          failure = checked.result === 'expired' ? 'identity QR expired' : 'identity QR invalid';
        } else {
          const [used] = await tx.insert(usedQrNonces).values({ nonce: checked.nonce, expiresAt: checked.expiresAt }).onConflictDoNothing().returning({ nonce: usedQrNonces.nonce });
          const [holder] = await tx
            .select({ residentId: citizenAccounts.residentId, status: eids.status })
            .from(eids)
            .innerJoin(citizenAccounts, eq(citizenAccounts.id, eids.citizenAccountId))
            .where(eq(eids.subjectRef, checked.subjectRef));
          if (!used) failure = 'identity QR replayed';
          else if (!holder || holder.status !== 'active') failure = 'e-ID not active';
          else if (holder.residentId !== row.holderResidentId) failure = 'identity QR of another person';
        }
        checkedBy = msg('problems.delivery.checkedByQr');
      } else {
        if (input.idNumber !== row.holderIdNumber.toUpperCase()) failure = 'ID number does not match the holder';
        checkedBy = msg('problems.delivery.checkedByIdNumber', { masked: maskIdNumber(input.idNumber) });
      }
      if (failure) {
        await writeAudit(tx, { action: 'dispatch.pickup_identity_failed', actorType: 'staff', actorId: actor.staffId, subjectType: 'dispatch', subjectId: dispatch.id, details: { method: input.method, failure } });
        return { failure };
      }
      const moved = await applyDispatchTransition(tx, dispatch, { transition: 'collect', note: msg('problems.delivery.collectedNote', { checkedBy }) }, { kind: 'staff', staffId: actor.staffId }, now);
      return { status: moved.dispatch.status, version: moved.dispatch.version };
    });
    if ('failure' in outcome) return forbidden(MISMATCH);
    return ok(outcome);
  } catch (error) {
    if (error instanceof OperationFailure) return error.failure;
    throw error;
  }
}
