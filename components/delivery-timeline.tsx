import type { DispatchStatus } from '@/db/schema';
import { getTranslator } from '@/lib/i18n/server';

type DeliveryEvent = { id: number; toStatus: DispatchStatus; note: string | null; createdAt: Date };

// A server component (the certificate card renders it): status words and stored notes are translated here.
export async function DeliveryTimeline({ events }: { events: DeliveryEvent[] }) {
  const { t, pick, dateTime } = await getTranslator();
  return (
    <ol className="timeline" data-testid="delivery-timeline">
      {events.map((event) => (
        <li key={event.id}>
          <strong>{t(`problems.delivery.status.${event.toStatus}`)}</strong>
          <time dateTime={new Date(event.createdAt).toISOString()}>{dateTime(event.createdAt)}</time>
          {event.note && <div className="hint">{pick(event.note)}</div>}
        </li>
      ))}
    </ol>
  );
}
