import { getDb } from '@/db/client';
import { getAuthSecret } from '@/lib/auth/secret';
import { cafeTerminalError, handleIssueCheckInCode } from '@/lib/cafe/terminal-requests';
import { getEnv } from '@/lib/env';
import { runMasked } from '@/lib/logging';

export const dynamic = 'force-dynamic';

/** A café terminal asks for a fresh seat QR (lib/cafe/terminal-requests.ts). */
export async function POST(request: Request): Promise<Response> {
  try {
    return await runMasked('cafe-code', async () => handleIssueCheckInCode(await getDb(), request, { secret: getAuthSecret(), baseUrl: getEnv().PUBLIC_BASE_URL }));
  } catch {
    return cafeTerminalError();
  }
}
