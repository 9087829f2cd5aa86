/** The cookie that carries a queue search by ID number, so the number stays out of URLs and logs. */
export const ID_SEARCH_COOKIE = 'queue_id_search';
export const ID_SEARCH_MAX_AGE_SECONDS = 10 * 60;

export function isIdNumberQuery(q: string): boolean {
  return /^\d{17}[\dXx]$/.test(q.trim());
}
