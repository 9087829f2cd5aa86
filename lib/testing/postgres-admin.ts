// Database administration for the test runs, kept free of the app's modules so the per-worker setup
// file (worker-database.ts) loads quickly before every test file: URLs, CREATE/DROP DATABASE.

/** The database name in a postgres:// URL, and the same URL pointing at another database. */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The database of one parallel vitest worker (lib/testing/worker-database.ts): `<database>_w<pool id>`
 * beside TEST_DATABASE_URL's. Without a pool id (a script, another runner) the URL itself.
 */
export function workerDatabaseUrl(sharedUrl: string, poolId: string | undefined): string {
  if (!poolId) return sharedUrl;
  return withDatabase(sharedUrl, `${databaseOf(sharedUrl)}_w${poolId}`);
}

/** Every worker database of this run's TEST_DATABASE_URL: `<database>_w<digits>`. */
export async function dropWorkerDatabases(sharedUrl: string): Promise<void> {
  const prefix = `${databaseOf(sharedUrl)}_w`;
  const isWorkerDatabase = (name: string) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length));
  await onMaintenanceDatabase(sharedUrl, async (sql) => {
    const rows = (await sql('select datname from pg_database')) as { datname: string }[];
    for (const { datname } of rows) if (isWorkerDatabase(datname)) await sql(`drop database if exists ${quoteIdent(datname)} with (force)`);
  });
}

/** Creates the database in `url` when it does not exist (empty, as scripts/test.mjs makes TEST_DATABASE_URL's). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseOf(url);
  await onMaintenanceDatabase(url, async (sql) => {
    const rows = (await sql(`select 1 from pg_database where datname = '${name.replaceAll("'", "''")}'`)) as unknown[];
    if (rows.length) return;
    try {
      await sql(`create database ${quoteIdent(name)}`);
    } catch (error) {
      // 42P04 duplicate_database: created meanwhile; anything else is real.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  });
}

/** Runs statements on the server's maintenance database (CREATE/DROP DATABASE cannot run inside the target). */
export async function onMaintenanceDatabase(url: string, run: (sql: (text: string) => Promise<unknown>) => Promise<void>): Promise<void> {
  const { default: postgres } = await import('postgres');
  const admin = postgres(withDatabase(url, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await run((text) => admin.unsafe(text));
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Drops `database` (ending any session on it) and re-creates it as a copy of `template`. */
export async function recreateFromTemplate(url: string, database: string, template: string): Promise<void> {
  await onMaintenanceDatabase(url, async (sql) => {
    await sql(`drop database if exists ${quoteIdent(database)} with (force)`);
    await sql(`create database ${quoteIdent(database)} template ${quoteIdent(template)}`);
  });
}
