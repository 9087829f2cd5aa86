// Issue 14 item 5: the code step survives a reload (the browser keeps only the challenge id) and a
// new code is sent from the code step to the same phone, within the same limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { generateRegistry } from '@/db/registry-generator';
import { readableText } from '@/lib/i18n/problem';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { CODE_TTL_MS, MAX_CODE_ATTEMPTS, readPendingChallenge, requestSignInCode, resendSignInCode, verifySignInCode } from './citizen-sign-in';

const SECRET = 'code-step-test-secret';
const T0 = new Date('2026-11-20T03:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe.each(TEST_TARGETS)('the sign-in code step on $kind', (target) => {
  let connection: Connection;
  const people = generateRegistry(60).residentRows.filter((r) => r.phone && r.status === 'active');
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('finds the pending code step by its challenge id while the code is usable, masked, and not after', async () => {
    const person = people[10]!;
    const sent = await requestSignInCode(connection.db, { name: person.name, idNumber: person.idNumber, phone: person.phone! }, SECRET, T0, '192.0.2.10');
    if (sent.status !== 'ok') throw new Error(JSON.stringify(sent));
    const pending = await readPendingChallenge(connection.db, sent.data.challengeId, later(60_000));
    expect(pending).toMatchObject({ challengeId: sent.data.challengeId, maskedPhone: sent.data.maskedPhone });
    expect(pending!.maskedPhone).not.toContain(person.phone!.slice(3, 7));
    expect(await readPendingChallenge(connection.db, sent.data.challengeId, later(CODE_TTL_MS))).toBeNull();
    expect(await readPendingChallenge(connection.db, 'not-a-uuid', T0)).toBeNull();
    expect(await readPendingChallenge(connection.db, crypto.randomUUID(), T0)).toBeNull();
    // Spent by wrong guesses, it is gone too.
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i += 1) await verifySignInCode(connection.db, { challengeId: sent.data.challengeId, code: `99999${i}` }, SECRET, later(1000));
    expect(await readPendingChallenge(connection.db, sent.data.challengeId, later(2000))).toBeNull();
  });

  it('sends a new code to the same phone from the code step, under the same per-person limits', async () => {
    const person = people[11]!;
    const sent = await requestSignInCode(connection.db, { name: person.name, idNumber: person.idNumber, phone: person.phone! }, SECRET, T0, '192.0.2.11');
    if (sent.status !== 'ok') throw new Error(JSON.stringify(sent));
    const resent = await resendSignInCode(connection.db, sent.data.challengeId, SECRET, later(30_000), '192.0.2.11');
    if (resent.status !== 'ok') throw new Error(JSON.stringify(resent));
    expect(resent.data.challengeId).not.toBe(sent.data.challengeId);
    expect(resent.data.maskedPhone).toBe(sent.data.maskedPhone);
    // Five in 15 minutes per person, however they are asked for; the refusal says how long to wait.
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await resendSignInCode(connection.db, resent.data.challengeId, SECRET, later(60_000 + i), '192.0.2.11'));
    expect(answers.map((a) => a.status)).toEqual(['ok', 'ok', 'ok', 'invalid']);
    const refused = answers.at(-1);
    expect(refused?.status === 'invalid' && readableText(refused.message, 'en')).toMatch(/try again in 15 minutes/);
    // A made-up challenge id sends nothing.
    expect(await resendSignInCode(connection.db, crypto.randomUUID(), SECRET, later(60_000), '192.0.2.12')).toMatchObject({ status: 'invalid' });
  });
});
