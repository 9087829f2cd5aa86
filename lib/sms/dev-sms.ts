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
    const body = JSON.stringify({ ...message, sentAt: sentAt.toISOString() }, null, 2);
    // Two SMS to one phone in the same millisecond must not overwrite each other: the later one
    // takes the next free millisecond, so the highest epoch is still the latest message.
    let file: string;
    for (let epoch = sentAt.getTime(); ; epoch += 1) {
      file = path.join(dir, `${epoch}-${message.to}.json`);
      try {
        await fs.writeFile(file, body, { mode: 0o600, flag: 'wx' });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    console.info(`[sms] to ${maskPhone(message.to)} written to ${path.relative(process.cwd(), file).replace(message.to, maskPhone(message.to))}`);
  };
}
