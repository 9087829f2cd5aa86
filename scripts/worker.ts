// `npm run worker`: outbox delivery and the scheduled jobs without the web server, for deployments
// that run web instances with RUN_WORKERS=false. Any number of workers may run (jobs run once per
// slot, messages are sent once). PostgreSQL only: PGlite is one process's database.
import { getConnection } from '@/db/client';
import { getEnv } from '@/lib/env';
import { startBackgroundWork } from '@/lib/jobs/background';
import { instanceId } from '@/lib/jobs/job-runs';
import { installGracefulShutdown } from '@/lib/jobs/shutdown';

async function main() {
  const env = getEnv();
  if (!env.DATABASE_URL) {
    console.error('[worker] DATABASE_URL is not set: a separate worker needs PostgreSQL (the embedded database belongs to the web process, which runs its own background work)');
    process.exit(2);
  }
  const connection = await getConnection();
  console.info(`[worker] ${instanceId()}: database ${connection.kind}, migrated; delivering the outbox every ${env.OUTBOX_POLL_MS} ms and running scheduled jobs`);
  installGracefulShutdown({ exitsItself: true });
  startBackgroundWork({ force: true });
  // The background timers do not hold the process open; this does, until a signal ends it.
  setInterval(() => {}, 1 << 30);
}

main().catch((error) => {
  console.error('[worker] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
