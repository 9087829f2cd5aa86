import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { demoCitizenIdentities } from '@/db/registry-generator';
import { seedForTest } from '@/lib/testing/fixtures';
import { openCleanDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { REGISTRY_MISMATCH, requestSignInCode, verifySignInCode } from './citizen-sign-in';

const SECRET = 'throttle-test-secret';
const T0 = new Date('2026-11-20T03:00:00Z');

describe.each(TEST_TARGETS)('gate 1 throttling per client on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openCleanDatabase(target);
    await seedForTest(connection.db);
  });
  afterAll(async () => connection?.close());

  it('counts registry misses per client, shows the attempts left, then makes the device wait', async () => {
    const [li] = demoCitizenIdentities();
    const wrong = { name: '张三', idNumber: li!.idNumber, phone: li!.phone };
    const first = await requestSignInCode(connection.db, wrong, SECRET, T0, '198.51.100.7');
    expect(first).toMatchObject({ status: 'invalid', message: expect.stringContaining(`${THROTTLE_RULES.registryMatchPerClient.limit - 1} attempts left`) });
    expect(first.status === 'invalid' && first.message.startsWith(REGISTRY_MISMATCH)).toBe(true);
    for (let i = 1; i < THROTTLE_RULES.registryMatchPerClient.limit; i += 1) await requestSignInCode(connection.db, wrong, SECRET, T0, '198.51.100.7');
    // Now even the right details wait: the device, not the record, is being limited.
    const blocked = await requestSignInCode(connection.db, li!, SECRET, T0, '198.51.100.7');
    expect(blocked).toMatchObject({ status: 'invalid', message: expect.stringMatching(/此设备尝试次数过多.*Too many attempts from this device; try again in \d+ (s|min)/) });
    // Another device is unaffected.
    expect((await requestSignInCode(connection.db, li!, SECRET, T0, '203.0.113.9')).status).toBe('ok');
  });

  it('tells how many code attempts are left', async () => {
    const [, wang] = demoCitizenIdentities();
    const requested = await requestSignInCode(connection.db, wang!, SECRET, T0, '203.0.113.10');
    if (requested.status !== 'ok') throw new Error(JSON.stringify(requested));
    const wrong = await verifySignInCode(connection.db, { challengeId: requested.data.challengeId, code: '000000' }, SECRET, T0, '203.0.113.10');
    const again = await verifySignInCode(connection.db, { challengeId: requested.data.challengeId, code: '000001' }, SECRET, T0, '203.0.113.10');
    const messages = [wrong, again].map((r) => (r.status === 'invalid' ? r.message : ''));
    // One of the two guesses might, once in a million, be right: then only the other is checked.
    expect(messages.filter((m) => m).every((m) => /还可尝试 [34] 次/.test(m))).toBe(true);
  });
});
