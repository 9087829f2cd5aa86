import 'server-only';
import { getDb } from '@/db/client';
import { getEnv } from '@/lib/env';
import { createMailer } from '@/lib/mail/mailer';
import { createDevSmsSender } from '@/lib/sms/dev-sms';
import type { Deliverers } from './outbox';
import { createOutboxRunner, type OutboxRunner } from './outbox-runner';

// One runner per process (kept on globalThis: Next evaluates this module in several bundles).
// Several processes may run one each: claims are leased rows (FOR UPDATE SKIP LOCKED), so no
// message is sent twice. Processes with RUN_WORKERS=false never start it; their kicks are no-ops
// and a worker process (npm run worker) or another instance picks their messages up by polling.
const state = globalThis as unknown as { __eidOutbox?: { runner: OutboxRunner; deliverers?: Deliverers; enabled: boolean } };

function deliverers(): Deliverers {
  const holder = state.__eidOutbox!;
  if (!holder.deliverers) {
    const env = getEnv();
    holder.deliverers = {
      sendEmail: createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, outboxDir: env.OUTBOX_DIR }),
      sendSms: createDevSmsSender(env.OUTBOX_DIR),
    };
  }
  return holder.deliverers;
}

function holder() {
  state.__eidOutbox ??= {
    enabled: false,
    runner: createOutboxRunner(getDb, deliverers, (error) => console.error('[outbox] drain failed:', error instanceof Error ? error.message : error)),
  };
  return state.__eidOutbox;
}

/** Called after a commit that queued messages: delivers now instead of waiting for the poll. */
export function kickOutbox(): void {
  const h = holder();
  if (h.enabled) h.runner.kick();
}

/** Turns delivery on in this process and polls for retries and other instances' messages. */
export function startOutboxPoller(): void {
  const h = holder();
  h.enabled = true;
  h.runner.startPolling(getEnv().OUTBOX_POLL_MS);
}

/** Graceful shutdown: no new drains; resolves once the batch in flight is delivered and recorded. */
export function stopOutbox(): Promise<void> {
  return holder().runner.stop();
}
