// The organiser's ticket list, as uploaded: one ticket per line, `ID number,ticket number,seat` (CSV:
// a seat with a comma is quoted), with an optional header line. Parsed and checked whole before anything is stored: a list with any bad line
// is refused with the line numbers, and the list already stored stays as it was.
import { z } from 'zod';
import { parseCsv } from '@/lib/csv';
import { msg } from '@/lib/i18n/problem';
import { parseIdNumber } from '@/lib/identity/id-number';

export const MAX_TICKETS_PER_LIST = 100_000;
export const MAX_TICKET_LIST_BYTES = 5 * 1024 * 1024;
// Lines reported back at most: enough to fix a file, never a wall of text.
const MAX_REPORTED_PROBLEMS = 20;

const ticketNoSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/);
const seatSchema = z.string().min(1).max(40).refine((s) => !/[\u0000-\u001f]/.test(s));
const HEADER = /^\s*(id[_ ]?number|身份证号(码)?)\s*,/i;

export type TicketLine = { idNumber: string; ticketNo: string; seat: string };
export type TicketLineProblem = { line: number; message: string };
export type ParsedTicketList = { ok: true; tickets: TicketLine[] } | { ok: false; problems: TicketLineProblem[]; message: string };

export function parseTicketList(text: string, now = new Date()): ParsedTicketList {
  if (Buffer.byteLength(text, 'utf8') > MAX_TICKET_LIST_BYTES) {
    return { ok: false, problems: [], message: msg('problems.events.listTooLarge') };
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problems: [], message: parsed.message };
  const tickets: TicketLine[] = [];
  const problems: TicketLineProblem[] = [];
  const lineOfId = new Map<string, number>();
  const lineOfTicket = new Map<string, number>();
  parsed.rows.forEach((row, index) => {
    const { line } = row;
    const cells = row.cells.map((c) => c.trim());
    if (index === 0 && HEADER.test(cells.join(','))) return;
    if (cells.length !== 3) {
      problems.push({ line, message: msg('problems.events.wrongColumns') });
      return;
    }
    const [rawId, ticketNo, seat] = cells as [string, string, string];
    const id = parseIdNumber(rawId, { now });
    if (!id.ok) {
      problems.push({ line, message: id.message });
      return;
    }
    if (!ticketNoSchema.safeParse(ticketNo).success) {
      problems.push({ line, message: msg('problems.events.badTicketNo') });
      return;
    }
    if (!seatSchema.safeParse(seat).success) {
      problems.push({ line, message: msg('problems.events.badSeat') });
      return;
    }
    const idNumber = id.value.idNumber;
    const sameId = lineOfId.get(idNumber);
    if (sameId !== undefined) {
      problems.push({ line, message: msg('problems.events.sameHolder', { line: sameId }) });
      return;
    }
    const sameTicket = lineOfTicket.get(ticketNo);
    if (sameTicket !== undefined) {
      problems.push({ line, message: msg('problems.events.sameTicket', { line: sameTicket }) });
      return;
    }
    lineOfId.set(idNumber, line);
    lineOfTicket.set(ticketNo, line);
    tickets.push({ idNumber, ticketNo, seat });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
    return { ok: false, problems: shown, message: msg('problems.events.badLines', { n: problems.length }) };
  }
  if (tickets.length === 0) return { ok: false, problems: [], message: msg('problems.events.emptyList') };
  if (tickets.length > MAX_TICKETS_PER_LIST) return { ok: false, problems: [], message: msg('problems.events.tooManyTickets', { max: MAX_TICKETS_PER_LIST }) };
  return { ok: true, tickets };
}
