import type { ApplicationStatus, DispatchStatus } from '@/db/schema';
import { STATUS_LABELS } from '@/lib/applications/state-machine';
import { DISPATCH_STATUS_LABELS } from '@/lib/delivery/state-machine';

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const label = STATUS_LABELS[status];
  return <span className={`badge ${status}`}>{label.zh} <span className="en">{label.en}</span></span>;
}

export function DispatchBadge({ status }: { status: DispatchStatus }) {
  const label = DISPATCH_STATUS_LABELS[status];
  return <span className={`badge ${status}`} data-testid="dispatch-status">{label.zh} <span className="en">{label.en}</span></span>;
}
