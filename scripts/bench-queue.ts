// npm run bench:queue -- [--applications 1000000] [--iterations 25] [--reset] [--sorts status,…] [--write docs/benchmarks.md]
//
// The clerk's queue at scale, on PostgreSQL: fills a dedicated database (DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/eid_bench, created if missing) with the demo registry and
// 1,000,000 applications (INSERT … SELECT generate_series, indexes built after the load), then times
// the server side of the queue — the real `listQueue` — at page 1 and at a deep page for each filter
// and sort, next to (a) the OFFSET pagination the queue used before and (b) the bare SQL of the same
// keyset page as one hand-written statement. Prints p50/p95 per combination; with --write it replaces
// the queue section of the markdown file (between its markers). Not a test: nothing here asserts a time.
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { count, eq, sql, type SQL } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, type Database } from '@/db/connect';
import { applications, residents, staffUsers } from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { staffActorFrom, type StaffActor } from '@/lib/auth/actor';
import { encodeQueueCursor, listQueue, QUEUE_SORT_SQL, queueWhere, type QueueInput, type QueueSort } from '@/lib/applications/queue';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { decryptValue, encryptValue } from '@/lib/privacy/field-encryption';
import { getPiiKeyRing } from '@/lib/privacy/pii-keys';

const START_MARKER = '<!-- bench-queue:start -->';
const END_MARKER = '<!-- bench-queue:end -->';
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/eid_bench';
const TARGET_P95_MS = 50;
/** How deep "a deep page" is: this far into the matching rows (or 90 % of them when fewer match). */
const DEEP_OFFSET = 500_000;
const PAGE_SIZE = 20;

type Timing = { p50: number; p95: number; n: number };
type Result = { actor: string; filter: string; sort: string; page: string; matching: number; offset: number; listQueue: Timing; bare: Timing; offsetBaseline: Timing };

async function ensureDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const { default: postgres } = await import('postgres');
  const client = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const exists = await client`select 1 from pg_database where datname = ${name}`;
    if (exists.length === 0) await client.unsafe(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/** Registry, staff and the demo rows through the real seed, then a million applications in one statement. */
async function fill(db: Database, total: number) {
  const [{ n: existing } = { n: 0 }] = await db.select({ n: count() }).from(applications);
  if (existing >= total) {
    console.error(`  ${existing.toLocaleString('en-US')} applications already there; reusing them (--reset to start again)`);
    return;
  }
  const started = performance.now();
  const seeded = await seedDemoData(db, { residents: 20_000, publicBaseUrl: 'http://bench.invalid', now: new Date() });
  console.error(`  seed: ${seeded.residents} residents, ${seeded.staff} staff (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  await db.execute(sql`insert into citizen_accounts (resident_id) select id from residents on conflict do nothing`);

  const staff = await db.select().from(staffUsers).where(eq(staffUsers.role, 'clerk'));
  const districts = WUHAN_DISTRICTS.map((d) => d.code);
  // The district's main clerk holds its claimed cases (clerk06 for 武昌区).
  const clerkOf = districts.map((code) => staff.find((s) => s.username === `clerk${code.slice(4)}`)!.id);

  // Secondary indexes are built after the load: maintaining 13 of them row by row would triple its time.
  const indexes = await queryRows<{ indexname: string; indexdef: string }>(
    db,
    sql`select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'applications'
        and indexname not in (select conname from pg_constraint where conrelid = 'applications'::regclass)`,
  );
  for (const index of indexes) await db.execute(sql.raw(`drop index if exists "${index.indexname}"`));

  const loadStarted = performance.now();
  await db.execute(sql`select setseed(0.42)`);
  // Statuses as a busy bureau's history: most decided long ago; about 6 % waiting on the bureau,
  // submitted in the last six days, so deadlines fall around today (a few overdue, some due today).
  await db.execute(sql`
    with acc as (select id, resident_id, (row_number() over (order by id)) - 1 as n from citizen_accounts),
    nacc as (select count(*) as total from acc),
    s as (
      select g, random() as r_status, random() as r_service, random() as r_age, floor(random() * ${districts.length})::int as d
      from generate_series(1, ${total}::int) as g
    ),
    t as (
      select s.*,
        case when r_status < 0.03 then 'submitted' when r_status < 0.05 then 'in_review'
             when r_status < 0.055 then 'awaiting_countersign' when r_status < 0.06 then 'needs_more_material'
             when r_status < 0.82 then 'approved' when r_status < 0.94 then 'rejected' else 'withdrawn' end as status,
        r_service < 0.2 as is_spouse
      from s
    ),
    u as (
      select t.*,
        case when status in ('submitted', 'in_review', 'awaiting_countersign', 'needs_more_material')
             then now() - (r_age * interval '6 days') else now() - interval '7 days' - (r_age * interval '720 days') end as submitted_at
      from t
    )
    insert into applications (reference_number, service_id, citizen_account_id, resident_id, district_code, status, version,
      form_data, delivery_address, contact_phone, idempotency_key, submitted_at, deadline_date,
      claimed_by_staff_id, claimed_at, claim_expires_at, decided_at, created_at, updated_at)
    select
      'WH' || to_char(u.submitted_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(u.g::text, 7, '0'),
      case when u.is_spouse then 'household-transfer-spouse' else 'household-transfer' end,
      acc.id, acc.resident_id,
      (${sql.raw(`array[${districts.map((c) => `'${c}'`).join(',')}]`)})[u.d + 1],
      u.status::application_status,
      case u.status when 'submitted' then 1 when 'in_review' then 2 else 3 end,
      '{}'::jsonb, '武汉市（基准测试数据）', ${encryptValue(getPiiKeyRing(), '13800000000')}, 'bench-' || u.g,
      u.submitted_at,
      (u.submitted_at at time zone 'Asia/Shanghai')::date + case when u.is_spouse then 7 else 5 end,
      case when u.status in ('submitted', 'needs_more_material', 'withdrawn') then null
           else (${sql.raw(`array[${clerkOf.map((id) => `'${id}'::uuid`).join(',')}]`)})[u.d + 1] end,
      case when u.status in ('submitted', 'needs_more_material', 'withdrawn') then null else u.submitted_at + interval '2 hours' end,
      case when u.status in ('in_review', 'awaiting_countersign') then now() + interval '8 hours' else null end,
      case when u.status in ('approved', 'rejected') then u.submitted_at + interval '1 day' else null end,
      u.submitted_at, u.submitted_at
    from u join acc on acc.n = u.g % (select total from nacc)`);
  console.error(`  load: ${total.toLocaleString('en-US')} applications in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
  const indexStarted = performance.now();
  for (const index of indexes) await db.execute(sql.raw(index.indexdef));
  await db.execute(sql`vacuum analyze applications`);
  await db.execute(sql`vacuum analyze residents`);
  console.error(`  ${indexes.length} indexes + vacuum analyze in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Times `run` `iterations` times after 2 warm-ups; a slow baseline stops after `budgetMs` (at least 3
 * runs, one warm-up when a run takes over half a second).
 */
async function time(run: () => Promise<unknown>, iterations: number, budgetMs = Infinity): Promise<Timing> {
  const w0 = performance.now();
  await run();
  if (performance.now() - w0 < 500) await run();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < iterations) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
    if (samples.length >= 3 && performance.now() - started > budgetMs) break;
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

const DIRECTION: Record<QueueSort, 'asc' | 'desc'> = { deadlineDate: 'asc', submittedAt: 'desc', referenceNumber: 'asc', status: 'asc' };

async function main() {
  const args = parseArgs({
    options: {
      applications: { type: 'string', default: '1000000' },
      iterations: { type: 'string', default: '25' },
      reset: { type: 'boolean', default: false },
      // Only these sorts (comma-separated), e.g. to re-measure one after a change; --write is refused then.
      sorts: { type: 'string' },
      write: { type: 'string' },
    },
  });
  const total = Number(args.values.applications);
  const iterations = Number(args.values.iterations);
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_URL;
  await ensureDatabase(url);
  const connection = await openDatabase({ kind: 'postgresql', url });
  const { db } = connection;
  try {
    if (args.values.reset) {
      await db.execute(sql`drop schema if exists public cascade`);
      await db.execute(sql`drop schema if exists drizzle cascade`);
      await db.execute(sql`create schema public`);
    }
    await migrateDatabase(connection);
    console.error(`Filling ${url.replace(/\/\/[^@]*@/, '//')} …`);
    await fill(db, total);
    const [{ n: applicationCount } = { n: 0 }] = await db.select({ n: count() }).from(applications);

    const actorOf = async (username: string) => staffActorFrom((await db.select().from(staffUsers).where(eq(staffUsers.username, username)))[0]!);
    const clerk = await actorOf('clerk06');
    const supervisor = await actorOf('supervisor');
    // Search terms from the data itself: a reference and an applicant with cases in 武昌区.
    const [sample] = await queryRows<{ reference_number: string; id_number: string; name: string }>(
      db,
      sql`select a.reference_number, r.id_number, r.name from applications a join residents r on r.id = a.resident_id
          where a.district_code = '420106' and a.status = 'submitted' order by a.id limit 1`,
    );
    const filters: { name: string; input: QueueInput; actors: StaffActor[] }[] = [
      { name: 'open (default)', input: {}, actors: [clerk, supervisor] },
      { name: 'all statuses', input: { status: 'all' }, actors: [clerk, supervisor] },
      { name: 'status = submitted', input: { status: 'submitted' }, actors: [clerk, supervisor] },
      { name: 'status = awaiting_countersign', input: { status: 'awaiting_countersign' }, actors: [clerk, supervisor] },
      { name: 'status = rejected', input: { status: 'rejected' }, actors: [clerk, supervisor] },
      { name: 'service = spouse', input: { service: 'household-transfer-spouse' }, actors: [clerk, supervisor] },
      { name: 'district = 420111', input: { district: '420111', status: 'all' }, actors: [supervisor] },
      { name: 'due soon', input: { due: 'soon' }, actors: [clerk, supervisor] },
      { name: 'due today', input: { due: 'today' }, actors: [clerk, supervisor] },
      { name: 'overdue', input: { due: 'overdue' }, actors: [clerk, supervisor] },
      { name: 'mine', input: { assignee: 'mine' }, actors: [clerk] },
      { name: 'unassigned', input: { assignee: 'unassigned' }, actors: [clerk, supervisor] },
      { name: 'all + service + unassigned', input: { status: 'all', service: 'household-transfer-spouse', assignee: 'unassigned' }, actors: [clerk, supervisor] },
      { name: 'search: reference', input: { status: 'all', q: sample!.reference_number }, actors: [clerk, supervisor] },
      { name: 'search: ID number', input: { status: 'all', q: decryptValue(getPiiKeyRing(), sample!.id_number) }, actors: [clerk, supervisor] },
      { name: 'search: name', input: { status: 'all', q: sample!.name }, actors: [clerk, supervisor] },
    ];
    const allSorts: QueueSort[] = ['deadlineDate', 'submittedAt', 'referenceNumber', 'status'];
    const sorts = args.values.sorts ? allSorts.filter((s) => args.values.sorts!.split(',').includes(s)) : allSorts;
    if (args.values.sorts && args.values.write) throw new Error('--write needs every sort: run without --sorts');
    const now = new Date();
    const results: Result[] = [];

    for (const filter of filters) {
      for (const actor of filter.actors) {
        const where = queueWhere(actor, filter.input, now);
        const [{ n: matching } = { n: 0 }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${applications} where ${where}`);
        for (const sort of sorts) {
          const dir = DIRECTION[sort];
          const { column } = QUEUE_SORT_SQL[sort];
          const order = dir === 'asc' ? sql`asc` : sql`desc`;
          const deep = matching > PAGE_SIZE * 2 ? Math.min(DEEP_OFFSET, Math.floor(matching * 0.9)) : 0;
          const pages = deep > 0 ? [0, deep] : [0];
          for (const offset of pages) {
            const input: QueueInput = { ...filter.input, sort, dir, pageSize: PAGE_SIZE };
            let cursorCondition: SQL | undefined;
            if (offset > 0) {
              // The row just before the deep page, found once (untimed) to make the cursor a clerk would hold.
              const [before] = await queryRows<{ id: string; key: string }>(
                db,
                sql`select ${applications.id} as id, ${column}::text as key from ${applications} where ${where}
                    order by ${column} ${order}, ${applications.id} ${order} limit 1 offset ${offset - 1}`,
              );
              input.after = encodeQueueCursor({ key: before!.key, id: before!.id });
              const op = dir === 'asc' ? sql`>` : sql`<`;
              cursorCondition = sql`(${column}, ${applications.id}) ${op} (cast(${before!.key} as ${QUEUE_SORT_SQL[sort].cast}), ${before!.id}::uuid)`;
            }
            const select = sql`select ${applications.id}, ${applications.referenceNumber}, ${applications.status}, ${applications.version},
                ${applications.districtCode}, ${applications.submittedAt}, ${applications.deadlineDate}, ${residents.name}, ${residents.idNumber},
                ${staffUsers.staffNumber}
              from ${applications}
              join ${residents} on ${residents.id} = ${applications.residentId}
              left join ${staffUsers} on ${staffUsers.id} = ${applications.claimedByStaffId}`;
            const listTiming = await time(() => listQueue(db, actor, input, { now }), iterations);
            const bare = await time(
              () => db.execute(sql`${select} where ${where} ${cursorCondition ? sql`and ${cursorCondition}` : sql``}
                  order by ${column} ${order}, ${applications.id} ${order} limit ${PAGE_SIZE + 1}`),
              iterations,
              1500,
            );
            const offsetTiming = await time(
              () => db.execute(sql`${select} where ${where} order by ${column} ${order}, ${applications.id} ${order} limit ${PAGE_SIZE} offset ${offset}`),
              iterations,
              1500,
            );
            const result: Result = {
              actor: actor.role === 'supervisor' ? 'supervisor (bureau)' : 'clerk06 (武昌区)',
              filter: filter.name,
              sort: `${sort} ${dir}`,
              page: offset === 0 ? '1' : `deep (row ${offset.toLocaleString('en-US')})`,
              matching,
              offset,
              listQueue: listTiming,
              bare,
              offsetBaseline: offsetTiming,
            };
            results.push(result);
            console.error(
              `  ${result.actor.padEnd(20)} ${filter.name.padEnd(30)} ${result.sort.padEnd(20)} ${result.page.padEnd(22)} listQueue p95 ${listTiming.p95.toFixed(1).padStart(6)} ms · bare ${bare.p95.toFixed(1).padStart(7)} · OFFSET ${offsetTiming.p95.toFixed(1).padStart(7)}`,
            );
          }
        }
      }
    }
    const section = render(results, applicationCount, iterations);
    console.log(section);
    if (args.values.write) {
      const file = args.values.write;
      const text = fs.readFileSync(file, 'utf8');
      const start = text.indexOf(START_MARKER);
      const end = text.indexOf(END_MARKER);
      const next = start >= 0 && end > start ? text.slice(0, start) + section + text.slice(end + END_MARKER.length) : `${text.trimEnd()}\n\n${section}\n`;
      fs.writeFileSync(file, next);
      console.error(`Wrote the queue section of ${file}`);
    }
  } finally {
    await connection.close();
  }
}

function ms(value: number): string {
  return value < 10 ? value.toFixed(1) : value.toFixed(0);
}

function render(results: Result[], applicationCount: number, iterations: number): string {
  const worst = results.reduce((a, b) => (b.listQueue.p95 > a.listQueue.p95 ? b : a));
  const over = results.filter((r) => r.listQueue.p95 >= TARGET_P95_MS);
  const deep = results.filter((r) => r.offset > 0);
  const offsetWorst = deep.reduce((a, b) => (b.offsetBaseline.p95 > a.offsetBaseline.p95 ? b : a), deep[0]!);
  const cpus = os.cpus();
  const [versionRow] = [process.version];
  const lines = [
    START_MARKER,
    '## The approval queue at a million applications',
    '',
    'Measured by `npm run bench:queue -- --write docs/benchmarks.md` (PostgreSQL from `DATABASE_URL`, default',
    '`postgres://postgres@127.0.0.1:5432/eid_bench`, created and filled on first run; `--reset` refills it). The',
    'database holds the demo registry (20,000 residents) and ' + applicationCount.toLocaleString('en-US') + ' applications made by one',
    '`INSERT … SELECT generate_series` (about 6 % open, submitted in the last six days; the rest decided over two',
    'years; 13 districts; 20 % of them the countersigned service), secondary indexes built after the load.',
    '',
    `Each row: the server time of the real \`listQueue\` (page ids, capped count, the page's rows; ${iterations} runs after`,
    'two warm-ups) at page 1 and at a deep page reached by its keyset cursor, next to **bare SQL** (the same keyset page',
    'as one hand-written statement with its joins, left to the planner) and the **OFFSET** pagination the queue used',
    'before (the same filter, `LIMIT 20 OFFSET n`; slow baselines stop after 1.5 s, at least 3 runs). Times in ms.',
    '',
    `- Date: ${new Date().toISOString().slice(0, 10)}; Node ${versionRow}; ${cpus.length} logical core(s): ${cpus[0]?.model.split(' ').slice(0, 2).join(' ') ?? '?'}`,
    `- Load average at the end: ${os.loadavg().map((v) => v.toFixed(2)).join(' / ')} (the machine is shared)`,
    `- **listQueue p95 worst: ${ms(worst.listQueue.p95)} ms** (${worst.actor}, ${worst.filter}, ${worst.sort}, page ${worst.page}); ` +
      `${over.length} of ${results.length} combinations at or above the ${TARGET_P95_MS} ms target`,
    `- OFFSET at its worst deep page: p95 ${ms(offsetWorst.offsetBaseline.p95)} ms (${offsetWorst.actor}, ${offsetWorst.filter}, ${offsetWorst.sort}, ${offsetWorst.page})`,
    '',
    '| who | filter | sort | page | matching | listQueue p50 | **listQueue p95** | bare SQL p50 / p95 | OFFSET p50 / p95 |',
    '|---|---|---|---|--:|--:|--:|--:|--:|',
    ...results.map(
      (r) =>
        `| ${r.actor} | ${r.filter} | ${r.sort} | ${r.page} | ${r.matching.toLocaleString('en-US')} | ${ms(r.listQueue.p50)} | **${ms(r.listQueue.p95)}** | ${ms(r.bare.p50)} / ${ms(r.bare.p95)} | ${ms(r.offsetBaseline.p50)} / ${ms(r.offsetBaseline.p95)} |`,
    ),
    END_MARKER,
  ];
  return lines.join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
