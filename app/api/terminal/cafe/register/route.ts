import { getDb } from '@/db/client';
import { cafeTerminalError, handleTerminalRegister } from '@/lib/cafe/terminal-requests';
import { runMasked } from '@/lib/logging';

export const dynamic = 'force-dynamic';

/** The café's own register, for the terminal's key only (lib/cafe/terminal-requests.ts). */
export async function GET(request: Request): Promise<Response> {
  try {
    return await runMasked('cafe-register', async () => handleTerminalRegister(await getDb(), request));
  } catch {
    return cafeTerminalError();
  }
}
