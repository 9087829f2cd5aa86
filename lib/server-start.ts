import 'server-only';
import { getConnection } from '@/db/client';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemoData, staffSeeds } from '@/db/seed';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { residents } from '@/db/schema';
import { inArray } from 'drizzle-orm';
import { getAuthSecret } from '@/lib/auth/secret';
import { dictionaryFor } from '@/lib/i18n/messages';
import { DEV_COURIER_WEBHOOK_SECRET, getEnv, usesDevCourierWebhookSecret } from '@/lib/env';
import { startBackgroundWork } from '@/lib/jobs/background';
import { installGracefulShutdown } from '@/lib/jobs/shutdown';
import { demoTerminalKeys } from '@/lib/terminals/api-keys';
import { DEMO_TERMINALS } from '@/lib/terminals/demo-terminals';
import { piiIndex } from '@/lib/privacy/pii-columns';
import { getPiiKeyRing } from '@/lib/privacy/pii-keys';
import { countStalePii, encryptPiiAtRest } from '@/lib/privacy/rotate-pii';
import { describeServiceSync, syncServiceCatalog } from '@/lib/services/sync-services';

export async function prepareServer(): Promise<void> {
  const env = getEnv();
  // Like a missing NEXTAUTH_SECRET: production on PostgreSQL without PII_KEYS refuses to start.
  const piiRing = getPiiKeyRing();
  const connection = await getConnection();
  console.info(`[start] database: ${connection.kind}${connection.kind === 'pglite' ? ` (${env.PGLITE_DATA_DIR})` : ''}, migrated`);
  // The embedded database (one process) brings older rows under the active key itself; on PostgreSQL
  // that is the operator's `npm run pii:encrypt` (docs/deployment.md).
  if (connection.kind === 'pglite') await encryptStalePii(connection.db, piiRing);
  // Every start, demo seed or not: the services table follows the catalogue (a countersign flag, a level,
  // a deadline changed in lib/services/catalog.ts reaches a database that is already running).
  const servicesSynced = describeServiceSync(await syncServiceCatalog(connection.db));
  if (servicesSynced) console.info(`[start] ${servicesSynced}`);
  if (env.isDemoSeedEnabled) {
    const started = Date.now();
    const terminalKeySecret = readAuthSecret();
    const summary = await seedDemoData(connection.db, { publicBaseUrl: env.PUBLIC_BASE_URL, terminalKeySecret, photosDir: env.DEMO_PHOTOS_DIR });
    if (!summary.skipped) {
      console.info(`[start] demo data seeded in ${Date.now() - started} ms: ${summary.residents} residents, ${summary.staff} staff, ${summary.applications} applications`);
    }
    await printDemoAccounts(connection.db, terminalKeySecret);
  }
  if (usesDevCourierWebhookSecret(env)) {
    // Only possible off a deployment (lib/env.ts stops production on PostgreSQL without a key).
    console.info(
      `[start] courier webhooks (POST /api/couriers/{EMS|SF}/webhook) are signed with the development key "${DEV_COURIER_WEBHOOK_SECRET}"; set COURIER_WEBHOOK_SECRET (or COURIER_WEBHOOK_SECRET_EMS and _SF) for real couriers`,
    );
  }
  startBackgroundWork();
  installGracefulShutdown();
}

async function encryptStalePii(db: Awaited<ReturnType<typeof getConnection>>['db'], ring: ReturnType<typeof getPiiKeyRing>) {
  const stale = Object.values(await countStalePii(db, ring)).reduce((a, b) => a + b, 0);
  if (stale === 0) return;
  const report = await encryptPiiAtRest(db, ring);
  console.info(`[start] personal data brought under key ${ring.active}: ${report.map((r) => `${r.table} ${r.updated}`).join(', ')}`);
}

// Without a secret (a bare `next dev`) there are no demo terminals; sign-in reports the missing secret itself.
function readAuthSecret(): string | undefined {
  try {
    return getAuthSecret();
  } catch {
    console.warn('[start] NEXTAUTH_SECRET is not set: demo verifier terminals are not created');
    return undefined;
  }
}

async function printDemoAccounts(db: Awaited<ReturnType<typeof getConnection>>['db'], terminalKeySecret: string | undefined) {
  const rows = await db
    .select({ name: residents.name, idNumber: residents.idNumber, phone: residents.phone })
    .from(residents)
    .where(inArray(residents.phoneIndex, DEMO_CITIZENS.map((c) => piiIndex('phone', c.phone))));
  const env = getEnv();
  const lines = [
    '',
    '──────── Demo accounts (synthetic data) ────────',
    `Portal: ${env.PUBLIC_BASE_URL}`,
    'Citizens — sign in at /sign-in; the one-time code is written to ' + `${env.OUTBOX_DIR}/sms/`,
    ...rows.map((r) => `  ${r.name}  ID ${r.idNumber}  mobile ${r.phone}`),
    `Staff — sign in at /staff/sign-in, password for all: ${DEMO_PASSWORD}`,
    ...(terminalKeySecret ? [`  two-factor: add TOTP secret ${DEMO_TOTP_SECRET} to an authenticator app (same for all demo staff)`] : []),
    ...staffSeeds()
      .filter((s) => s.role !== 'clerk' || ['420102', '420106'].includes(s.districtCodes[0] ?? ''))
      .map((s) => `  ${s.username.padEnd(12)} ${s.role.padEnd(10)} ${s.office}`),
    '  (one clerk per district: clerk02, clerk03 … clerk17 by the last two digits of the district code)',
    ...demoTerminalLines(terminalKeySecret),
    '────────────────────────────────────────────────',
    '',
  ];
  console.info(lines.join('\n'));
}

// Development data only: this block is printed only when the demo seed is on.
function demoTerminalLines(secret: string | undefined): string[] {
  if (!secret) return [];
  const keys = demoTerminalKeys(secret);
  // The console speaks English (a developer's log).
  const { kindName, kindSees } = dictionaryFor('en').staff.terminals;
  return [
    'Verifier terminals — open /terminal and paste a key (or POST /api/terminal/verify with Authorization: Bearer <key>):',
    ...DEMO_TERMINALS.flatMap((t) => [`  ${kindName[t.kind].padEnd(16)} ${t.name} (${kindSees[t.kind]})`, `    ${keys[t.kind]}`]),
    'The internet café key also opens /cafe-terminal: a seat QR the citizen scans to check in (网吧扫码上网登记).',
  ];
}
