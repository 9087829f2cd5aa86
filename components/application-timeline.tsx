'use client';

import type { ApplicationEvent } from '@/db/schema';
import { TRANSITIONS, type TransitionName } from '@/lib/applications/state-machine';
import { useTranslator } from '@/lib/i18n/client';

/** Each step with its time, who handled it (office and staff number) and the reason where one was given. */
export function ApplicationTimeline({ events }: { events: ApplicationEvent[] }) {
  const { t, pick, dateTime } = useTranslator();
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => {
        // A step named by its transition; an event without one (or an unknown one) by the status it reached.
        const step = event.transition && Object.hasOwn(TRANSITIONS, event.transition)
          ? t(`problems.applications.transition.${event.transition as TransitionName}`)
          : t(`problems.applications.status.${event.toStatus}`);
        return (
          <li key={event.id}>
            <strong>{step}</strong>
            <time dateTime={new Date(event.createdAt).toISOString()}>{dateTime(event.createdAt)}</time>
            {event.actorLabel && <div className="hint">{pick(event.actorLabel)}</div>}
            {event.reason && <div className="reason">{t('components.timeline.reason', { reason: event.reason })}</div>}
          </li>
        );
      })}
    </ol>
  );
}
