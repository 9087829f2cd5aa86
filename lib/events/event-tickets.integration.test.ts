import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Connection } from '@/db/connect';
import { auditEvents, eids, eventTickets, residents, ticketedEvents } from '@/db/schema';
import type { CitizenActor, StaffActor } from '@/lib/auth/actor';
import { createKeyRing } from '@/lib/crypto/authority-keys';
import { msg, readableText } from '@/lib/i18n/problem';
import { computeCheckDigit } from '@/lib/identity/id-number';
import { createIdentityQrCodec } from '@/lib/identity/identity-qr';
import { runScheduledJob } from '@/lib/jobs/scheduled-jobs';
import { registerTerminal } from '@/lib/terminals/register-terminal';
import { verifyIdentityCode, type AuthenticatedTerminal } from '@/lib/terminals/verify-identity-code';
import { citizenByPhone, staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { createEvent, listEvents, replaceTicketList } from './manage-events';
import { ticketHolderHash } from './ticket-hash';

const T0 = new Date('2026-11-20T02:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);
// Beijing wall-clock times, as the admin's form sends them: the match starts on 21 Nov at 19:30.
const STARTS = '2026-11-21T19:30';
const ENDS = '2026-11-21T22:30';
const STARTS_AT = new Date('2026-11-21T11:30:00Z');
const HOLDER_PHONE = '13800000001';
const OTHER_PHONE = '13800000002';
// Any 18-digit ID number anywhere in a value, as a scan of the tables looks for it.
const ID_NUMBER_ANYWHERE = '[0-9]{17}[0-9Xx]';
// A valid number of someone who is not a citizen here, and the same number with a wrong check digit.
const STRANGER = `42010619900101123${computeCheckDigit('42010619900101123')}`;
const WRONG_CHECK_DIGIT = `42010619900101123${computeCheckDigit('42010619900101123') === '0' ? '1' : '0'}`;

describe.each(TEST_TARGETS)('real-name tickets at the event gate on $kind', (target) => {
  let connection: Connection;
  let admin: StaffActor;
  let clerk: StaffActor;
  let holder: CitizenActor;
  let other: CitizenActor;
  let holderId: string;
  let otherId: string;
  let gate: AuthenticatedTerminal;
  let otherGate: AuthenticatedTerminal;
  let eventId: string;
  const codec = createIdentityQrCodec(createKeyRing());
  const subjectRefs = new Map<string, string>();

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    const { db } = connection;
    [admin, clerk] = await Promise.all([staffByUsername(db, 'admin'), staffByUsername(db, 'clerk02')]);
    [holder, other] = [await citizenByPhone(db, HOLDER_PHONE), await citizenByPhone(db, OTHER_PHONE)];
    for (const citizen of [holder, other]) {
      // The seed may already have given this citizen an e-ID.
      await db.insert(eids).values({ citizenAccountId: citizen.accountId, assuranceLevel: 2, issuedAt: T0 }).onConflictDoNothing();
      const [eid] = await db.select({ subjectRef: eids.subjectRef, status: eids.status }).from(eids).where(eq(eids.citizenAccountId, citizen.accountId));
      expect(eid!.status).toBe('active');
      subjectRefs.set(citizen.accountId, eid!.subjectRef);
    }
    const idOf = async (residentId: string) => (await db.select({ idNumber: residents.idNumber }).from(residents).where(eq(residents.id, residentId)))[0]!.idNumber;
    [holderId, otherId] = [await idOf(holder.residentId), await idOf(other.residentId)];
    for (const [name, set] of [['体育中心 3 号检录口', (t: AuthenticatedTerminal) => (gate = t)], ['光谷网球中心检录口', (t: AuthenticatedTerminal) => (otherGate = t)]] as const) {
      const registered = await registerTerminal(db, admin, { name, kind: 'event_gate', districtCode: '420106' }, T0);
      if (registered.status !== 'ok') throw new Error(JSON.stringify(registered));
      set({ id: registered.data.terminalId, name, kind: 'event_gate' });
    }
    const created = await createEvent(db, admin, { name: '武汉三镇 vs 上海申花', venue: '武汉体育中心', startsAt: STARTS, endsAt: ENDS, gateTerminalIds: [gate.id] }, T0);
    if (created.status !== 'ok') throw new Error(JSON.stringify(created));
    eventId = created.data.eventId;
  });
  afterAll(async () => connection?.close());

  const scan = (terminal: AuthenticatedTerminal, citizen: CitizenActor, at: Date) =>
    verifyIdentityCode(connection.db, terminal, codec.issue(subjectRefs.get(citizen.accountId)!, at).code, { codec, photoTokenSecret: 'gate-test-secret', now: at, purgeChance: 0 });
  const ticketAt = async (terminal: AuthenticatedTerminal, citizen: CitizenActor, at: Date) => {
    const outcome = await scan(terminal, citizen, at);
    if (outcome.result !== 'accepted' || !('ticket' in outcome.attributes)) throw new Error(JSON.stringify(outcome));
    return outcome.attributes.ticket;
  };

  it('creates an event from Beijing times with its gate, audited; only an admin may, and only for active event gates', async () => {
    const { db } = connection;
    const [event] = await db.select().from(ticketedEvents).where(eq(ticketedEvents.id, eventId));
    expect(event!.startsAt.toISOString()).toBe(STARTS_AT.toISOString());
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'event.created'), eq(auditEvents.subjectId, eventId)));
    expect(audit!.actorId).toBe(admin.staffId);

    const input = { name: '测试赛', venue: '测试场馆', startsAt: STARTS, endsAt: ENDS, gateTerminalIds: [gate.id] };
    expect((await createEvent(db, clerk, input, T0)).status).toBe('forbidden');
    const cafe = await registerTerminal(db, admin, { name: '测试网吧', kind: 'internet_cafe', districtCode: '420106' }, T0);
    if (cafe.status !== 'ok') throw new Error('cafe');
    expect(await createEvent(db, admin, { ...input, gateTerminalIds: [cafe.data.terminalId] }, T0)).toMatchObject({ status: 'invalid', fieldErrors: { gateTerminalIds: [msg('problems.events.activeGates')] } });
    expect(await createEvent(db, admin, { ...input, endsAt: '2026-11-21T18:00' }, T0)).toMatchObject({ status: 'invalid', fieldErrors: { endsAt: [expect.any(String)] } });
    expect(await createEvent(db, admin, { ...input, startsAt: '2026-11-19T19:30' }, T0)).toMatchObject({ status: 'invalid', fieldErrors: { startsAt: [expect.any(String)] } });
    expect(await createEvent(db, admin, { ...input, startsAt: 'tomorrow' }, T0)).toMatchObject({ status: 'invalid', fieldErrors: { startsAt: [expect.any(String)] } });
    expect((await db.select().from(ticketedEvents)).length).toBe(1);
  });

  it('refuses a list with a bad line whole, naming the lines, and keeps nothing; a clerk may not upload', async () => {
    const { db } = connection;
    const list = `身份证号,票号,座位\n${holderId},A-0001,东区 12 排 8 座\n${WRONG_CHECK_DIGIT},A-0002,东区 12 排 9 座\n${holderId.toLowerCase()},A-0003,东区 12 排 10 座\nonly-two,columns\n`;
    const refused = await replaceTicketList(db, admin, eventId, list, T0);
    expect(refused.status).toBe('invalid');
    if (refused.status !== 'invalid' || !('problems' in refused)) throw new Error('no problems listed');
    expect(refused.problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(readableText(refused.problems[1]!.message, 'en')).toContain('line 2');
    expect(await db.select().from(eventTickets)).toEqual([]);
    expect((await replaceTicketList(db, clerk, eventId, `${holderId},A-0001,1`, T0)).status).toBe('forbidden');
    expect((await replaceTicketList(db, admin, eventId, '', T0)).status).toBe('invalid');
  });

  it('stores the uploaded list as keyed hashes: no ID number in any column of the tables, and another event hashes the same person differently', async () => {
    const { db } = connection;
    const stored = await replaceTicketList(db, admin, eventId, `${holderId},A-0001,东区 12 排 8 座\n${STRANGER},A-0002,东区 12 排 9 座\n`, T0);
    expect(stored).toEqual({ status: 'ok', data: { eventId, ticketCount: 2 } });
    const rows = await db.select().from(eventTickets).where(eq(eventTickets.eventId, eventId));
    expect(rows.map((r) => r.holderHash).sort()).toEqual([ticketHolderHash(eventId, holderId), ticketHolderHash(eventId, STRANGER)].sort());
    for (const table of ['event_tickets', 'ticketed_events', 'event_gates']) {
      const hits = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)} t where row_to_json(t)::text ~ ${ID_NUMBER_ANYWHERE}`);
      expect(hits[0]!.n, table).toBe(0);
    }
    // The scan does find a number that is there (so a zero above means something).
    const control = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select ${holderId}::text as v) t where row_to_json(t)::text ~ ${ID_NUMBER_ANYWHERE}`);
    expect(control[0]!.n).toBe(1);
    expect(ticketHolderHash(crypto.randomUUID(), holderId)).not.toBe(ticketHolderHash(eventId, holderId));
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'event.ticket_list_replaced'), eq(auditEvents.subjectId, eventId)));
    expect(audit!.details).toEqual({ tickets: 2 });
  });

  it('tells the gate "ticket holder, seat …" for a holder and "no ticket" for anyone else, never an ID number; another gate has no event open', async () => {
    const doorsOpen = hours(31); // 21 Nov 17:00 Beijing, 2.5 hours before the start
    const held = await scan(gate, holder, doorsOpen);
    expect(held).toMatchObject({ result: 'accepted', attributes: { name: holder.name, ticket: { status: 'holder', event: '武汉三镇 vs 上海申花', ticketNo: 'A-0001', seat: '东区 12 排 8 座' } } });
    expect(JSON.stringify(held)).not.toMatch(new RegExp(ID_NUMBER_ANYWHERE));
    expect(await ticketAt(gate, other, doorsOpen)).toEqual({ status: 'no_ticket', event: '武汉三镇 vs 上海申花' });
    expect(await ticketAt(otherGate, holder, doorsOpen)).toEqual({ status: 'no_event' });
    // Before the gates open (more than 6 hours ahead) and after the end, no event is open here.
    expect(await ticketAt(gate, holder, hours(20))).toEqual({ status: 'no_event' });
    expect(await ticketAt(gate, holder, hours(37))).toEqual({ status: 'no_event' });
    expect(otherId).not.toBe(holderId);
  });

  it('replaces the list until the event starts, whole; refuses after the start and keeps the list', async () => {
    const { db } = connection;
    const beforeStart = hours(33);
    expect(await replaceTicketList(db, admin, eventId, `${otherId},B-0007,西区 3 排 1 座\n`, beforeStart)).toEqual({ status: 'ok', data: { eventId, ticketCount: 1 } });
    expect(await ticketAt(gate, holder, beforeStart)).toEqual({ status: 'no_ticket', event: '武汉三镇 vs 上海申花' });
    expect(await ticketAt(gate, other, beforeStart)).toMatchObject({ status: 'holder', ticketNo: 'B-0007' });

    const afterStart = new Date(STARTS_AT.getTime() + 60_000);
    expect(await replaceTicketList(db, admin, eventId, `${holderId},C-0001,1\n`, afterStart)).toMatchObject({ status: 'conflict' });
    expect(await ticketAt(gate, other, afterStart)).toMatchObject({ status: 'holder', ticketNo: 'B-0007' });
    const listed = await listEvents(db, admin);
    expect(listed.status === 'ok' && listed.data[0]).toMatchObject({ id: eventId, ticketCount: 1, gates: ['体育中心 3 号检录口'], listPurgedAt: null });
  });

  it('deletes the list once the event has ended (the event-ticket-purge job), audited', async () => {
    const { db } = connection;
    const before = await runScheduledJob(db, 'event-ticket-purge', { now: hours(35), instance: 'test' });
    expect(before).toMatchObject({ ran: true, result: { events: 0, tickets: 0 } });
    expect((await db.select().from(eventTickets)).length).toBe(1);
    const after = await runScheduledJob(db, 'event-ticket-purge', { now: hours(38), instance: 'test' });
    expect(after).toMatchObject({ ran: true, result: { events: 1, tickets: 1 } });
    expect(await db.select().from(eventTickets)).toEqual([]);
    const [event] = await db.select().from(ticketedEvents).where(eq(ticketedEvents.id, eventId));
    expect(event!.listPurgedAt?.toISOString()).toBe(hours(38).toISOString());
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'event.ticket_list_purged'), eq(auditEvents.subjectId, eventId)));
    expect(audit!.details).toEqual({ tickets: 1 });
  });
});
