import type { DispatchStatus } from '@/db/schema';
import { DISPATCH_STATUS_LABELS } from '@/lib/delivery/state-machine';
import { formatDateTime } from './format';

type DeliveryEvent = { id: number; toStatus: DispatchStatus; note: string | null; createdAt: Date };

export function DeliveryTimeline({ events }: { events: DeliveryEvent[] }) {
  return (
    <ol className="timeline" data-testid="delivery-timeline">
      {events.map((event) => (
        <li key={event.id}>
          <strong>{DISPATCH_STATUS_LABELS[event.toStatus].zh}</strong> <span className="en">{DISPATCH_STATUS_LABELS[event.toStatus].en}</span>
          <time dateTime={new Date(event.createdAt).toISOString()}>{formatDateTime(event.createdAt)}</time>
          {event.note && <div className="hint">{event.note}</div>}
        </li>
      ))}
    </ol>
  );
}
