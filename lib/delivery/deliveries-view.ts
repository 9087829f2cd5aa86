import type { Database } from '@/db/connect';
import { dispatchStatusEnum } from '@/db/schema';
import type { StaffActor } from '@/lib/auth/actor';
import { DISPATCH_PAGE_SIZE, dispatchListParamsSchema, getDeliveryDashboard, type DispatchListParams } from './queries';
import { availableDispatchTransitions, DISPATCH_TRANSITIONS } from './state-machine';

/** Every dispatch status, in the schema's order (the overview's counts and the status filter). */
export const DISPATCH_STATUSES = dispatchStatusEnum.enumValues;

/**
 * Everything the deliveries page renders for a supervisor: the filters as parsed, the page of
 * dispatches with the moves each allows (from the dispatch state machine, not restated in the page),
 * the overview, the worklist, what is ready to print and the recent print batches.
 */
export async function getDeliveriesView(db: Database, actor: StaffActor, searchParams: unknown, now = new Date()) {
  const params = dispatchListParamsSchema.parse(searchParams);
  const { list, ...dashboard } = await getDeliveryDashboard(db, actor, params, now);
  return {
    ...dashboard,
    params,
    total: list.total,
    pageCount: Math.max(1, Math.ceil(list.total / DISPATCH_PAGE_SIZE)),
    rows: list.rows.map((row) => ({
      ...row,
      transitions: availableDispatchTransitions(row.status),
      /** Handed over at the counter only through the identity-checked form (lib/delivery/record-counter-pickup.ts). */
      canCollectAtCounter: DISPATCH_TRANSITIONS.collect.from.includes(row.status),
    })),
  };
}

export type DeliveriesView = Awaited<ReturnType<typeof getDeliveriesView>>;

/** The query string of the deliveries list with some filters changed (links for the pager and the counter row). */
export function deliveriesQuery(params: DispatchListParams, overrides: Partial<DispatchListParams> = {}): string {
  const merged = { ...params, ...overrides };
  return new URLSearchParams(Object.entries(merged).map(([k, v]) => [k, String(v)])).toString();
}
