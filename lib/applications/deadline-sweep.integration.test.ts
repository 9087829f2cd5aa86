import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { applications, auditEvents, outboxMessages } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { citizenByPhone, staffByUsername, validTransferInput } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { runDeadlineSweep } from './deadline-sweep';
import { submitApplication } from './submit-application';
import { transitionApplication } from './transition-application';

// Submitted Monday 23 November 2026 (Beijing): 3 working days → due Thursday 26 November.
const SUBMITTED = new Date('2026-11-23T02:00:00Z');
const at = (iso: string) => new Date(iso);

describe.each(TEST_TARGETS)('deadline warnings and escalation on $kind', (target) => {
  let connection: Connection;
  let applicationId: string;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    const { db } = connection;
    // Only the case under test is open: the demo cases are decided or moved out of the way.
    await db.update(applications).set({ status: 'withdrawn' }).where(inArray(applications.status, ['submitted', 'in_review', 'awaiting_countersign']));
    const citizen = await citizenByPhone(db, DEMO_CITIZENS[0]!.phone);
    const submitted = await submitApplication(db, citizen, await validTransferInput(db, citizen), SUBMITTED);
    if (submitted.status !== 'ok') throw new Error(JSON.stringify(submitted));
    applicationId = submitted.data.applicationId;
    const clerk = await staffByUsername(db, 'clerk06');
    await transitionApplication(db, clerk, { applicationId, transition: 'claim', expectedVersion: 1 }, { publicBaseUrl: TEST_BASE_URL, now: at('2026-11-23T03:00:00Z') });
    await db.delete(outboxMessages);
  });
  afterAll(async () => connection?.close());

  const mails = async () => (await connection.db.select().from(outboxMessages)).map((m) => m.payload as { to: string; subject: string });
  const audits = async (action: string) =>
    connection.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, applicationId), eq(auditEvents.action, action)));

  it('stays quiet while the deadline is further than a working day away', async () => {
    expect(await runDeadlineSweep(connection.db, { now: at('2026-11-24T02:00:00Z') })).toEqual({ warned: 0, escalated: 0 });
    expect(await mails()).toEqual([]);
  });

  it('warns the clerk holding the case and the supervisor the working day before, once', async () => {
    const { db } = connection;
    expect(await runDeadlineSweep(db, { now: at('2026-11-25T02:00:00Z') })).toEqual({ warned: 1, escalated: 0 });
    const sent = await mails();
    expect(sent.map((m) => m.to).sort()).toEqual(['clerk06@gaj.wuhan.example', 'supervisor@gaj.wuhan.example']);
    expect(sent.every((m) => /预警|warning/i.test(m.subject))).toBe(true);
    // The same deadline is not warned about twice, even on the due day itself.
    expect(await runDeadlineSweep(db, { now: at('2026-11-26T02:00:00Z') })).toEqual({ warned: 0, escalated: 0 });
    expect(await mails()).toHaveLength(2);
    expect(await audits('application.deadline_warned')).toHaveLength(1);
  });

  it('escalates the breached case to the supervisor once, when several instances sweep at the same moment', async () => {
    const { db } = connection;
    await db.delete(outboxMessages);
    // Friday 27th: the Thursday deadline has passed.
    const now = at('2026-11-27T02:00:00Z');
    const results = await Promise.all([runDeadlineSweep(db, { now }), runDeadlineSweep(db, { now }), runDeadlineSweep(db, { now })]);
    expect(results.reduce((sum, r) => sum + r.escalated, 0)).toBe(1);
    const [row] = await db.select().from(applications).where(eq(applications.id, applicationId));
    expect(row!.escalatedAt?.toISOString()).toBe(now.toISOString());
    expect(row!.status).toBe('in_review');
    const sent = await mails();
    expect(sent.map((m) => m.to).sort()).toEqual(['clerk06@gaj.wuhan.example', 'supervisor@gaj.wuhan.example']);
    expect(sent.every((m) => /超期|breached/i.test(m.subject))).toBe(true);
    const [audit] = await audits('application.escalated');
    expect(audit).toMatchObject({ actorType: 'system', details: { reason: 'deadline_breached', workingDaysOverdue: 1 } });
    expect(await runDeadlineSweep(db, { now: at('2026-11-30T02:00:00Z') })).toEqual({ warned: 0, escalated: 0 });
    expect(await audits('application.escalated')).toHaveLength(1);
  });
});
