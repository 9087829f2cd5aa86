import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { readQrSignInStatus } from '@/lib/auth/qr-sign-in';
import { runMasked } from '@/lib/logging';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ requestId: z.string().max(64), pollSecret: z.string().max(200) });

/** The waiting computer polls with its secret: pending, approved, expired, consumed or unknown. */
export async function POST(request: Request) {
  return runMasked('qr-sign-in-status', async () => {
    const body = bodySchema.safeParse(await request.json().catch(() => null));
    if (!body.success) return NextResponse.json({ status: 'unknown' }, { status: 400 });
    const status = await readQrSignInStatus(await getDb(), body.data.requestId, body.data.pollSecret);
    return NextResponse.json({ status }, { headers: { 'Cache-Control': 'no-store' } });
  });
}
