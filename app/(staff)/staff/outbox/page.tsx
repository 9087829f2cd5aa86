import { getDb } from '@/db/client';
import { formatDateTime } from '@/components/format';
import { requireStaffPage } from '@/lib/auth/session';
import { listUndeliveredMessages } from '@/lib/notifications/dead-letter';
import { RetryButton } from './retry-button';

export const metadata = { title: '未送达消息 / Undelivered messages' };

const STATUS_LABELS = {
  failed: '待重试 / Retrying',
  dead: '已放弃 / Given up',
} as const;

export default async function OutboxPage() {
  const actor = await requireStaffPage(['supervisor', 'admin']);
  const listed = await listUndeliveredMessages(await getDb(), actor);
  const { messages, counts } = listed.status === 'ok' ? listed.data : { messages: [], counts: { failed: 0, dead: 0 } };
  return (
    <main className="wide">
      <h1>
        未送达消息 <span className="en">Undelivered messages</span>
      </h1>
      <p className="hint">
        发送失败的邮件和短信会按退避时间自动重试；多次失败后不再重试，需在此手动重新排队。收件人已脱敏。
        <span lang="en"> Failed e-mails and SMS are retried automatically with a growing back-off; after too many failures they are given up and can be queued again here. Recipients are masked.</span>
      </p>
      <p data-testid="outbox-counts">
        待重试 Retrying: <strong>{counts.failed}</strong> · 已放弃 Given up: <strong>{counts.dead}</strong>
      </p>
      {messages.length === 0 ? (
        <p className="empty">没有未送达的消息 / Every message has been delivered</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="未送达消息 / Undelivered messages">
          <table className="data" data-testid="outbox-table">
            <caption className="visually-hidden">未送达消息 / Undelivered messages</caption>
            <thead>
              <tr>
                <th scope="col">渠道 Channel</th>
                <th scope="col">收件人 Recipient</th>
                <th scope="col">主题 Subject</th>
                <th scope="col">状态 Status</th>
                <th scope="col">尝试 Attempts</th>
                <th scope="col">最后错误 Last error</th>
                <th scope="col">下次尝试 Next attempt</th>
                <th scope="col">操作 Action</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} data-message-id={m.id}>
                  <td>{m.kind === 'email' ? '邮件 E-mail' : '短信 SMS'}</td>
                  <td className="nowrap">{m.recipient}</td>
                  <td>{m.subject ?? '—'}</td>
                  <td className="nowrap">{STATUS_LABELS[m.status]}</td>
                  <td>{m.attempts}</td>
                  <td>
                    <code>{m.lastError ?? '—'}</code>
                  </td>
                  <td className="nowrap">{m.status === 'dead' ? '—' : formatDateTime(m.nextAttemptAt)}</td>
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
