// The loop that drains the outbox in one process: kicked after a commit that queued messages and
// by a poll (retries, and messages queued by other instances). No server-only: tests drive it.
import type { Database } from '@/db/connect';
import { drainOutbox, type Deliverers } from './outbox';

export type OutboxRunner = {
  /** Drain now (or again, right after the drain under way). A no-op once stopped. */
  kick: () => void;
  startPolling: (everyMs: number) => void;
  /** Stops polling and kicks, and resolves when the batch in flight has been delivered and recorded. */
  stop: () => Promise<void>;
  readonly isRunning: boolean;
};

export function createOutboxRunner(getDb: () => Promise<Database>, getDeliverers: () => Deliverers, onError: (error: unknown) => void): OutboxRunner {
  let current: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  function kick() {
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    current = (async () => {
      try {
        do {
          again = false;
          await drainOutbox(await getDb(), getDeliverers());
        } while (again && !stopped);
      } catch (error) {
        onError(error);
      } finally {
        current = null;
      }
    })();
  }

  return {
    kick,
    startPolling(everyMs) {
      if (timer || stopped) return;
      timer = setInterval(kick, everyMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await current;
    },
    get isRunning() {
      return current !== null;
    },
  };
}
