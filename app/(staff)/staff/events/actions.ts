'use server';

import { localized } from '@/lib/i18n/localize';
import { msg } from '@/lib/i18n/problem';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { getStaffOrFailure, isFailure } from '@/lib/auth/session';
import { createEvent, replaceTicketList, type ReplaceTicketListResult } from '@/lib/events/manage-events';
import { MAX_TICKET_LIST_BYTES } from '@/lib/events/ticket-list';
import { runMasked } from '@/lib/logging';
import type { Result } from '@/lib/result';

export type CreateEventState = Result<{ eventId: string; name: string }> | null;
export type TicketListState = ReplaceTicketListResult | null;

/** An admin creates a real-name event and names the gate terminals that admit to it. */
export const createEventAction = localized(async function createEventAction(_prev: CreateEventState, formData: FormData): Promise<CreateEventState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageEvents);
  if (isFailure(actor)) return actor;
  const input = {
    name: formData.get('name'),
    venue: formData.get('venue'),
    startsAt: formData.get('startsAt'),
    endsAt: formData.get('endsAt'),
    gateTerminalIds: formData.getAll('gateTerminalIds'),
  };
  const result = await runMasked('event-create', async () => createEvent(await getDb(), actor, input));
  if (result.status !== 'ok') return result;
  revalidatePath('/staff/events');
  return { status: 'ok', data: { eventId: result.data.eventId, name: String(input.name).trim() } };
});

/** An admin replaces an event's ticket list with an uploaded CSV file (kept only as keyed hashes). */
export const uploadTicketListAction = localized(async function uploadTicketListAction(_prev: TicketListState, formData: FormData): Promise<TicketListState> {
  const actor = await getStaffOrFailure(STAFF_ROLES_THAT.manageEvents);
  if (isFailure(actor)) return actor;
  const file = formData.get('list');
  if (!(file instanceof File) || file.size === 0) return { status: 'invalid', message: msg('problems.events.chooseListFile') };
  if (file.size > MAX_TICKET_LIST_BYTES) return { status: 'invalid', message: msg('problems.events.listTooLarge') };
  const text = await file.text();
  // The lines refused are reported by number, never echoed: they hold ID numbers.
  const result = await runMasked('event-ticket-list', async () => replaceTicketList(await getDb(), actor, formData.get('eventId'), text));
  if (result.status === 'ok') revalidatePath('/staff/events');
  return result;
});
