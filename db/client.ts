import 'server-only';
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { migrateDatabase, openDatabase, type Connection } from './connect';

// One connection per process, kept on globalThis so Next's module re-evaluation (dev reloads,
// separate route bundles) cannot open a second PGlite on the same folder — PGlite has no lock.
const globalForDb = globalThis as unknown as { __eidConnection?: Promise<Connection>; __eidReadConnection?: Promise<Connection> };

export function getConnection(): Promise<Connection> {
  if (!globalForDb.__eidConnection) {
    const env = getEnv();
    globalForDb.__eidConnection = (async () => {
      const connection = env.DATABASE_URL
        ? await openDatabase({ kind: 'postgresql', url: env.DATABASE_URL })
        : await openDatabase({ kind: 'pglite', dataDir: path.resolve(env.PGLITE_DATA_DIR) });
      await migrateDatabase(connection);
      return connection;
    })();
    // A failed start must not be cached forever.
    globalForDb.__eidConnection.catch(() => {
      globalForDb.__eidConnection = undefined;
    });
  }
  return globalForDb.__eidConnection;
}

export async function getDb() {
  return (await getConnection()).db;
}

/**
 * The database for heavy reads that may lag a moment behind (the clerk queue, the dashboard): a
 * read replica when DATABASE_READ_URL is set next to DATABASE_URL, else the primary. Never for a
 * read that decides a write; writes and their checks always go to getDb().
 */
export async function getReadDb() {
  const env = getEnv();
  if (!env.DATABASE_URL || !env.DATABASE_READ_URL) return getDb();
  if (!globalForDb.__eidReadConnection) {
    // The replica follows the primary's schema: make sure the primary is migrated first.
    globalForDb.__eidReadConnection = getConnection().then(() => openDatabase({ kind: 'postgresql', url: env.DATABASE_READ_URL! }));
    globalForDb.__eidReadConnection.catch(() => {
      globalForDb.__eidReadConnection = undefined;
    });
  }
  return (await globalForDb.__eidReadConnection).db;
}

/** Closes the process's connection (PGlite flushes and unlocks its folder); for graceful shutdown. */
export async function closeConnection(): Promise<void> {
  const pending = [globalForDb.__eidReadConnection, globalForDb.__eidConnection];
  globalForDb.__eidConnection = globalForDb.__eidReadConnection = undefined;
  for (const connection of pending) {
    const opened = await connection?.catch(() => null);
    await opened?.close();
  }
}
