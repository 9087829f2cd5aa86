import { getDb } from '@/db/client';
import { cafeTerminalError, handleCheckOut } from '@/lib/cafe/terminal-requests';
import { runMasked } from '@/lib/logging';

export const dynamic = 'force-dynamic';

/** The café terminal ends a seat's session (lib/cafe/terminal-requests.ts). */
export async function POST(request: Request): Promise<Response> {
  try {
    return await runMasked('cafe-check-out', async () => handleCheckOut(await getDb(), request));
  } catch {
    return cafeTerminalError();
  }
}
