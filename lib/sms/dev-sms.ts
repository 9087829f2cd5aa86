import fs from 'node:fs/promises';
import path from 'node:path';
import type { SmsPayload } from '@/lib/notifications/outbox';
import { maskPhone } from '@/lib/privacy/mask';

/**
 * The default SMS delivery: one JSON file per message under OUTBOX_DIR/sms, named
 * `<epochMillis>-<phone>.json`. A production gateway replaces this adapter; nothing else changes.
 */
export function createDevSmsSender(outboxDir: string): (message: SmsPayload) => Promise<void> {
  const dir = path.join(outboxDir, 'sms');
  return async (message) => {
    await fs.mkdir(dir, { recursive: true });
    const sentAt = new Date();
    const file = path.join(dir, `${sentAt.getTime()}-${message.to}.json`);
    await fs.writeFile(file, JSON.stringify({ ...message, sentAt: sentAt.toISOString() }, null, 2), { mode: 0o600 });
    console.info(`[sms] to ${maskPhone(message.to)} written to ${path.relative(process.cwd(), file).replace(message.to, maskPhone(message.to))}`);
  };
}
