import { loadPageData } from '@/lib/page-data';
import { requireStaffPage } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { listUndeliveredMessages } from '@/lib/notifications/dead-letter';
import { RetryButton } from './retry-button';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('staff.outbox.title') };
}

export default async function OutboxPage() {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.seeOutbox);
  const [listed, { t, dateTime }] = await Promise.all([loadPageData(async (db) => listUndeliveredMessages(db, actor)), getTranslator()]);
  const { messages, counts } = listed.status === 'ok' ? listed.data : { messages: [], counts: { failed: 0, dead: 0 } };
  return (
    <main className="wide">
      <h1>{t('staff.outbox.title')}</h1>
      <p className="hint">{t('staff.outbox.intro')}</p>
      <p data-testid="outbox-counts">
        {t('staff.outbox.status.failed')}: <strong>{counts.failed}</strong> · {t('staff.outbox.status.dead')}: <strong>{counts.dead}</strong>
      </p>
      {messages.length === 0 ? (
        <p className="empty">{t('staff.outbox.empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('staff.outbox.title')}>
          <table className="data" data-testid="outbox-table">
            <caption className="visually-hidden">{t('staff.outbox.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.outbox.columns.channel')}</th>
                <th scope="col">{t('staff.outbox.columns.recipient')}</th>
                <th scope="col">{t('staff.outbox.columns.subject')}</th>
                <th scope="col">{t('staff.outbox.columns.status')}</th>
                <th scope="col">{t('staff.outbox.columns.attempts')}</th>
                <th scope="col">{t('staff.outbox.columns.lastError')}</th>
                <th scope="col">{t('staff.outbox.columns.nextAttempt')}</th>
                <th scope="col">{t('staff.outbox.columns.action')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} data-message-id={m.id}>
                  <td>{t(`staff.outbox.channel.${m.kind}`)}</td>
                  <td className="nowrap">{m.recipient}</td>
                  <td>{m.subject ?? '—'}</td>
                  <td className="nowrap">{t(`staff.outbox.status.${m.status}`)}</td>
                  <td>{m.attempts}</td>
                  <td>
                    <code>{m.lastError ?? '—'}</code>
                  </td>
                  <td className="nowrap">{m.status === 'dead' ? '—' : dateTime(m.nextAttemptAt)}</td>
                  <td>
                    <RetryButton messageId={m.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
