import { eq, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { certificates } from '@/db/schema';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { verifyCertificate } from './verify-certificate';

describe.each(TEST_TARGETS)('public certificate verification on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('says valid with the name masked, revoked once revoked, tampered if the stored file changed, and nothing for a made-up token', async () => {
    const { db } = connection;
    const [certificate] = await db.select().from(certificates).limit(1);
    const valid = await verifyCertificate(db, certificate!.verifyToken);
    expect(valid).toMatchObject({ found: true, status: 'valid', holderNameMasked: expect.stringMatching(/^.\*+$/) });
    expect(await verifyCertificate(db, 'made-up-token-0000000000')).toEqual({ found: false });
    await db.update(certificates).set({ status: 'revoked' }).where(eq(certificates.id, certificate!.id));
    expect(await verifyCertificate(db, certificate!.verifyToken)).toMatchObject({ status: 'revoked' });
    await db.update(certificates).set({ status: 'valid' }).where(eq(certificates.id, certificate!.id));
    // The file cannot be changed through the application's database role path (a trigger refuses it):
    // simulate someone with owner rights switching the trigger off and swapping bytes or the signature.
    const [other] = await db.select().from(certificates).where(ne(certificates.id, certificate!.id)).limit(1);
    await db.execute(sql`alter table certificates disable trigger certificates_immutable_file`);
    try {
      await db.update(certificates).set({ pdf: new Uint8Array([1, 2, 3]) }).where(eq(certificates.id, certificate!.id));
      // A forged signature: the other certificate's, over a different hash.
      await db.update(certificates).set({ signature: certificate!.signature }).where(eq(certificates.id, other!.id));
    } finally {
      await db.execute(sql`alter table certificates enable trigger certificates_immutable_file`);
    }
    expect(await verifyCertificate(db, certificate!.verifyToken)).toMatchObject({ status: 'tampered' });
    expect(await verifyCertificate(db, other!.verifyToken)).toMatchObject({ status: 'tampered' });
  });

  it('slows down one device checking in bulk', async () => {
    const { db } = connection;
    const now = new Date('2026-11-28T10:00:05Z');
    for (let i = 0; i < THROTTLE_RULES.certificateVerifyPerClient.limit; i += 1) await verifyCertificate(db, 'made-up-token-0000000000', '192.0.2.55', now);
    expect(await verifyCertificate(db, 'made-up-token-0000000000', '192.0.2.55', now)).toEqual({ found: false, throttledForSeconds: 55 });
    expect(await verifyCertificate(db, 'made-up-token-0000000000', '192.0.2.56', now)).toEqual({ found: false });
  });
});
