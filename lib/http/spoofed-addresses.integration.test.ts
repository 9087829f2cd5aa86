// Issue 15 item 4: a new X-Forwarded-For per request used to buy a new per-device bucket (15 of 15
// registry guesses allowed). Requests go through the real proxy and Next's header handling
// (request-headers.testing.ts) into the sign-in action, from one socket.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/connect';
import { generateRegistry } from '@/db/registry-generator';
import { callerState } from '@/lib/testing/caller-mocks';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { headersAsTheAppSeesThem } from './request-headers.testing';

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('@/db/client', () => import('@/lib/testing/caller-mocks').then((m) => m.dbClientMock));
vi.mock('@/lib/notifications/outbox-worker', () => ({ kickOutbox: () => {} }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));
vi.stubEnv('NEXTAUTH_SECRET', 'spoofed-addresses-secret-0123456789');

const { requestCodeAction } = await import('@/app/(public)/sign-in/actions');
const qrSignIn = await import('@/app/api/qr-sign-in/route');

const SOCKET = '203.0.113.66';

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe.each(TEST_TARGETS)('spoofed client addresses on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    callerState.db = connection.db;
  });
  afterAll(async () => connection?.close());

  it('limits 15 registry guesses from one socket even with a new X-Forwarded-For on each', async () => {
    // Fifteen different people, so only the per-device limit can stop the run (not the per-ID-number one).
    const people = generateRegistry(60).residentRows.filter((r) => r.phone).slice(0, 15);
    expect(people).toHaveLength(15);
    const answers = [];
    for (let i = 0; i < 15; i += 1) {
      request.headers = headersAsTheAppSeesThem('http://portal.test/sign-in', { origin: 'http://portal.test', 'x-forwarded-for': `198.51.100.${i + 1}` }, SOCKET);
      const wrongPhone = `139${String(10_000_000 + i).padStart(8, '0')}`;
      answers.push(await requestCodeAction(null, form({ name: people[i]!.name, idNumber: people[i]!.idNumber, phone: wrongPhone })));
    }
    // The action answers in the reader's language: Chinese, the default, as no language cookie is sent.
    const limited = answers.filter((a) => a?.status === 'invalid' && /此设备尝试次数过多/.test(a.message));
    expect(limited.length).toBe(15 - THROTTLE_RULES.registryMatchPerClient.limit);
  });

  it('refuses the QR sign-in past the per-device limit whatever X-Forwarded-For says, and says how long to wait in the reader’s language', async () => {
    const statuses = [];
    let last: Response | undefined;
    for (let i = 0; i <= THROTTLE_RULES.signInCodePerClient.limit; i += 1) {
      const headers = headersAsTheAppSeesThem('http://portal.test/api/qr-sign-in', { origin: 'http://portal.test', 'x-forwarded-for': `198.51.100.${100 + i}` }, '203.0.113.67');
      last = await qrSignIn.POST(new Request('http://portal.test/api/qr-sign-in', { method: 'POST', headers }));
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(THROTTLE_RULES.signInCodePerClient.limit);
    expect(statuses.at(-1)).toBe(429);
    const body = (await last!.json()) as { message: string };
    expect(body.message).toMatch(/^此设备尝试次数过多，请 \d+ (秒|分钟)后再试$/);
  });
});
