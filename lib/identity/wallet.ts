import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { jsonRows } from '@/db/json-rows';
import { definePrepared } from '@/db/prepared';
import { credentialKindEnum, credentials, eids, identityUses, photoConsents, residentPhotos, residents, verifierTerminals } from '@/db/schema';
import { activePhotoConsentOf, photoConsentColumns } from '@/lib/face/photo-consent';
import type { CitizenActor } from '@/lib/auth/actor';
import { maskIdNumber } from '@/lib/privacy/mask';
import { msg } from '@/lib/i18n/problem';
import { forbidden, ok, type Result } from '@/lib/result';
import type { createIdentityQrCodec } from './identity-qr';
import { renderIdentityQrSvg } from './identity-qr';

// The wallet in ONE statement (db/json-rows.ts), built once (db/prepared.ts): the page a citizen opens at
// every counter. Only what the page shows: the phone (encrypted at rest) is neither read nor decrypted, the
// ID number once for its masked form; whether a photo exists is asked (never its bytes).
const credentialColumns = { kind: credentials.kind, number: credentials.number, status: credentials.status, issuedOn: credentials.issuedOn, expiresOn: credentials.expiresOn };
const useColumns = { id: identityUses.id, kind: identityUses.kind, result: identityUses.result, detail: identityUses.detail, createdAt: identityUses.createdAt, terminalName: verifierTerminals.name, terminalKind: verifierTerminals.kind };
const accountId = sql.placeholder('accountId');
const walletPage = definePrepared((db) =>
  db
    .select({
      name: residents.name,
      sex: residents.sex,
      idNumber: residents.idNumber,
      hasPhoto: sql<boolean>`exists (select 1 from ${residentPhotos} where ${residentPhotos.residentId} = ${residents.id})`.mapWith(Boolean),
      eidId: eids.id,
      eidStatus: eids.status,
      eidAssuranceLevel: eids.assuranceLevel,
      eidIssuedAt: eids.issuedAt,
      credentials: jsonRows(credentialColumns, (row) => db.select({ row }).from(credentials).where(eq(credentials.residentId, residents.id)).orderBy(asc(credentials.issuedOn), asc(credentials.id))),
      uses: jsonRows(
        useColumns,
        (row) =>
          db
            .select({ row })
            .from(identityUses)
            .leftJoin(verifierTerminals, eq(verifierTerminals.id, identityUses.terminalId))
            .where(eq(identityUses.citizenAccountId, accountId))
            .orderBy(desc(identityUses.id))
            .limit(30),
        { nullable: ['terminalName', 'terminalKind'] },
      ),
      photoConsent: jsonRows(photoConsentColumns, (row) => db.select({ row }).from(photoConsents).where(activePhotoConsentOf(accountId)).orderBy(desc(photoConsents.grantedAt)).limit(1)),
    })
    .from(residents)
    .leftJoin(eids, eq(eids.citizenAccountId, accountId))
    .where(eq(residents.id, sql.placeholder('residentId')))
    .prepare('wallet_page'),
);

/** The card wallet: the e-ID card, the eight credentials (held or not; the page names each kind, wallet.credentialKinds), who used the identity, and the photo consent in force. */
export async function getWallet(db: Executor, actor: CitizenActor) {
  const [row] = await walletPage(db).execute({ accountId: actor.accountId, residentId: actor.residentId });
  if (!row) return undefined;
  const held = row.credentials;
  return {
    card: {
      name: row.name,
      sex: row.sex,
      idNumberMasked: maskIdNumber(row.idNumber),
      hasPhoto: row.hasPhoto,
    },
    eid:
      row.eidId !== null && row.eidStatus !== null && row.eidAssuranceLevel !== null && row.eidIssuedAt !== null
        ? { id: row.eidId, status: row.eidStatus, assuranceLevel: row.eidAssuranceLevel, issuedAt: row.eidIssuedAt }
        : null,
    credentials: credentialKindEnum.enumValues.map((kind) => ({
      kind,
      documents: held
        .filter((c) => c.kind === kind)
        .map((c) => ({
          // Numbers that are the ID number are masked like it; others show their last four only.
          numberMasked: /^\d{17}[\dX]$/.test(c.number) ? maskIdNumber(c.number) : `${'*'.repeat(Math.max(0, c.number.length - 4))}${c.number.slice(-4)}`,
          status: c.status,
          issuedOn: c.issuedOn,
          expiresOn: c.expiresOn,
        })),
    })),
    uses: row.uses,
    /** The consent in force to reuse the check photo, if any (lib/face/photo-consent.ts). */
    photoConsent: row.photoConsent[0],
  };
}

export type IdentityQr = { svg: string; issuedAt: string; expiresAt: string };

/** The level a session must itself have proven before the wallet shows the identity QR. */
export const IDENTITY_QR_MIN_SESSION_LEVEL = 2;

export function canShowIdentityQr(actor: CitizenActor): boolean {
  return actor.eid?.status === 'active' && actor.assuranceLevel >= IDENTITY_QR_MIN_SESSION_LEVEL;
}

/** The citizen's own registry photo, if the registry has one. */
export async function getOwnRegistryPhoto(db: Executor, actor: CitizenActor) {
  const [photo] = await db.select().from(residentPhotos).where(eq(residentPhotos.residentId, actor.residentId));
  return photo;
}

/** Whether the session is below what a service needs: the page then sends the citizen to step up. */
export function needsStepUp(actor: CitizenActor, requiredLevel: number): boolean {
  return actor.assuranceLevel < requiredLevel;
}

/**
 * A fresh identity QR for the wallet: only with an active e-ID and a session that has itself
 * proven L2 — a session that only knows the SMS code cannot show someone's identity.
 */
export async function issueWalletIdentityQr(
  db: Executor,
  actor: CitizenActor,
  codec: ReturnType<typeof createIdentityQrCodec>,
  now = new Date(),
): Promise<Result<IdentityQr>> {
  const [eid] = await db.select().from(eids).where(eq(eids.citizenAccountId, actor.accountId));
  if (!eid) return forbidden(msg('problems.identity.noEidYet'));
  if (eid.status !== 'active') return forbidden(msg('problems.identity.wallet.notActive'));
  if (actor.assuranceLevel < IDENTITY_QR_MIN_SESSION_LEVEL) return forbidden(msg('problems.identity.wallet.questionnaireFirst'));
  const issued = codec.issue(eid.subjectRef, now);
  return ok({ svg: await renderIdentityQrSvg(issued.code), issuedAt: now.toISOString(), expiresAt: issued.expiresAt.toISOString() });
}
