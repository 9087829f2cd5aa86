import type { DispatchStatus } from '@/db/schema';
import { getTranslator } from '@/lib/i18n/server';

// A server component (its pages render it from server components): the status word is translated here
// and no dispatch words travel to the browser.
export async function DispatchBadge({ status }: { status: DispatchStatus }) {
  const { t } = await getTranslator();
  return <span className={`badge ${status}`} data-testid="dispatch-status">{t(`problems.delivery.status.${status}`)}</span>;
}
