'use client';

import type { DispatchStatus } from '@/db/schema';
import { DISPATCH_STATUS_LABELS } from '@/lib/delivery/state-machine';
import { useTranslator } from '@/lib/i18n/client';

type DeliveryEvent = { id: number; toStatus: DispatchStatus; note: string | null; createdAt: Date };

export function DeliveryTimeline({ events }: { events: DeliveryEvent[] }) {
  const { label, pick, dateTime } = useTranslator();
  return (
    <ol className="timeline" data-testid="delivery-timeline">
      {events.map((event) => (
        <li key={event.id}>
          <strong>{label(DISPATCH_STATUS_LABELS[event.toStatus])}</strong>
          <time dateTime={new Date(event.createdAt).toISOString()}>{dateTime(event.createdAt)}</time>
          {event.note && <div className="hint">{pick(event.note)}</div>}
        </li>
      ))}
    </ol>
  );
}
