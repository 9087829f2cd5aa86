import type { Metadata } from 'next';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { getEventsView, isTicketListReplaceable } from '@/lib/events/manage-events';
import { getTranslator } from '@/lib/i18n/server';
import { loadPageData } from '@/lib/page-data';
import { CreateEventForm } from './create-event-form';
import { TicketListForm } from './ticket-list-form';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.events.title') };
}

export default async function EventsPage() {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.manageEvents);
  const { events, gates, now } = await loadPageData((db) => getEventsView(db, actor));
  const { t, dateTime } = await getTranslator();
  return (
    <main className="wide">
      <h1>{t('staff.events.heading')}</h1>
      <p className="hint">{t('staff.events.intro')}</p>
      <div className="terminals-layout">
        <section aria-labelledby="events-heading">
          <h2 id="events-heading">{t('staff.events.list')}</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('staff.events.list')}>
            <table className="data" data-testid="event-table">
              <caption className="visually-hidden">{t('staff.events.caption', { count: events.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.events.name')}</th>
                  <th scope="col">{t('staff.events.time')}</th>
                  <th scope="col">{t('staff.events.gates')}</th>
                  <th scope="col">{t('staff.events.tickets')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr key={event.id} data-event-name={event.name}>
                    <td>
                      <strong>{event.name}</strong>
                      <div className="hint">{event.venue}</div>
                    </td>
                    <td className="nowrap">
                      {dateTime(event.startsAt)} – {dateTime(event.endsAt)}
                    </td>
                    <td>{event.gates.join('、')}</td>
                    <td>
                      <div data-testid="event-ticket-count">
                        {event.listPurgedAt ? t('staff.events.purged') : event.listUploadedAt ? t('staff.events.ticketCount', { count: event.ticketCount }) : t('staff.events.noList')}
                      </div>
                      {isTicketListReplaceable(event, now) ? <TicketListForm eventId={event.id} eventName={event.name} /> : !event.listPurgedAt && <p className="hint">{t('staff.events.started')}</p>}
                    </td>
                  </tr>
                ))}
                {events.length === 0 && (
                  <tr>
                    <td colSpan={4} className="empty">
                      {t('staff.events.none')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
        {gates.length > 0 ? <CreateEventForm gates={gates} /> : <p className="alert">{t('staff.events.noGates')}</p>}
      </div>
    </main>
  );
}
