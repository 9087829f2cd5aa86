import type { Executor } from './connect';

/**
 * A query that runs on every page (the session's actor, a citizen's lists, the queue) built once per
 * database instead of on every call. drizzle builds SQL text from the query's parts each time it runs —
 * about 0.1–0.2 ms of CPU a statement, a tenth of a page's extra cost over a bare page
 * (docs/benchmarks.md) — unless the query is prepared with `.prepare()` and given its values as
 * `sql.placeholder(...)`s at each `.execute({...})`.
 *
 * Define it at module level, so the builder cannot close over a request's values: it gets only the
 * database, and everything that varies must be a placeholder.
 *
 *   const activeSession = definePrepared((db) =>
 *     db.select().from(sessions).where(eq(sessions.id, sql.placeholder('id'))).prepare('active_session'));
 *   const rows = await activeSession(db).execute({ id });
 *
 * Kept per database object (a transaction is its own, and is dropped with it).
 */
export function definePrepared<Q>(build: (db: Executor) => Q): (db: Executor) => Q {
  const perDatabase = new WeakMap<Executor, Q>();
  return (db) => {
    let query = perDatabase.get(db);
    if (query === undefined) {
      query = build(db);
      perDatabase.set(db, query);
    }
    return query;
  };
}
