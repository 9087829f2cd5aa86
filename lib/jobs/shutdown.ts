import 'server-only';
import { closeConnection } from '@/db/client';
import { getEnv } from '@/lib/env';
import { stopBackgroundWork } from './background';

// Graceful shutdown on SIGTERM/SIGINT:
//   1. at once: no new outbox drains or job slots; the batch in flight is delivered and recorded;
//   2. once no request can still need it: the database is closed (PGlite cleanly, postgres.js
//      after its queries finish), then the process exits.
// `next start` handles the signal itself: it closes the HTTP server (in-flight requests finish)
// and then calls process.exit. We hold that exit until steps 1–2 are done (at most GRACE_MS).
// With NEXT_MANUAL_SIG_HANDLE set (or in the worker process) nobody else exits: we do.
const GRACE_MS = 20_000;
const state = globalThis as unknown as { __eidShutdown?: { installed: boolean; stopping?: Promise<void>; closing?: Promise<void> } };

function log(message: string) {
  console.info(`[shutdown] ${message}`);
}

export function installGracefulShutdown(options: { exitsItself?: boolean } = {}): void {
  state.__eidShutdown ??= { installed: false };
  const s = state.__eidShutdown;
  if (s.installed) return;
  s.installed = true;
  const exitsItself = options.exitsItself ?? Boolean(getEnv().NEXT_MANUAL_SIG_HANDLE);

  const stopWork = () =>
    (s.stopping ??= (async () => {
      log('signal received: taking no new jobs, finishing the outbox batch in flight');
      await stopBackgroundWork().catch((error) => console.error('[shutdown] background work:', error));
      log('background work stopped');
    })());
  const closeDb = () =>
    (s.closing ??= (async () => {
      await stopWork();
      await closeConnection().catch((error) => console.error('[shutdown] closing the database:', error));
      log('database closed');
    })());
  const withGrace = (work: Promise<void>) => Promise.race([work, new Promise<void>((resolve) => setTimeout(resolve, GRACE_MS).unref())]);

  const onSignal = (signal: NodeJS.Signals) => {
    void stopWork();
    if (exitsItself) void withGrace(closeDb()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);

  if (!exitsItself) {
    const originalExit = process.exit.bind(process);
    process.exit = ((code?: number | string | null) => {
      if (!s.stopping) return originalExit(code);
      void withGrace(closeDb()).finally(() => originalExit(code));
      return undefined as never;
    }) as typeof process.exit;
  }
}
