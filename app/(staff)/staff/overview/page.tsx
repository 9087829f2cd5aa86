import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getReadDb } from '@/db/client';
import { getQueueOverview } from '@/lib/applications/overview';
import { STATUS_LABELS } from '@/lib/applications/state-machine';
import { requireStaffPage } from '@/lib/auth/session';
import { districtName } from '@/lib/places';
import { BarChart } from '@/components/bar-chart';

export const metadata = { title: '队列概况 / Queue overview' };

export default async function OverviewPage() {
  const actor = await requireStaffPage(['supervisor']);
  const result = await getQueueOverview(await getReadDb(), actor);
  if (result.status !== 'ok') notFound();
  const o = result.data;
  const backlog = o.byService.reduce((sum, s) => sum + s.n, 0);
  return (
    <main className="wide">
      <h1>
        队列概况 <span className="en">Queue overview</span>
      </h1>
      <dl className="summary-strip" aria-label="概况 / Summary" data-testid="overview-summary">
        <div>
          <dt>待办 Open</dt>
          <dd>{backlog}</dd>
        </div>
        <div>
          <dt>已超期 Breached</dt>
          <dd className={o.breachedCount > 0 ? 'overdue' : undefined}>
            <Link href="/staff/queue?status=open&due=overdue">{o.breachedCount}</Link>
          </dd>
        </div>
        <div>
          <dt>已升级 Escalated</dt>
          <dd>{o.escalatedCount}</dd>
        </div>
        <div>
          <dt>今天 Today</dt>
          <dd>{o.today}</dd>
        </div>
      </dl>
      <div className="grid-2">
        <section className="card" aria-labelledby="by-service">
          <h2 id="by-service">按事项 <span className="en">Backlog by service</span></h2>
          <BarChart label="按事项的待办 / Backlog by service" data={o.byService.map((s) => ({ label: s.name, value: s.n }))} />
        </section>
        <section className="card" aria-labelledby="by-age">
          <h2 id="by-age">按等待时长 <span className="en">Backlog by age (since submission)</span></h2>
          <BarChart label="按等待时长的待办 / Backlog by age" data={o.byAge.map((b) => ({ label: b.labelZh, value: b.n }))} />
        </section>
        <section className="card" aria-labelledby="by-district">
          <h2 id="by-district">按辖区 <span className="en">Backlog by district</span></h2>
          <BarChart label="按辖区的待办 / Backlog by district" data={o.byDistrict.map((d) => ({ label: districtName(d.districtCode), value: d.n }))} />
        </section>
        <section className="card" aria-labelledby="per-day">
          <h2 id="per-day">每日办理量 <span className="en">Decisions per day ({o.days} days)</span></h2>
          <BarChart label="每日办理量 / Decisions per day" data={o.daily.map((d) => ({ label: d.day.slice(5), value: d.n }))} />
        </section>
      </div>
      <section className="card" aria-labelledby="per-clerk">
        <h2 id="per-clerk">民警办理量 <span className="en">Decisions per clerk ({o.days} days)</span></h2>
        <table className="data" data-testid="per-clerk">
          <thead>
            <tr>
              <th scope="col">警号 Staff No.</th>
              <th scope="col">姓名 Name</th>
              <th scope="col">办理 Decisions</th>
            </tr>
          </thead>
          <tbody>
            {o.perClerk.map((c) => (
              <tr key={c.staffNumber}>
                <td className="mono">{c.staffNumber}</td>
                <td>{c.displayName}</td>
                <td>{c.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="breaches">
        <h2 id="breaches">超期案件 <span className="en">Breached cases (oldest first)</span></h2>
        {o.oldestBreaches.length === 0 ? (
          <p className="hint">没有超期案件 / No breached cases.</p>
        ) : (
          <table className="data" data-testid="breaches">
            <thead>
              <tr>
                <th scope="col">申请编号 Reference</th>
                <th scope="col">辖区 District</th>
                <th scope="col">时限 Deadline</th>
                <th scope="col">状态 Status</th>
                <th scope="col">经办 Holder</th>
                <th scope="col">升级 Escalated</th>
              </tr>
            </thead>
            <tbody>
              {o.oldestBreaches.map((b) => (
                <tr key={b.id}>
                  <td><Link href={`/staff/cases/${b.id}`}>{b.referenceNumber}</Link></td>
                  <td>{districtName(b.districtCode)}</td>
                  <td className="overdue">{b.deadlineDate}</td>
                  <td>{STATUS_LABELS[b.status].zh}</td>
                  <td className="mono">{b.holder ?? '—'}</td>
                  <td>{b.escalatedAt ? '是 Yes' : '否 No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
