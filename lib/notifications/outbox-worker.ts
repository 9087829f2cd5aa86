import 'server-only';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { createMailer } from '@/lib/mail/mailer';
import { createDevSmsSender } from '@/lib/sms/dev-sms';
import { drainOutbox, type Deliverers } from './outbox';

const state = globalThis as unknown as { __eidOutbox?: { running: boolean; again: boolean; timer?: NodeJS.Timeout; deliverers?: Deliverers } };
const worker = (state.__eidOutbox ??= { running: false, again: false });

function deliverers(): Deliverers {
  if (!worker.deliverers) {
    const env = getEnv();
    worker.deliverers = {
      sendEmail: createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, outboxDir: env.OUTBOX_DIR }),
      sendSms: createDevSmsSender(env.OUTBOX_DIR),
    };
  }
  return worker.deliverers;
}

/** Called after a commit that queued messages: delivers now instead of waiting for the poll. */
export function kickOutbox(): void {
  if (worker.running) {
    worker.again = true;
    return;
  }
  worker.running = true;
  void (async () => {
    try {
      do {
        worker.again = false;
        await drainOutbox(await getDb(), deliverers());
      } while (worker.again);
    } catch (error) {
      console.error('[outbox] drain failed:', error instanceof Error ? error.message : error);
    } finally {
      worker.running = false;
    }
  })();
}

/** Retries (and messages queued by other instances) are picked up by a poll. */
export function startOutboxPoller(): void {
  if (worker.timer) return;
  worker.timer = setInterval(kickOutbox, getEnv().OUTBOX_POLL_MS);
  worker.timer.unref();
}
