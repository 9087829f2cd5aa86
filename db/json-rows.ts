import { sql, type Column, type GetColumnData, type SQL } from 'drizzle-orm';

/**
 * Several lists in ONE statement: a subquery's rows as a single JSON value, read back into the same
 * values a plain select of those columns gives (each column's own `mapFromDriverValue`: dates, numbers,
 * decrypted personal data). A page that shows three lists then sends one statement instead of three; each
 * statement costs a page about 0.25 ms of CPU in the driver and the socket alone (docs/benchmarks.md).
 *
 *   const page = db.select({
 *     drafts: jsonRows({ serviceId: applicationDrafts.serviceId, updatedAt: applicationDrafts.updatedAt }, (row) =>
 *       db.select({ row }).from(applicationDrafts).where(…).orderBy(…)),
 *   }).from(citizenAccounts).where(…);
 *
 * `select` gets the row as one SQL value (a JSON array of the columns, in order) and returns the
 * subquery: its WHERE, ORDER BY and LIMIT are its own, and the rows keep its order. Columns of a
 * left-joined table may be null: name them in `nullable`.
 */
export function jsonRows<F extends Record<string, Column>, N extends keyof F = never>(
  fields: F,
  select: (row: SQL.Aliased<unknown>) => SQL | { getSQL(): SQL },
  options: { nullable?: readonly N[] } = {},
): SQL<Array<{ [K in keyof F]: K extends N ? GetColumnData<F[K], 'raw'> | null : GetColumnData<F[K]> }>> {
  const keys = Object.keys(fields);
  const columns = keys.map((key) => fields[key]!);
  const row = sql`json_build_array(${sql.join(columns, sql`, `)})`.as('json_row');
  const nullable = new Set<unknown>(options.nullable ?? []);
  return sql`coalesce((select json_agg(rows.json_row) from (${select(row)}) as rows), '[]'::json)`.mapWith((value: unknown) => {
    // PGlite and postgres.js both parse json; a driver that hands over the text is read too.
    const list = (typeof value === 'string' ? JSON.parse(value) : value) as unknown[][];
    return list.map((values) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i += 1) {
        const raw = values[i];
        if (raw === null || raw === undefined) {
          if (!nullable.has(keys[i]!) && columns[i]!.notNull) throw new Error(`jsonRows: ${keys[i]} is null`);
          out[keys[i]!] = null;
        } else out[keys[i]!] = columns[i]!.mapFromDriverValue(raw);
      }
      return out;
    });
  }) as never;
}
