import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { demoCitizenIdentities, generateRegistry } from '@/db/registry-generator';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { msg, readableText } from '@/lib/i18n/problem';
import type { Result } from '@/lib/result';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { MAX_CODES_PER_DAY, REGISTRY_MISMATCH, requestSignInCode, verifySignInCode } from './citizen-sign-in';

// A message reference in both languages, for assertions about its words.
const words = (result: Result<unknown>) => (result.status === 'ok' ? '' : `${readableText(result.message, 'zh-CN')} / ${readableText(result.message, 'en')}`);

const SECRET = 'throttle-test-secret';
const T0 = new Date('2026-11-20T03:00:00Z');

describe.each(TEST_TARGETS)('gate 1 throttling per client on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('counts registry misses per client, shows the attempts left, then makes the device wait', async () => {
    const [li] = demoCitizenIdentities();
    // Misses naming different people, so the per-ID-number limit (its own test below) stays out of the way.
    const others = generateRegistry(60).residentRows.slice(20);
    const wrongAt = (i: number) => ({ name: '张三', idNumber: others[i]!.idNumber, phone: li!.phone });
    const first = await requestSignInCode(connection.db, wrongAt(0), SECRET, T0, '198.51.100.7');
    expect(first).toMatchObject({ status: 'invalid', message: msg('problems.auth.registryMismatchLeft', { n: THROTTLE_RULES.registryMatchPerClient.limit - 1 }) });
    expect(words(first)).toContain(`${THROTTLE_RULES.registryMatchPerClient.limit - 1} attempts left`);
    expect(words(first).startsWith(readableText(REGISTRY_MISMATCH, 'zh-CN'))).toBe(true);
    for (let i = 1; i < THROTTLE_RULES.registryMatchPerClient.limit; i += 1) await requestSignInCode(connection.db, wrongAt(i), SECRET, T0, '198.51.100.7');
    // Now even the right details wait: the device, not the record, is being limited.
    const blocked = await requestSignInCode(connection.db, li!, SECRET, T0, '198.51.100.7');
    expect(blocked.status).toBe('invalid');
    expect(words(blocked)).toMatch(/此设备尝试次数过多.*Too many attempts from this device; try again in \d+ (s|min)/);
    // Another device is unaffected.
    expect((await requestSignInCode(connection.db, li!, SECRET, T0, '203.0.113.9')).status).toBe('ok');
  });

  it('tells how many code attempts are left', async () => {
    const [, wang] = demoCitizenIdentities();
    const requested = await requestSignInCode(connection.db, wang!, SECRET, T0, '203.0.113.10');
    if (requested.status !== 'ok') throw new Error(JSON.stringify(requested));
    const wrong = await verifySignInCode(connection.db, { challengeId: requested.data.challengeId, code: '000000' }, SECRET, T0, '203.0.113.10');
    const again = await verifySignInCode(connection.db, { challengeId: requested.data.challengeId, code: '000001' }, SECRET, T0, '203.0.113.10');
    const messages = [wrong, again].map((r) => (r.status === 'invalid' ? words(r) : ''));
    // One of the two guesses might, once in a million, be right: then only the other is checked.
    expect(messages.filter((m) => m).every((m) => /还可尝试 [34] 次/.test(m))).toBe(true);
  });

  it('counts registry misses per ID number from any device: after the limit even the right details wait', async () => {
    // Issue 15 item 4: a victim's mobile was found from name + ID number in a few guesses, each from a new address.
    const victim = generateRegistry(60).residentRows.filter((r) => r.phone)[7]!;
    const limit = THROTTLE_RULES.registryMissPerIdNumber.limit;
    for (let i = 0; i < limit; i += 1) {
      const guess = await requestSignInCode(connection.db, { name: victim.name, idNumber: victim.idNumber, phone: `137${String(20_000_000 + i)}` }, SECRET, T0, `192.0.2.${i + 1}`);
      expect(guess).toMatchObject({ status: 'invalid', message: expect.stringMatching(/^problems\.auth\.registryMismatch/) });
    }
    const right = await requestSignInCode(connection.db, { name: victim.name, idNumber: victim.idNumber, phone: victim.phone! }, SECRET, T0, '192.0.2.200');
    expect(right.status).toBe('invalid');
    expect(words(right)).toMatch(/此身份证号码的核验失败次数过多.*Too many failed checks for this ID number; try again in \d+ h/);
    // The registry was not asked: the answer is the same whether the phone is right or not. A day later it is.
    const nextDay = new Date(T0.getTime() + THROTTLE_RULES.registryMissPerIdNumber.windowSeconds * 1000);
    expect((await requestSignInCode(connection.db, { name: victim.name, idNumber: victim.idNumber, phone: victim.phone! }, SECRET, nextDay, '192.0.2.201')).status).toBe('ok');
  });

  it('sends one person at most 10 codes a day, and says how long to wait', async () => {
    const person = generateRegistry(60).residentRows.filter((r) => r.phone)[8]!;
    const details = { name: person.name, idNumber: person.idNumber, phone: person.phone! };
    const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
    const answers = [];
    // Five every 15 minutes is allowed; the day's cap stops the third round.
    for (const minutes of [0, 16, 32]) {
      for (let i = 0; i < 5; i += 1) answers.push(await requestSignInCode(connection.db, details, SECRET, at(minutes + i), `192.0.2.${100 + answers.length}`));
    }
    expect(answers.filter((a) => a.status === 'ok')).toHaveLength(MAX_CODES_PER_DAY);
    expect(answers.at(-1)?.status).toBe('invalid');
    expect(words(answers.at(-1)!)).toMatch(/今日验证码已达上限.*try again in 24 h/);
    expect((await requestSignInCode(connection.db, details, SECRET, at(24 * 60 + 1), '192.0.2.250')).status).toBe('ok');
  });
});
