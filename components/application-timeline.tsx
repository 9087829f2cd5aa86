import type { ApplicationEvent } from '@/db/schema';
import { STATUS_LABELS, TRANSITION_LABELS, type TransitionName } from '@/lib/applications/state-machine';
import { formatDateTime } from './format';

/** Each step with its time, who handled it (office and staff number) and the reason where one was given. */
export function ApplicationTimeline({ events }: { events: ApplicationEvent[] }) {
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => {
        const label = TRANSITION_LABELS[event.transition as TransitionName] ?? STATUS_LABELS[event.toStatus];
        return (
          <li key={event.id}>
            <strong>{label.zh}</strong> <span className="en">{label.en}</span>
            <time dateTime={new Date(event.createdAt).toISOString()}>{formatDateTime(event.createdAt)}</time>
            {event.actorLabel && <div className="hint">{event.actorLabel}</div>}
            {event.reason && <div className="reason">理由 / Reason: {event.reason}</div>}
          </li>
        );
      })}
    </ol>
  );
}
