// Issue 15 item 4: the public certificate-check page (/verify/<token>) used to key its per-device limit on
// the first X-Forwarded-For value, so a new header per request was a new bucket (0 of 70 checks throttled).
// Each request here goes through the real proxy and Next's header handling (request-headers.testing.ts)
// into the real page, rendered, from one socket.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Connection } from '@/db/connect';
import { callerState } from '@/lib/testing/caller-mocks';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';
import { headersAsTheAppSeesThem } from './request-headers.testing';

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('@/db/client', () => import('@/lib/testing/caller-mocks').then((m) => m.dbClientMock));
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined }),
}));

const { default: VerifyPage } = await import('@/app/(public)/verify/[token]/page');

// Well-formed but unknown: an enumerating caller's guesses look like this.
const TOKEN = 'guessedToken_0123456789abcdef';

async function renderVerifyPage(forwardedFor: string, socket: string): Promise<string> {
  request.headers = headersAsTheAppSeesThem(`http://portal.test/verify/${TOKEN}`, { 'x-forwarded-for': forwardedFor }, socket, 'GET');
  return renderToStaticMarkup(await VerifyPage({ params: Promise.resolve({ token: TOKEN }) }));
}

const isThrottled = (html: string) => /核验过于频繁，请 \d+ 秒后再试/.test(html);

describe.each(TEST_TARGETS)('spoofed client addresses on the certificate-check page on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    callerState.db = connection.db;
  });
  afterAll(async () => connection?.close());

  it('throttles 70 verify-page requests from one socket even with a new X-Forwarded-For on each', async () => {
    const { limit } = THROTTLE_RULES.certificateVerifyPerClient;
    expect(limit).toBeLessThan(70);
    const pages: string[] = [];
    for (let i = 0; i < 70; i += 1) {
      pages.push(await renderVerifyPage(`198.51.${100 + Math.floor(i / 250)}.${(i % 250) + 1}`, '203.0.113.70'));
    }
    // The first `limit` get the ordinary answer (not found); every one after is refused with how long to wait.
    expect(pages.slice(0, limit).filter(isThrottled)).toHaveLength(0);
    expect(pages.slice(0, limit).every((html) => html.includes('data-testid="verdict"'))).toBe(true);
    expect(pages.slice(limit).filter(isThrottled)).toHaveLength(70 - limit);
    // Another device (socket) is not held back by the first one's run.
    expect(isThrottled(await renderVerifyPage('198.51.100.1', '203.0.113.71'))).toBe(false);
  });
});
