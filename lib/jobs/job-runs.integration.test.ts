import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Connection } from '@/db/connect';
import { jobRuns, outboxMessages } from '@/db/schema';
import { createOutboxRunner } from '@/lib/notifications/outbox-runner';
import { enqueueEmail, type Deliverers } from '@/lib/notifications/outbox';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { runOncePerSlot, slotOf } from './job-runs';
import { runScheduledJob } from './scheduled-jobs';

describe.each(TEST_TARGETS)('scheduled jobs across instances on $kind', (target) => {
  let connection: Connection;
  // On PostgreSQL the "other instance" has its own connection pool; PGlite is one process's database.
  let other: Connection | null = null;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    if (target.kind === 'postgresql') other = await openDatabase(target);
    vi.spyOn(console, 'info').mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await other?.close();
    await connection?.close();
  });

  it('runs a slot once when two instances fire at the same time, and the next slot again', async () => {
    const dbs = [connection.db, other?.db ?? connection.db];
    const now = new Date('2026-11-30T08:03:00Z');
    const calls: string[] = [];
    const body = (instance: string) => async () => {
      calls.push(instance);
      await new Promise((resolve) => setTimeout(resolve, 100)); // still running when the other fires
      return instance;
    };
    const everyMs = 5 * 60_000;
    const outcomes = await Promise.all(['web-1', 'web-2'].map((instance, i) => runOncePerSlot(dbs[i]!, 'test-job', everyMs, body(instance), { now, instance })));
    expect(calls).toHaveLength(1);
    const winner = outcomes.find((o) => o.ran)!;
    const loser = outcomes.find((o) => !o.ran)!;
    expect(winner).toMatchObject({ ran: true, slot: slotOf(now, everyMs), result: calls[0] });
    expect(loser).toMatchObject({ ran: false, slot: slotOf(now, everyMs), heldBy: calls[0] });
    // Later in the same slot: still nobody runs it.
    expect((await runOncePerSlot(dbs[1]!, 'test-job', everyMs, body('web-2'), { now: new Date(now.getTime() + 60_000), instance: 'web-2' })).ran).toBe(false);
    // The next slot runs (once).
    const next = new Date(now.getTime() + everyMs);
    expect((await runOncePerSlot(dbs[1]!, 'test-job', everyMs, body('web-2'), { now: next, instance: 'web-2' })).ran).toBe(true);
    expect(calls).toEqual([calls[0], 'web-2']);
    const rows = await connection.db.select().from(jobRuns).where(eq(jobRuns.job, 'test-job'));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.outcome === 'ok' && r.finishedAt instanceof Date)).toBe(true);
  });

  it('records a failed run and does not retry it in the same slot', async () => {
    const now = new Date('2026-11-30T09:00:00Z');
    await expect(runOncePerSlot(connection.db, 'failing-job', 60_000, async () => { throw new Error('boom'); }, { now, instance: 'web-1' })).rejects.toThrow('boom');
    const [row] = await connection.db.select().from(jobRuns).where(eq(jobRuns.job, 'failing-job'));
    expect(row).toMatchObject({ instance: 'web-1', outcome: 'failed: boom' });
    expect((await runOncePerSlot(connection.db, 'failing-job', 60_000, async () => 'ok', { now, instance: 'web-2' })).ran).toBe(false);
  });

  it('runs the real deadline sweep and face-frame purge once per slot across two instances', async () => {
    const dbs = [connection.db, other?.db ?? connection.db];
    const now = new Date('2026-12-01T02:07:00Z');
    for (const job of ['deadline-sweep', 'face-frame-purge'] as const) {
      const outcomes = await Promise.all(dbs.map((db, i) => runScheduledJob(db, job, { now, instance: `web-${i + 1}` })));
      expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
      const rows = await connection.db.select().from(jobRuns).where(eq(jobRuns.job, job));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.outcome).toBe('ok');
    }
  });

  it('stops the outbox runner only after the batch in flight is delivered and recorded, and takes no work after', async () => {
    const { db } = connection;
    await db.delete(outboxMessages);
    await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i += 1) await enqueueEmail(tx, { to: `stop${i}@example.test`, subject: `stop ${i}`, text: 'body' });
    });
    const sent: string[] = [];
    let entered: () => void = () => {};
    const firstSend = new Promise<void>((resolve) => (entered = resolve));
    const slow: Deliverers = {
      sendSms: async () => {},
      sendEmail: async (m) => {
        entered();
        await new Promise((resolve) => setTimeout(resolve, 150));
        sent.push(m.to);
      },
    };
    const errors: unknown[] = [];
    const runner = createOutboxRunner(async () => db, () => slow, (e) => errors.push(e));
    // The e-mails were stamped by the database clock; wait until they are due by it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    runner.kick();
    await firstSend;
    expect(runner.isRunning).toBe(true);
    await runner.stop();
    expect(errors).toEqual([]);
    expect(sent).toHaveLength(3);
    const rows = await db.select().from(outboxMessages);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);

    await enqueueEmail(db, { to: 'after-stop@example.test', subject: 'after', text: 'body' });
    runner.kick();
    expect(runner.isRunning).toBe(false);
    expect(sent).toHaveLength(3);
  });
});
