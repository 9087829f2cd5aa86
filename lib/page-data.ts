import { getDb, getReadDb } from '@/db/client';
import type { Database } from '@/db/connect';

/**
 * How a page gets its data: it names the lib/ query and never holds the database itself, so app/
 * stays routing and rendering (app/structure.test.ts checks no page or component imports db/).
 * `replica: true` reads from the read replica where one is configured (the queue and the overview).
 */
export async function loadPageData<T>(load: (db: Database) => Promise<T>, options: { replica?: boolean } = {}): Promise<T> {
  return load(options.replica ? await getReadDb() : await getDb());
}
