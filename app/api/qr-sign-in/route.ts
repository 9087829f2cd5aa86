import { NextResponse } from 'next/server';
import QRCode from 'qrcode';
import { getDb } from '@/db/client';
import { tooManyFromDevice } from '@/lib/auth/citizen-sign-in';
import { createQrSignInRequest } from '@/lib/auth/qr-sign-in';
import { isSameOriginRequest, resultResponse } from '@/lib/http/responses';
import { localizedJson } from '@/lib/i18n/localize';
import { msg } from '@/lib/i18n/problem';
import { runMasked } from '@/lib/logging';
import { forbidden } from '@/lib/result';
import { hitThrottle } from '@/lib/security/throttle';
import { clientAddressFrom } from '@/lib/http/client-address';
import { THROTTLE_RULES } from '@/lib/security/throttle-rules';

export const dynamic = 'force-dynamic';

/** A computer asks to be signed in from a wallet: it gets a QR (request id only) and a secret to collect with. */
export async function POST(request: Request) {
  return runMasked('qr-sign-in-create', async () => {
    // Only the portal's own sign-in page starts one: another site cannot make rows on our behalf.
    if (!isSameOriginRequest(request)) return resultResponse(forbidden(msg('problems.common.crossSite')));
    const db = await getDb();
    const clientKey = clientAddressFrom(request.headers);
    const throttle = clientKey ? await hitThrottle(db, `qr-sign-in:client:${clientKey}`, THROTTLE_RULES.signInCodePerClient) : null;
    if (throttle && !throttle.isAllowed) {
      // The message says how long to wait, in the caller's language (the page shows it as it is).
      return localizedJson(
        { status: 'throttled', message: tooManyFromDevice(throttle.retryAfterSeconds), retryAfterSeconds: throttle.retryAfterSeconds },
        { status: 429, headers: { 'Retry-After': String(throttle.retryAfterSeconds), 'Cache-Control': 'no-store' } },
      );
    }
    const created = await createQrSignInRequest(db, { userAgent: request.headers.get('user-agent'), address: clientKey });
    // The QR holds no link: only the wallet's scanner knows what to do with it (lib/auth/qr-sign-in.ts).
    const svg = await QRCode.toString(created.qrPayload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return NextResponse.json(
      { status: 'ok', requestId: created.requestId, pollSecret: created.pollSecret, expiresAt: created.expiresAt.toISOString(), matchNumber: created.matchNumber, svg },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  });
}
