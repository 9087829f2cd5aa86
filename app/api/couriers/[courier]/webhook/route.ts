import { getDb } from '@/db/client';
import { receiveCourierWebhook } from '@/lib/delivery/couriers/receive-courier-webhook';
import { getCourierWebhookSecret } from '@/lib/env';
import { runMasked } from '@/lib/logging';

export const dynamic = 'force-dynamic';

/** Tracking events pushed by a courier: HMAC-signed raw body, idempotent by event id. */
export async function POST(request: Request, { params }: { params: Promise<{ courier: string }> }) {
  const { courier } = await params;
  return runMasked('courier-webhook', async () => {
    const rawBody = await request.text();
    const { httpStatus, body } = await receiveCourierWebhook(
      await getDb(),
      { courier, rawBody, signature: request.headers.get('x-courier-signature') },
      { secretFor: (code) => getCourierWebhookSecret(code) },
    );
    return Response.json(body, { status: httpStatus });
  });
}
