'use client';

import type { ApplicationStatus, DispatchStatus } from '@/db/schema';
import { STATUS_LABELS } from '@/lib/applications/state-machine';
import { DISPATCH_STATUS_LABELS } from '@/lib/delivery/state-machine';
import { useTranslator } from '@/lib/i18n/client';

// One language at a time: the reader's. Usable from server and client components alike.
export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { label } = useTranslator();
  return <span className={`badge ${status}`}>{label(STATUS_LABELS[status])}</span>;
}

export function DispatchBadge({ status }: { status: DispatchStatus }) {
  const { label } = useTranslator();
  return <span className={`badge ${status}`} data-testid="dispatch-status">{label(DISPATCH_STATUS_LABELS[status])}</span>;
}
