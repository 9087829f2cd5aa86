import { getDb } from '@/db/client';
import { getCitizenOrFailure, isFailure } from '@/lib/auth/session';
import { localizedJson } from '@/lib/i18n/localize';
import { getIdentityQrCodec } from '@/lib/identity/identity-qr-service';
import { issueWalletIdentityQr } from '@/lib/identity/wallet';
import { runMasked } from '@/lib/logging';

export const dynamic = 'force-dynamic';

/** A new one-minute identity QR for the signed-in citizen's wallet. */
export async function POST() {
  return runMasked('wallet-identity-qr', async () => {
    const actor = await getCitizenOrFailure();
    if (isFailure(actor)) return localizedJson(actor, { status: 401, headers: { 'Cache-Control': 'no-store' } });
    const result = await issueWalletIdentityQr(await getDb(), actor, await getIdentityQrCodec());
    return localizedJson(result, { status: result.status === 'ok' ? 200 : 403, headers: { 'Cache-Control': 'no-store' } });
  });
}
