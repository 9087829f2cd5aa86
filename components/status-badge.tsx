'use client';

import type { ApplicationStatus } from '@/db/schema';
import { STATUS_LABELS } from '@/lib/applications/state-machine';
import { useTranslator } from '@/lib/i18n/client';

// One language at a time: the reader's. Usable from server and client components alike.
// (A dispatch's status: components/dispatch-badge.tsx.)
export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { label } = useTranslator();
  return <span className={`badge ${status}`}>{label(STATUS_LABELS[status])}</span>;
}
