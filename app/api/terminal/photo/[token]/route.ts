import { getDb } from '@/db/client';
import { getAuthSecret } from '@/lib/auth/secret';
import { runMasked } from '@/lib/logging';
import { handleTerminalPhotoRequest } from '@/lib/terminals/verify-request';

export const dynamic = 'force-dynamic';

/** The registry photo behind a verify answer's link, for the terminal it was given to (lib/terminals/verify-request.ts). */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  try {
    const { token } = await params;
    return await runMasked('terminal-photo', async () => handleTerminalPhotoRequest(await getDb(), request, token, { photoTokenSecret: getAuthSecret() }));
  } catch {
    return Response.json({ result: 'error' }, { status: 500, headers: { 'Cache-Control': 'no-store' } });
  }
}
