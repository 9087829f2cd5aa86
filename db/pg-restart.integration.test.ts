// Fault test: the PostgreSQL server is restarted (pg_ctl restart -m fast) while citizens submit.
// Each submission carries an idempotency key and the client retries it on any error, as the
// browser form does. Afterwards: one application per key, none lost or duplicated, and the outbox
// holds exactly the messages of those applications. The connection pool must recover by itself.
// PostgreSQL only: it is about the server. It starts its own cluster, so it always runs.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrateDatabase, openDatabase, queryRows, type Connection } from '@/db/connect';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { applications, outboxMessages } from '@/db/schema';
import { submitApplication } from '@/lib/applications/submit-application';
import type { CitizenActor } from '@/lib/auth/actor';
import { citizenByPhone, seedForTest, validTransferInput } from '@/lib/testing/fixtures';
import { startPrivatePostgres, type PrivatePostgres } from '@/lib/testing/private-postgres';

const CLIENTS = 4;
const PER_CLIENT = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL restarted during submissions', () => {
  let pg: PrivatePostgres;
  let connection: Connection;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    connection = await openDatabase({ kind: 'postgresql', url: pg.url() });
    await migrateDatabase(connection);
    await seedForTest(connection.db);
    vi.spyOn(console, 'info').mockImplementation(() => {});
  }, 180_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await connection?.close();
    await pg?.stop();
  });

  it('loses and duplicates nothing, and the pool replaces the connections the restart killed', { timeout: 180_000 }, async () => {
    const { db } = connection;
    const before = await queryRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid`);
    const [baseline] = await queryRows<{ apps: number; outbox: number }>(
      db,
      sql`select (select count(*)::int from applications) as apps, (select count(*)::int from outbox_messages) as outbox`,
    );

    // Every submission is prepared (with its idempotency key) before the traffic starts.
    const work: { citizen: CitizenActor; input: Awaited<ReturnType<typeof validTransferInput>> }[][] = [];
    for (let c = 0; c < CLIENTS; c += 1) {
      const citizen = await citizenByPhone(db, DEMO_CITIZENS[c % DEMO_CITIZENS.length]!.phone);
      const list = [];
      for (let j = 0; j < PER_CLIENT; j += 1) list.push({ citizen, input: await validTransferInput(db, citizen, { notificationEmail: `restart${c}-${j}@example.test` }) });
      work.push(list);
    }
    const keys = work.flat().map((w) => w.input.idempotencyKey);

    let done = 0;
    let errors = 0;
    let duplicatesReported = 0;
    const finishedAt: number[] = [];
    async function submitWithRetry(item: (typeof work)[number][number]) {
      for (let attempt = 1; attempt <= 200; attempt += 1) {
        try {
          const result = await submitApplication(db, item.citizen, item.input);
          if (result.status !== 'ok') throw new Error(`refused: ${JSON.stringify(result)}`);
          if (result.data.isDuplicate) duplicatesReported += 1;
          done += 1;
          finishedAt.push(Date.now());
          return;
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('refused:')) throw error;
          errors += 1;
          await sleep(50);
        }
      }
      throw new Error('a submission never got through after the restart');
    }
    const clients = work.map(async (list) => {
      for (const item of list) await submitWithRetry(item);
    });

    // Restart once a quarter of the work is through, so it lands in the middle of the traffic.
    while (done < (CLIENTS * PER_CLIENT) / 4) await sleep(5);
    const restartStarted = Date.now();
    await pg.restart();
    const restartEnded = Date.now();
    await Promise.all(clients);

    expect(done).toBe(CLIENTS * PER_CLIENT);
    // The restart really happened mid-traffic: submissions finished both before and after it.
    expect(finishedAt.some((t) => t < restartStarted)).toBe(true);
    expect(finishedAt.some((t) => t > restartEnded)).toBe(true);
    console.warn(`[pg-restart] ${errors} client error(s) retried, ${duplicatesReported} retry(ies) answered with the first application`);

    // One application per distinct key, no key twice.
    const rows = await db.select({ id: applications.id, key: applications.idempotencyKey, ref: applications.referenceNumber }).from(applications);
    const ours = rows.filter((r) => r.key && keys.includes(r.key));
    expect(ours).toHaveLength(new Set(keys).size);
    expect(new Set(ours.map((r) => r.key)).size).toBe(ours.length);
    const [after] = await queryRows<{ apps: number; outbox: number }>(
      db,
      sql`select (select count(*)::int from applications) as apps, (select count(*)::int from outbox_messages) as outbox`,
    );
    expect(after!.apps - baseline!.apps).toBe(keys.length);

    // The outbox matches the applications: one e-mail and one SMS each, no more, no fewer.
    expect(after!.outbox - baseline!.outbox).toBe(2 * keys.length);
    const messages = await db.select().from(outboxMessages);
    for (const app of ours) {
      const mentions = messages.filter((m) => JSON.stringify(m.payload).includes(app.ref));
      expect(mentions.map((m) => m.kind).sort()).toEqual(['email', 'sms']);
    }

    // The pool works again, on fresh server processes (every pre-restart backend is gone).
    const pids = await Promise.all(Array.from({ length: 12 }, () => queryRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid`)));
    const live = await queryRows<{ pid: number }>(db, sql`select pid from pg_stat_activity where datname = current_database()`);
    const livePids = new Set(live.map((r) => Number(r.pid)));
    for (const [row] of pids) expect(livePids.has(Number(row!.pid))).toBe(true);
    expect(livePids.has(Number(before[0]!.pid))).toBe(false);
  });

  it('lets instances that start together on a fresh database migrate it once, in turn', { timeout: 120_000 }, async () => {
    await connection.db.execute(sql`create database eid_fresh`);
    const instances = await Promise.all([0, 1, 2].map(() => openDatabase({ kind: 'postgresql', url: pg.url('eid_fresh') })));
    try {
      await Promise.all(instances.map((c) => migrateDatabase(c)));
      const [applied] = await queryRows<{ n: number }>(instances[0]!.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      const journal = (await import('./migrations/meta/_journal.json')).entries;
      expect(applied!.n).toBe(journal.length);
    } finally {
      await Promise.all(instances.map((c) => c.close()));
    }
  });
});
