import 'server-only';
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { migrateDatabase, openDatabase, type Connection } from './connect';

// One connection per process, kept on globalThis so Next's module re-evaluation (dev reloads,
// separate route bundles) cannot open a second PGlite on the same folder — PGlite has no lock.
const globalForDb = globalThis as unknown as { __eidConnection?: Promise<Connection> };

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

/** Closes the process's connection (PGlite flushes and unlocks its folder); for graceful shutdown. */
export async function closeConnection(): Promise<void> {
  const pending = globalForDb.__eidConnection;
  globalForDb.__eidConnection = undefined;
  if (!pending) return;
  const connection = await pending.catch(() => null);
  await connection?.close();
}
