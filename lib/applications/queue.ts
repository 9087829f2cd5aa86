// The clerk's queue at a million applications: filtered, sorted and paged in the database with
// keyset pagination (a cursor on the sort key + id, never OFFSET), so a deep page costs what page 1 costs.
//
// How it stays fast: an IN-list on a leading index column (status IN (open…), district IN (…)) stops
// PostgreSQL from reading an index in order, so the query is split into one branch per status (and
// per district for a clerk or a district filter). Each branch reads its own ordered index range
// (`applications_queue_*` in db/schema.ts) up to one page, and the branches are merged. Small sets
// (a search, "my cases") skip the split: the database finds them through their own index and sorts them.
import { and, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Executor } from '@/db/connect';
import { applications, residents, services, staffUsers, type ApplicationStatus } from '@/db/schema';
import type { StaffActor } from '@/lib/auth/actor';
import { addWorkingDays, toBeijingDate } from '@/lib/calendar/working-days';
import { maskIdNumber } from '@/lib/privacy/mask';
import { applicationScope } from './access';
import { isIdNumberQuery, QUEUE_SORT_COLUMNS, type QueueSort } from './queue-search';
import { OPEN_STATUSES, UNHELD_STATUSES } from './state-machine';
import { canAssignCases, canSeeEveryDistrict } from '@/lib/auth/permissions';
import { decryptValue } from '@/lib/privacy/field-encryption';
import { getPiiKeyRing } from '@/lib/privacy/pii-keys';
import { piiIndex } from '@/lib/privacy/pii-columns';

export { QUEUE_SORT_COLUMNS, type QueueSort } from './queue-search';
/** Everything the bureau has received: drafts are the citizen's business only. */
export const QUEUE_STATUSES = ['submitted', 'in_review', 'needs_more_material', 'awaiting_countersign', 'approved', 'rejected', 'withdrawn'] as const;
export const QUEUE_DUE_FILTERS = ['soon', 'today', 'overdue'] as const;
export type QueueDue = (typeof QUEUE_DUE_FILTERS)[number];
/** "Due soon": at most this many working days left (today included). */
export const DUE_SOON_WORKING_DAYS = 1;
/** A count above this is shown as "1000+": counting a million rows on every page view is not worth it. */
export const QUEUE_COUNT_CAP = 1000;

const cursorSchema = z.string().max(300).regex(/^[A-Za-z0-9_-]+$/);

export const queueParamsSchema = z.object({
  pageSize: z.coerce.number().int().min(5).max(100).catch(20).default(20),
  sort: z.enum(QUEUE_SORT_COLUMNS).catch('deadlineDate').default('deadlineDate'),
  dir: z.enum(['asc', 'desc']).catch('asc').default('asc'),
  status: z.enum([...QUEUE_STATUSES, 'open', 'all']).catch('open').default('open'),
  service: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/).optional().catch(undefined),
  district: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  due: z.enum(QUEUE_DUE_FILTERS).optional().catch(undefined),
  assignee: z.enum(['mine', 'unassigned']).optional().catch(undefined),
  q: z.string().trim().max(50).catch('').default(''),
  // "1" when the search is by ID number: the number itself is in a cookie, never in the URL.
  idSearch: z.enum(['1']).optional().catch(undefined),
  // Keyset cursors: the page after `after`, or the page before `before` (opaque, from the last page).
  after: cursorSchema.optional().catch(undefined),
  before: cursorSchema.optional().catch(undefined),
});
export type QueueParams = z.infer<typeof queueParamsSchema>;
export type QueueInput = z.input<typeof queueParamsSchema>;

export const QUEUE_SORT_SQL: Record<QueueSort, { column: SQL; cast: SQL }> = {
  deadlineDate: { column: sql`${applications.deadlineDate}`, cast: sql`date` },
  submittedAt: { column: sql`${applications.submittedAt}`, cast: sql`timestamptz` },
  referenceNumber: { column: sql`${applications.referenceNumber}`, cast: sql`text` },
  status: { column: sql`${applications.status}`, cast: sql`application_status` },
};

type Cursor = { key: string; id: string };

// The key travels as the database's own text form, so a timestamp keeps its microseconds.
export function encodeQueueCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), 'utf8').toString('base64url');
}

const decodedCursorSchema = z.tuple([z.string().min(1).max(100), z.uuid()]);

/** What a key of each sort looks like in its text form; anything else is a tampered cursor, ignored. */
const CURSOR_KEY_FORMATS: Record<QueueSort, RegExp> = {
  deadlineDate: /^\d{4}-\d{2}-\d{2}$/,
  submittedAt: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/,
  referenceNumber: /^[A-Z0-9]{1,40}$/,
  status: new RegExp(`^(${QUEUE_STATUSES.join('|')})$`),
};

function decodeCursor(value: string | undefined, sort: QueueSort): Cursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = decodedCursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success && CURSOR_KEY_FORMATS[sort].test(parsed.data[0]) ? { key: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

export type QueueRow = {
  id: string;
  referenceNumber: string;
  status: ApplicationStatus;
  version: number;
  districtCode: string;
  serviceId: string;
  submittedAt: Date | null;
  deadlineDate: string | null;
  applicantName: string;
  applicantIdNumberMasked: string;
  serviceNameZh: string;
  assignee: string | null;
  claimedByStaffId: string | null;
  claimExpiresAt: Date | null;
};

export type QueuePage = {
  rows: QueueRow[];
  /** Matching cases, up to QUEUE_COUNT_CAP; `totalIsCapped` when there are more. */
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
  previousCursor: string | null;
};

/** The statuses a filter asks for; a deadline filter only makes sense for cases still waiting on the bureau. */
function statusesFor(params: QueueParams): ApplicationStatus[] {
  const asked: readonly ApplicationStatus[] =
    params.status === 'open' ? OPEN_STATUSES : params.status === 'all' ? QUEUE_STATUSES : [params.status];
  return asked.filter(
    (s) =>
      (!params.due || OPEN_STATUSES.includes(s)) &&
      // Nobody holds a case in an "unheld" status, and somebody always holds one in any other: the
      // assignee filters leave out the statuses that cannot match instead of scanning them for nothing.
      (params.assignee !== 'unassigned' || UNHELD_STATUSES.includes(s)) &&
      (params.assignee !== 'mine' || !UNHELD_STATUSES.includes(s)),
  );
}

/** The conditions every branch shares (everything but status and district). */
function sharedFilters(actor: StaffActor, params: QueueParams, now: Date, purpose: 'page' | 'count' = 'page'): SQL[] {
  // Every case in the queue was submitted, which sets both its submission time and its deadline. The
  // page says so on its sort key (a keyset needs non-null keys); the count on the deadline, which its
  // index-only scan can read.
  const submitted = purpose === 'page' ? QUEUE_SORT_SQL[params.sort].column : sql`${applications.deadlineDate}`;
  const filters: SQL[] = [applicationScope(actor), sql`${submitted} is not null`];
  if (params.service) filters.push(eq(applications.serviceId, params.service));
  if (params.due) {
    const today = toBeijingDate(now);
    if (params.due === 'overdue') filters.push(sql`${applications.deadlineDate} < ${today}::date`);
    if (params.due === 'today') filters.push(sql`${applications.deadlineDate} = ${today}::date`);
    if (params.due === 'soon') {
      filters.push(sql`${applications.deadlineDate} between ${today}::date and ${addWorkingDays(today, DUE_SOON_WORKING_DAYS)}::date`);
    }
  }
  if (params.assignee === 'mine') filters.push(eq(applications.claimedByStaffId, actor.staffId));
  if (params.assignee === 'unassigned') filters.push(isNull(applications.claimedByStaffId));
  const q = params.q;
  if (q) {
    if (isIdNumberQuery(q)) {
      filters.push(sql`${applications.residentId} in (select ${residents.id} from ${residents} where ${eq(residents.idNumberIndex, piiIndex('id_number', q))})`);
    } else if (/^WH\d{6,}$/i.test(q)) {
      filters.push(eq(applications.referenceNumber, q.toUpperCase()));
    } else {
      // A name: exact, or a prefix of at least two characters (one surname alone would match a tenth of the city).
      const name = q.length >= 2 ? like(residents.name, `${q.replace(/[%_\\]/g, '\\$&')}%`) : eq(residents.name, q);
      filters.push(sql`${applications.residentId} in (select ${residents.id} from ${residents} where ${name})`);
    }
  }
  return filters;
}

/** District branches: a clerk's own districts (narrowed by the filter), or the filter for a supervisor. */
function districtsFor(actor: StaffActor, params: QueueParams): string[] | undefined {
  const scopeDistricts = canSeeEveryDistrict(actor) ? undefined : actor.districtCodes;
  return params.district ? (scopeDistricts ?? [params.district]).filter((d) => d === params.district) : scopeDistricts;
}

/** The whole filter as one WHERE clause (no cursor): the capped count, and the benchmark's baselines. */
export function queueWhere(actor: StaffActor, input: QueueInput | QueueParams, now: Date): SQL {
  const params = queueParamsSchema.parse(input);
  const statuses = statusesFor(params);
  const districts = districtsFor(actor, params);
  if (statuses.length === 0 || (districts && districts.length === 0)) return sql`false`;
  return and(inArray(applications.status, statuses), districts ? inArray(applications.districtCode, districts) : undefined, ...sharedFilters(actor, params, now))!;
}

/**
 * One page of the queue for this member of staff: only their districts (a supervisor: the bureau),
 * sorted by `sort` then id, after/before a cursor. ID numbers leave the database masked.
 */
export async function listQueue(db: Executor, actor: StaffActor, input: QueueInput | QueueParams, options: { now?: Date } = {}): Promise<QueuePage> {
  const params = queueParamsSchema.parse(input);
  const now = options.now ?? new Date();
  const statuses = statusesFor(params);
  if (statuses.length === 0) return { rows: [], total: 0, totalIsCapped: false, nextCursor: null, previousCursor: null };

  const after = decodeCursor(params.after, params.sort);
  const before = after ? undefined : decodeCursor(params.before, params.sort);
  const sort = QUEUE_SORT_SQL[params.sort];
  // Reading backwards (the page before a cursor) flips the order; the rows are turned round afterwards.
  const ascending = (params.dir === 'asc') !== (before !== undefined);
  const cursor = after ?? before;
  const shared = sharedFilters(actor, params, now);
  const countFilters = sharedFilters(actor, params, now, 'count');
  const op = ascending ? sql`>` : sql`<`;
  const rowCursor = cursor ? sql`(${sort.column}, ${applications.id}) ${op} (cast(${cursor.key} as ${sort.cast}), ${cursor.id}::uuid)` : undefined;
  const order = ascending ? sql`asc` : sql`desc`;
  const limit = params.pageSize + 1;

  const districts = districtsFor(actor, params);
  if (districts && districts.length === 0) return { rows: [], total: 0, totalIsCapped: false, nextCursor: null, previousCursor: null };

  // A search finds a handful of cases through its own index; "mine" reads (holder, status, key, id);
  // everything else reads (district, status, key, id) or (status, key, id).
  const districtFilter = districts ? inArray(applications.districtCode, districts) : undefined;
  type Branch = { condition: SQL; status?: ApplicationStatus };
  const branches: Branch[] =
    params.q !== ''
      ? [{ condition: and(inArray(applications.status, statuses), districtFilter)! }]
      : params.assignee === 'mine'
        ? statuses.map((status) => ({ condition: and(eq(applications.status, status), districtFilter)!, status }))
        : statuses.flatMap((status) =>
            districts
              ? districts.map((district) => ({ condition: and(eq(applications.status, status), eq(applications.districtCode, district))!, status }))
              : [{ condition: eq(applications.status, status), status }],
          );
  const branchConditions = branches.map((b) => b.condition);

  // The cursor per branch. Sorted by status, a one-status branch compares ids only, and a branch whose
  // status lies wholly before the cursor is dropped: PostgreSQL would otherwise walk all of it testing
  // the row comparison (a deep page of "all statuses" read every earlier status).
  const rank = (status: string) => (QUEUE_STATUSES as readonly string[]).indexOf(status);
  const cursorFor = (b: Branch): SQL | undefined | false => {
    if (!cursor || !rowCursor) return undefined;
    if (params.sort !== 'status' || !b.status) return rowCursor;
    const cmp = rank(b.status) - rank(cursor.key);
    if (cmp === 0) return sql`${applications.id} ${op} ${cursor.id}::uuid`;
    return (ascending ? cmp > 0 : cmp < 0) ? undefined : false;
  };
  const branch = (b: Branch) => {
    const keyset = cursorFor(b);
    return sql`(select ${applications.id} as id, ${sort.column}::text as key, ${sort.column} as sort_value from ${applications}
        where ${and(b.condition, ...shared, keyset || undefined)} order by ${sort.column} ${order}, ${applications.id} ${order} limit ${limit})`;
  };
  const live = branches.filter((b) => cursorFor(b) !== false);
  const pageQuery =
    live.length === 0
      ? sql`select null::uuid as id, null::text as key, null::text as sort_value where false`
      : live.length === 1
        ? sql`select id, key, sort_value from ${branch(live[0]!)} as merged`
        : sql`select id, key, sort_value from (${sql.join(live.map(branch), sql` union all `)}) as merged
          order by sort_value ${order}, id ${order} limit ${limit}`;

  // Counted branch by branch too (each along its own index, stopping at the cap): one count over the
  // IN-lists would have the planner scan the table.
  const countBranch = (condition: SQL) =>
    sql`(select count(*) as n from (select 1 from ${applications} where ${and(condition, ...countFilters)} limit ${QUEUE_COUNT_CAP + 1}) as c)`;

  // One statement, one round trip: the page's ids, its rows with their joins, and the capped count
  // (kept even when the page is empty by joining the page onto it).
  const statement = sql`with page as (${pageQuery}),
      capped as (select coalesce(sum(n), 0)::int as n from (${sql.join(branchConditions.map(countBranch), sql` union all `)}) as counts)
    select capped.n as total, page.key as cursor_key, a.id, a.reference_number, a.status, a.version, a.district_code, a.service_id,
      (extract(epoch from a.submitted_at) * 1000)::float8 as submitted_ms, a.deadline_date::text as deadline_date,
      r.name as applicant_name, r.id_number as applicant_id_number, s.name_zh as service_name_zh, st.staff_number as assignee,
      a.claimed_by_staff_id, (extract(epoch from a.claim_expires_at) * 1000)::float8 as claim_expires_ms
    from capped
    left join (page
      join ${applications} a on a.id = page.id
      join ${residents} r on r.id = a.resident_id
      join ${services} s on s.id = a.service_id
      left join ${staffUsers} st on st.id = a.claimed_by_staff_id) on true
    order by page.sort_value ${order}, page.id ${order}`;
  const result = await queryRows<RawQueueRow>(db, statement);
  const total = result[0]?.total ?? 0;
  const found = result.filter((row) => row.id !== null);
  const hasMore = found.length > params.pageSize;
  const pageRows = found.slice(0, params.pageSize);
  if (before) pageRows.reverse();
  const rows = pageRows.map(toQueueRow);

  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  return {
    rows,
    total: Math.min(total, QUEUE_COUNT_CAP),
    totalIsCapped: total > QUEUE_COUNT_CAP,
    // Going forward there is a next page when we read one row too many; there is a previous one
    // whenever we came from a cursor. Going backwards, the other way round.
    nextCursor: last && (before ? true : hasMore) ? encodeQueueCursor({ key: last.cursor_key, id: last.id }) : null,
    previousCursor: first && (before ? hasMore : after !== undefined) ? encodeQueueCursor({ key: first.cursor_key, id: first.id }) : null,
  };
}

type RawQueueRow = {
  total: number;
  cursor_key: string;
  id: string;
  reference_number: string;
  status: ApplicationStatus;
  version: number;
  district_code: string;
  service_id: string;
  submitted_ms: number | null;
  deadline_date: string | null;
  applicant_name: string;
  applicant_id_number: string;
  service_name_zh: string;
  assignee: string | null;
  claimed_by_staff_id: string | null;
  claim_expires_ms: number | null;
};

function toQueueRow(row: RawQueueRow): QueueRow {
  return {
    id: row.id,
    referenceNumber: row.reference_number,
    status: row.status,
    version: Number(row.version),
    districtCode: row.district_code,
    serviceId: row.service_id,
    submittedAt: row.submitted_ms === null ? null : new Date(Number(row.submitted_ms)),
    deadlineDate: row.deadline_date,
    applicantName: row.applicant_name,
    // Raw SQL bypasses the column type: decrypt here, then mask.
    applicantIdNumberMasked: maskIdNumber(decryptValue(getPiiKeyRing(), row.applicant_id_number)),
    serviceNameZh: row.service_name_zh,
    assignee: row.assignee,
    claimedByStaffId: row.claimed_by_staff_id,
    claimExpiresAt: row.claim_expires_ms === null ? null : new Date(Number(row.claim_expires_ms)),
  };
}

/** The clerks a supervisor may hand cases to (assign checks each case's district again). */
export async function listAssignableClerks(db: Executor, actor: StaffActor) {
  if (!canAssignCases(actor)) return [];
  return db
    .select({ id: staffUsers.id, staffNumber: staffUsers.staffNumber, displayName: staffUsers.displayName, districtCodes: staffUsers.districtCodes })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'clerk'), eq(staffUsers.isActive, true)))
    .orderBy(staffUsers.staffNumber);
}
