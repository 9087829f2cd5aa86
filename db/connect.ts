// Opens a database of either kind and brings it to the latest migration. No `server-only` here:
// tests, the seed CLI and the app share it. The app's single instance lives in db/client.ts.
import path from 'node:path';
import fs from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import { assertPostgresPatched } from './postgres-guard';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: queries that may run inside a caller's transaction take this. */
export type Executor = Database | Transaction;
export type DatabaseKind = 'pglite' | 'postgresql';

/** `loadDataDir`: start an in-memory PGlite from a dumped data directory (the tests' seeded snapshots). */
export type DatabaseTarget = { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob } | { kind: 'postgresql'; url: string };

export type Connection = {
  db: Database;
  kind: DatabaseKind;
  close: () => Promise<void>;
  /** PostgreSQL: migrates under an advisory lock, so instances starting together take turns. */
  migrateExclusively?: () => Promise<void>;
};

/** Arbitrary, fixed: the advisory lock every instance takes while it migrates. */
const MIGRATION_LOCK_KEY = 8_452_026;

export const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'migrations');

export async function openDatabase(target: DatabaseTarget): Promise<Connection> {
  if (target.kind === 'postgresql') {
    // The driver must carry its patch (scripts/patches/): refuse to run on an unpatched one.
    assertPostgresPatched();
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(target.url, { max: 10, onnotice: () => {} });
    const db = drizzle(namedStatements(client), { schema }) as unknown as Database;
    const migrateExclusively = async () => {
      // One connection, so the session-level lock and the migration share it; ending it unlocks.
      const single = postgres(target.url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        const { migrate } = await import('drizzle-orm/postgres-js/migrator');
        await migrate(drizzle(single, { schema }), { migrationsFolder });
      } finally {
        await single.end({ timeout: 5 });
      }
    };
    return { db, kind: 'postgresql', close: () => client.end({ timeout: 5 }), migrateExclusively };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
  // No dataDir → in memory (unit and integration tests).
  const client = target.dataDir ? new PGlite(target.dataDir) : new PGlite(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {});
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Database;
  return { db, kind: 'pglite', close: () => client.close() };
}

/**
 * The most parameters a statement may have and still be kept prepared on its connection. Reads and
 * single-row writes stay far below it; bulk inserts (the seed, imports) vary in row count, and each
 * shape would otherwise stay prepared for the connection's life.
 */
export const MAX_PREPARED_PARAMETERS = 256;

/**
 * drizzle's postgres.js driver sends every query it did not name with `{ prepare: false }`. postgres.js
 * then sends such a query with parameters as two round trips — Parse + Describe, wait for the types,
 * then Bind + Execute — and PostgreSQL parses and plans it afresh every time: on a page that runs four
 * statements that was eight round trips, and the biggest single share of the portal's extra CPU against
 * a bare page (docs/benchmarks.md). This lets postgres.js do what it does with its own tagged queries:
 * keep each statement prepared on its connection (keyed by its text and parameter types), so a repeated
 * query is one Bind + Execute. It holds inside transactions and savepoints too, whose callbacks get a
 * client of their own. Statements are dropped with their connection, which postgres.js replaces every
 * 30–60 minutes (max_lifetime); a cached plan invalidated by a migration is re-prepared by postgres.js.
 * Needs a direct connection or a pooler that keeps prepared statements (docs/deployment.md).
 */
export function namedStatements<T extends Sql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, parameters as never, { ...options, prepare: (parameters?.length ?? 0) <= MAX_PREPARED_PARAMETERS });
      }
      if (property === 'begin' || property === 'savepoint') {
        const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const body = args.at(-1) as (inner: Sql) => unknown;
          return open.apply(target, [...args.slice(0, -1), (inner: Sql) => body(namedStatements(inner))]);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

export async function migrateDatabase(connection: Connection): Promise<void> {
  if (connection.migrateExclusively) {
    await connection.migrateExclusively();
  } else if (connection.kind === 'postgresql') {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(connection.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(connection.db as never, { migrationsFolder });
  }
}

/** The name of the latest applied migration, for /api/health. */
export async function readMigrationLevel(db: Database): Promise<{ applied: number; latest: string | null }> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const [first] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
  const applied = Number(first?.count ?? 0);
  const latest = applied > 0 ? (journal.entries[applied - 1]?.tag ?? null) : null;
  return { applied, latest };
}

/** Rows of a raw query: postgres.js returns an array, PGlite an object with `rows`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}
