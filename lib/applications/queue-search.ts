// Client-safe pieces of the queue (the browser imports this file).

/** The cookie that carries a queue search by ID number, so the number stays out of URLs and logs. */
export const ID_SEARCH_COOKIE = 'queue_id_search';
export const ID_SEARCH_MAX_AGE_SECONDS = 10 * 60;

/** The columns the queue sorts by (on the server: queueParamsSchema, QUEUE_SORT_SQL); the table offers these and no others. */
export const QUEUE_SORT_COLUMNS = ['deadlineDate', 'submittedAt', 'referenceNumber', 'status'] as const;
export type QueueSort = (typeof QUEUE_SORT_COLUMNS)[number];

/** Whether the queue sorts by this column: the table's sort buttons and TanStack's `enableSorting` read it. */
export function isQueueSortColumn(columnId: string): columnId is QueueSort {
  return (QUEUE_SORT_COLUMNS as readonly string[]).includes(columnId);
}

export function isIdNumberQuery(q: string): boolean {
  return /^\d{17}[\dXx]$/.test(q.trim());
}

/** Saved views: named filter sets, kept as URL parameters like any other filter. */
export const SAVED_VIEWS = {
  mine: { labelZh: '我的案件', labelEn: 'My cases', params: { status: 'open', assignee: 'mine', sort: 'deadlineDate', dir: 'asc' } },
  due_today: { labelZh: '今日到期', labelEn: 'Due today', params: { status: 'open', due: 'today', sort: 'submittedAt', dir: 'asc' } },
  overdue: { labelZh: '已超期', labelEn: 'Overdue', params: { status: 'open', due: 'overdue', sort: 'deadlineDate', dir: 'asc' } },
} as const satisfies Record<string, { labelZh: string; labelEn: string; params: Record<string, string> }>;
