// Real-name ticketed events (赛事安保). An admin creates an event with the gate terminals that admit to
// it and uploads its ticket list; only keyed hashes of the holders' ID numbers are stored
// (ticket-hash.ts). A gate terminal's scan answers "ticket holder, seat …" or "no ticket" for the event
// open at that gate (lib/terminals/verify-identity-code.ts) and never learns an ID number.
// Lists can be replaced until the event starts; the `event-ticket-purge` job deletes them after it ends.
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Executor } from '@/db/connect';
import { eventGates, eventTickets, ticketedEvents, verifierTerminals } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { canManageEvents } from '@/lib/auth/permissions';
import { msg } from '@/lib/i18n/problem';
import { conflict, forbidden, invalid, notFound, ok, type Result } from '@/lib/result';
import { ticketHolderHash } from './ticket-hash';
import { parseTicketList, type TicketLineProblem } from './ticket-list';

/** Gates open this long before the event starts. */
export const GATES_OPEN_BEFORE_MS = 6 * 60 * 60_000;
const MAX_EVENT_LENGTH_MS = 7 * 24 * 60 * 60_000;
const INSERT_CHUNK = 1000;

// A date and time as the form sends it (Beijing time, `YYYY-MM-DDTHH:mm`) or a full ISO timestamp.
const beijingDateTime = z
  .string({ error: msg('problems.events.enterDateTime') })
  .trim()
  .transform((value, ctx) => {
    const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value;
    const date = new Date(withZone);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: msg('problems.events.badDateTime') });
      return z.NEVER;
    }
    return date;
  });

export const createEventSchema = z.object({
  name: z.string({ error: msg('problems.events.enterName') }).trim().min(2, { error: msg('problems.events.nameMin') }).max(80, { error: msg('problems.events.nameMax') }),
  venue: z.string({ error: msg('problems.events.enterVenue') }).trim().min(2, { error: msg('problems.events.venueMin') }).max(80, { error: msg('problems.events.venueMax') }),
  startsAt: beijingDateTime,
  endsAt: beijingDateTime,
  gateTerminalIds: z
    .array(z.uuid({ error: msg('problems.events.badGate') }))
    .min(1, { error: msg('problems.events.chooseGate') })
    .max(50)
    .transform((ids) => [...new Set(ids)]),
});

export type EventSummary = {
  id: string;
  name: string;
  venue: string;
  startsAt: Date;
  endsAt: Date;
  ticketCount: number;
  listUploadedAt: Date | null;
  listPurgedAt: Date | null;
  gates: string[];
};

/** Whether the ticket list may still be replaced: until the event starts. */
export const isTicketListReplaceable = (event: { startsAt: Date }, now: Date) => now.getTime() < event.startsAt.getTime();

export async function createEvent(db: Database, actor: StaffActor, rawInput: unknown, now = new Date()): Promise<Result<{ eventId: string }>> {
  if (!canManageEvents(actor)) return forbidden();
  const parsed = createEventSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(msg('problems.common.checkForm'), z.flattenError(parsed.error).fieldErrors);
  const input = parsed.data;
  if (input.startsAt.getTime() <= now.getTime()) return invalid(msg('problems.events.startInFuture'), { startsAt: [msg('problems.events.startInFuture')] });
  if (input.endsAt.getTime() <= input.startsAt.getTime()) return invalid(msg('problems.events.endAfterStart'), { endsAt: [msg('problems.events.endAfterStart')] });
  if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_EVENT_LENGTH_MS) return invalid(msg('problems.events.tooLong'), { endsAt: [msg('problems.events.tooLong')] });

  const gates = await db
    .select({ id: verifierTerminals.id })
    .from(verifierTerminals)
    .where(and(inArray(verifierTerminals.id, input.gateTerminalIds), eq(verifierTerminals.kind, 'event_gate'), eq(verifierTerminals.isActive, true)));
  if (gates.length !== input.gateTerminalIds.length) {
    return invalid(msg('problems.events.activeGates'), { gateTerminalIds: [msg('problems.events.activeGates')] });
  }

  const eventId = await db.transaction(async (tx) => {
    const [event] = await tx
      .insert(ticketedEvents)
      .values({ name: input.name, venue: input.venue, startsAt: input.startsAt, endsAt: input.endsAt, createdByStaffId: actor.staffId, createdAt: now })
      .returning({ id: ticketedEvents.id });
    await tx.insert(eventGates).values(input.gateTerminalIds.map((terminalId) => ({ eventId: event!.id, terminalId })));
    await writeAudit(tx, {
      action: 'event.created',
      actorType: 'staff',
      actorId: actor.staffId,
      subjectType: 'event',
      subjectId: event!.id,
      details: { name: input.name, venue: input.venue, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), gates: input.gateTerminalIds.length },
    });
    return event!.id;
  });
  return ok({ eventId });
}

export type ReplaceTicketListResult = Result<{ eventId: string; ticketCount: number }> | { status: 'invalid'; message: string; problems: TicketLineProblem[] };

/**
 * Replaces an event's ticket list with the uploaded one, whole: every line checked first, then the old
 * list deleted and the new one inserted as keyed hashes, with the audit entry, in one transaction.
 */
export async function replaceTicketList(db: Database, actor: StaffActor, eventIdInput: unknown, listText: unknown, now = new Date()): Promise<ReplaceTicketListResult> {
  if (!canManageEvents(actor)) return forbidden();
  const eventId = z.uuid().safeParse(eventIdInput);
  if (!eventId.success) return notFound(msg('problems.events.notFound'));
  const text = z.string().safeParse(listText);
  if (!text.success) return invalid(msg('problems.events.uploadList'));

  const [event] = await db.select({ id: ticketedEvents.id, startsAt: ticketedEvents.startsAt }).from(ticketedEvents).where(eq(ticketedEvents.id, eventId.data));
  if (!event) return notFound(msg('problems.events.notFound'));
  if (!isTicketListReplaceable(event, now)) return conflict(msg('problems.events.started'));

  const parsed = parseTicketList(text.data, now);
  if (!parsed.ok) return { status: 'invalid', message: parsed.message, problems: parsed.problems };
  const rows = parsed.tickets.map((t) => ({ eventId: event.id, holderHash: ticketHolderHash(event.id, t.idNumber), ticketNo: t.ticketNo, seat: t.seat }));

  const replaced = await db.transaction(async (tx) => {
    // Re-checked under the row lock: a list cannot slip in after the start.
    const [locked] = await tx.select({ startsAt: ticketedEvents.startsAt }).from(ticketedEvents).where(eq(ticketedEvents.id, event.id)).for('update');
    if (!locked || !isTicketListReplaceable(locked, now)) return false;
    await tx.delete(eventTickets).where(eq(eventTickets.eventId, event.id));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(eventTickets).values(rows.slice(i, i + INSERT_CHUNK));
    await tx
      .update(ticketedEvents)
      .set({ ticketCount: rows.length, listVersion: sql`${ticketedEvents.listVersion} + 1`, listUploadedAt: now })
      .where(eq(ticketedEvents.id, event.id));
    await writeAudit(tx, { action: 'event.ticket_list_replaced', actorType: 'staff', actorId: actor.staffId, subjectType: 'event', subjectId: event.id, details: { tickets: rows.length } });
    return true;
  });
  if (!replaced) return conflict(msg('problems.events.started'));
  return ok({ eventId: event.id, ticketCount: rows.length });
}

/** Every event, upcoming first, with its gates' names. */
export async function listEvents(db: Executor, actor: StaffActor): Promise<Result<EventSummary[]>> {
  if (!canManageEvents(actor)) return forbidden();
  const events = await db.select().from(ticketedEvents).orderBy(desc(ticketedEvents.startsAt), asc(ticketedEvents.name));
  const gates = events.length
    ? await db
        .select({ eventId: eventGates.eventId, name: verifierTerminals.name })
        .from(eventGates)
        .innerJoin(verifierTerminals, eq(verifierTerminals.id, eventGates.terminalId))
        .where(inArray(eventGates.eventId, events.map((e) => e.id)))
        .orderBy(asc(verifierTerminals.name))
    : [];
  return ok(
    events.map((e) => ({
      id: e.id,
      name: e.name,
      venue: e.venue,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      ticketCount: e.ticketCount,
      listUploadedAt: e.listUploadedAt,
      listPurgedAt: e.listPurgedAt,
      gates: gates.filter((g) => g.eventId === e.id).map((g) => g.name),
    })),
  );
}

/** The active event-gate terminals an event can be given. */
export async function listGateTerminals(db: Executor, actor: StaffActor): Promise<Result<{ id: string; name: string }[]>> {
  if (!canManageEvents(actor)) return forbidden();
  const rows = await db
    .select({ id: verifierTerminals.id, name: verifierTerminals.name })
    .from(verifierTerminals)
    .where(and(eq(verifierTerminals.kind, 'event_gate'), eq(verifierTerminals.isActive, true)))
    .orderBy(asc(verifierTerminals.name));
  return ok(rows);
}

/**
 * The event open at this gate now (gates open GATES_OPEN_BEFORE_MS before the start, until the end),
 * or null: asked first, so a gate with no event open never has an ID number decrypted.
 */
export async function findOpenEventAtGate(db: Executor, terminalId: string, now: Date): Promise<{ id: string; name: string } | null> {
  const opensBy = new Date(now.getTime() + GATES_OPEN_BEFORE_MS);
  const [event] = await db
    .select({ id: ticketedEvents.id, name: ticketedEvents.name })
    .from(ticketedEvents)
    .innerJoin(eventGates, eq(eventGates.eventId, ticketedEvents.id))
    .where(and(eq(eventGates.terminalId, terminalId), lte(ticketedEvents.startsAt, opensBy), gt(ticketedEvents.endsAt, now)))
    .orderBy(asc(ticketedEvents.startsAt))
    .limit(1);
  return event ?? null;
}

/** The scanned person's ticket for that event, found by the keyed hash of their ID number, or null. */
export async function findTicket(db: Executor, event: { id: string }, idNumber: string): Promise<{ ticketNo: string; seat: string } | null> {
  const [ticket] = await db
    .select({ ticketNo: eventTickets.ticketNo, seat: eventTickets.seat })
    .from(eventTickets)
    .where(and(eq(eventTickets.eventId, event.id), eq(eventTickets.holderHash, ticketHolderHash(event.id, idNumber))));
  return ticket ?? null;
}

/** The events page's view: every event, the gates an event can be given, and the time it was read. */
export async function getEventsView(db: Executor, actor: StaffActor, now = new Date()): Promise<{ events: EventSummary[]; gates: { id: string; name: string }[]; now: Date }> {
  const [events, gates] = await Promise.all([listEvents(db, actor), listGateTerminals(db, actor)]);
  return { events: events.status === 'ok' ? events.data : [], gates: gates.status === 'ok' ? gates.data : [], now };
}

/** Deletes the ticket lists of events that have ended (the `event-ticket-purge` job, hourly). */
export async function purgeEndedTicketLists(db: Database, now: Date): Promise<{ events: number; tickets: number }> {
  const ended = await db
    .select({ id: ticketedEvents.id })
    .from(ticketedEvents)
    .where(and(lte(ticketedEvents.endsAt, now), isNull(ticketedEvents.listPurgedAt)));
  let tickets = 0;
  for (const { id } of ended) {
    tickets += await db.transaction(async (tx) => {
      const [counted] = await tx.select({ n: count() }).from(eventTickets).where(eq(eventTickets.eventId, id));
      await tx.delete(eventTickets).where(eq(eventTickets.eventId, id));
      await tx.update(ticketedEvents).set({ listPurgedAt: now, ticketCount: 0 }).where(eq(ticketedEvents.id, id));
      await writeAudit(tx, { action: 'event.ticket_list_purged', actorType: 'system', actorId: null, subjectType: 'event', subjectId: id, details: { tickets: counted?.n ?? 0 } });
      return counted?.n ?? 0;
    });
  }
  return { events: ended.length, tickets };
}
