import { getDb } from '@/db/client';
import { getAuthSecret } from '@/lib/auth/secret';
import { localizedJson } from '@/lib/i18n/localize';
import { msg } from '@/lib/i18n/problem';
import { getIdentityQrCodec } from '@/lib/identity/identity-qr-service';
import { runMasked } from '@/lib/logging';
import { handleTerminalVerifyRequest } from '@/lib/terminals/verify-request';

export const dynamic = 'force-dynamic';

/** A verifier terminal checks a scanned identity QR (see lib/terminals/verify-request.ts). */
export async function POST(request: Request): Promise<Response> {
  try {
    return await runMasked('terminal-verify', async () => handleTerminalVerifyRequest(await getDb(), request, { loadCodec: getIdentityQrCodec, photoTokenSecret: getAuthSecret() }));
  } catch {
    // Already logged, masked, by runMasked: the terminal gets a plain answer, never the error.
    return localizedJson({ result: 'error', message: msg('problems.common.unavailable') }, { status: 500, headers: { 'Cache-Control': 'no-store' } });
  }
}
