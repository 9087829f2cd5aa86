import { getDb } from '@/db/client';
import { cafeTerminalError, handleCheckInStatus } from '@/lib/cafe/terminal-requests';
import { runMasked } from '@/lib/logging';

export const dynamic = 'force-dynamic';

/** The café terminal polls whether its seat QR has been confirmed (lib/cafe/terminal-requests.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ nonce: string }> }): Promise<Response> {
  const { nonce } = await params;
  try {
    return await runMasked('cafe-code-status', async () => handleCheckInStatus(await getDb(), request, nonce));
  } catch {
    return cafeTerminalError();
  }
}
