'use client';

import type { ApplicationEvent } from '@/db/schema';
import { STATUS_LABELS, TRANSITION_LABELS, type TransitionName } from '@/lib/applications/state-machine';
import { useTranslator } from '@/lib/i18n/client';

/** Each step with its time, who handled it (office and staff number) and the reason where one was given. */
export function ApplicationTimeline({ events }: { events: ApplicationEvent[] }) {
  const { t, label, pick, dateTime } = useTranslator();
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => {
        const step = TRANSITION_LABELS[event.transition as TransitionName] ?? STATUS_LABELS[event.toStatus];
        return (
          <li key={event.id}>
            <strong>{label(step)}</strong>
            <time dateTime={new Date(event.createdAt).toISOString()}>{dateTime(event.createdAt)}</time>
            {event.actorLabel && <div className="hint">{pick(event.actorLabel)}</div>}
            {event.reason && <div className="reason">{t('components.timeline.reason', { reason: event.reason })}</div>}
          </li>
        );
      })}
    </ol>
  );
}
