import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { credentials, eids, identityUses, residentPhotos, residents, verifierTerminals } from '@/db/schema';
import { maskIdNumber } from '@/lib/privacy/mask';
import { citizenByPhone } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { getWallet } from './wallet';

// getWallet reads only the columns the wallet shows (no phone, no photo bytes): what it returns is
// checked against the full rows.
describe.each(TEST_TARGETS)('the wallet on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('shows the card (masked ID number), the e-ID, whether a photo exists, and every credential masked', async () => {
    const { db } = connection;
    const wang = await citizenByPhone(db, '13800000002');
    const [resident] = await db.select().from(residents).where(eq(residents.id, wang.residentId));
    const [eid] = await db.select().from(eids).where(eq(eids.citizenAccountId, wang.accountId));
    const photos = await db.select({ residentId: residentPhotos.residentId }).from(residentPhotos).where(eq(residentPhotos.residentId, wang.residentId));
    const held = await db.select().from(credentials).where(eq(credentials.residentId, wang.residentId));

    const wallet = await getWallet(db, wang);
    expect(wallet?.card).toEqual({ name: resident!.name, sex: resident!.sex, idNumberMasked: maskIdNumber(resident!.idNumber), hasPhoto: photos.length > 0 });
    expect(wallet?.eid).toEqual(eid ? { id: eid.id, status: eid.status, assuranceLevel: eid.assuranceLevel, issuedAt: eid.issuedAt } : null);
    expect(JSON.stringify(wallet)).not.toContain(resident!.idNumber);
    expect(JSON.stringify(wallet)).not.toContain(resident!.phone);
    const documents = wallet!.credentials.flatMap((c) => c.documents);
    expect(documents).toHaveLength(held.length);
    for (const c of held) expect(JSON.stringify(wallet)).not.toContain(c.number);
    // Each document as its row holds it (the number masked), under its kind.
    for (const c of held) {
      expect(wallet!.credentials.find((k) => k.kind === c.kind)?.documents).toContainEqual({ numberMasked: expect.stringMatching(new RegExp(`${c.number.slice(-4)}$`)), status: c.status, issuedOn: c.issuedOn, expiresOn: c.expiresOn });
    }

    // Who used the identity: the newest 30, newest first, a terminal's name where there was one.
    await db.insert(identityUses).values(Array.from({ length: 32 }, (_, i) => ({ citizenAccountId: wang.accountId, kind: 'sign_in' as const, result: i % 2 ? 'accepted' : 'refused', detail: i === 31 ? null : `#${i}`, createdAt: new Date(Date.UTC(2026, 10, 20, 2, 0, i)) })));
    const uses = await db
      .select({ id: identityUses.id, kind: identityUses.kind, result: identityUses.result, detail: identityUses.detail, createdAt: identityUses.createdAt, terminalName: verifierTerminals.name, terminalKind: verifierTerminals.kind })
      .from(identityUses)
      .leftJoin(verifierTerminals, eq(verifierTerminals.id, identityUses.terminalId))
      .where(eq(identityUses.citizenAccountId, wang.accountId))
      .orderBy(desc(identityUses.id));
    expect((await getWallet(db, wang))?.uses).toEqual(uses.slice(0, 30));
    expect(uses[0]).toMatchObject({ detail: null, terminalName: null, createdAt: new Date(Date.UTC(2026, 10, 20, 2, 0, 31)) });

    // A resident without an e-ID or a photo.
    const li = await citizenByPhone(db, '13800000001');
    await db.delete(residentPhotos).where(eq(residentPhotos.residentId, li.residentId));
    const liWallet = await getWallet(db, li);
    expect(liWallet?.eid).toBeNull();
    expect(liWallet?.card.hasPhoto).toBe(false);
  });
});
