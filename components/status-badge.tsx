import type { ApplicationStatus } from '@/db/schema';
import { getTranslator } from '@/lib/i18n/server';

// A server component, like components/dispatch-badge.tsx: the status word is translated here and no
// status words travel to the browser. (The queue, a client component, renders its own badge.)
export async function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = await getTranslator();
  return <span className={`badge ${status}`}>{t(`problems.applications.status.${status}`)}</span>;
}
