import 'server-only';
import { getConnection } from '@/db/client';
import { DEMO_PASSWORD, seedDemoData, staffSeeds } from '@/db/seed';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { residents } from '@/db/schema';
import { inArray } from 'drizzle-orm';
import { getEnv } from '@/lib/env';
import { startOutboxPoller, kickOutbox } from '@/lib/notifications/outbox-worker';

export async function prepareServer(): Promise<void> {
  const env = getEnv();
  const connection = await getConnection();
  console.info(`[start] database: ${connection.kind}${connection.kind === 'pglite' ? ` (${env.PGLITE_DATA_DIR})` : ''}, migrated`);
  if (env.isDemoSeedEnabled) {
    const started = Date.now();
    const summary = await seedDemoData(connection.db, { publicBaseUrl: env.PUBLIC_BASE_URL });
    if (!summary.skipped) {
      console.info(`[start] demo data seeded in ${Date.now() - started} ms: ${summary.residents} residents, ${summary.staff} staff, ${summary.applications} applications`);
    }
    await printDemoAccounts(connection.db);
  }
  startOutboxPoller();
  kickOutbox();
}

async function printDemoAccounts(db: Awaited<ReturnType<typeof getConnection>>['db']) {
  const rows = await db
    .select({ name: residents.name, idNumber: residents.idNumber, phone: residents.phone })
    .from(residents)
    .where(inArray(residents.phone, DEMO_CITIZENS.map((c) => c.phone)));
  const env = getEnv();
  const lines = [
    '',
    '──────── Demo accounts (synthetic data) ────────',
    `Portal: ${env.PUBLIC_BASE_URL}`,
    'Citizens — sign in at /sign-in; the one-time code is written to ' + `${env.OUTBOX_DIR}/sms/`,
    ...rows.map((r) => `  ${r.name}  ID ${r.idNumber}  mobile ${r.phone}`),
    `Staff — sign in at /staff/sign-in, password for all: ${DEMO_PASSWORD}`,
    ...staffSeeds()
      .filter((s) => s.role !== 'clerk' || ['420102', '420106'].includes(s.districtCodes[0] ?? ''))
      .map((s) => `  ${s.username.padEnd(12)} ${s.role.padEnd(10)} ${s.office}`),
    '  (one clerk per district: clerk02, clerk03 … clerk17 by the last two digits of the district code)',
    '────────────────────────────────────────────────',
    '',
  ];
  console.info(lines.join('\n'));
}
