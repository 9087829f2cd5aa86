import Link from 'next/link';
import { cookies } from 'next/headers';
import { maskIdNumber } from '@/lib/privacy/mask';
import { ID_SEARCH_COOKIE } from '@/lib/applications/queue-search';
import { getDb } from '@/db/client';
import { listQueue, queueParamsSchema } from '@/lib/applications/queries';
import { requireStaffPage } from '@/lib/auth/session';
import { toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { districtName } from '@/lib/places';
import { QueueTable } from './queue-table';

export const metadata = { title: '审批队列 / Queue' };

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage(['clerk', 'supervisor']);
  const params = queueParamsSchema.parse(await searchParams);
  const idSearch = params.idSearch ? (await cookies()).get(ID_SEARCH_COOKIE)?.value : undefined;
  const db = await getDb();
  const [{ rows, total }, countersign] = await Promise.all([
    listQueue(db, actor, idSearch ? { ...params, q: idSearch } : params),
    // The supervisor's own to-do: cases waiting for a countersign, wherever the filter points.
    actor.role === 'supervisor' ? listQueue(db, actor, { ...params, status: 'awaiting_countersign', q: '', page: 1, pageSize: 5 }) : null,
  ]);
  const today = toBeijingDate(new Date());
  return (
    <main className="wide">
      <h1>
        审批队列 <span className="en">Approval queue</span>
      </h1>
      <p className="hint">
        {actor.role === 'supervisor'
          ? '范围：全局 / Scope: whole bureau'
          : `范围：${actor.districtCodes.map(districtName).join('、')} / Scope: your districts`}{' '}
        · 今天 Today {today}
      </p>
      {countersign && countersign.total > 0 && params.status !== 'awaiting_countersign' && (
        <p className="stat-links">
          <Link href="/staff/queue?status=awaiting_countersign">
            待您复核 {countersign.total} 件 / {countersign.total} awaiting your countersign →
          </Link>
        </p>
      )}
      {params.idSearch && (
        <p className="hint" data-testid="id-search">
          {idSearch ? `按身份证号查询 / By ID number: ${maskIdNumber(idSearch)}` : '身份证号查询已过期，请重新输入 / The ID-number search has expired; enter it again'}
        </p>
      )}
      <QueueTable
        params={params}
        total={total}
        myStaffNumber={actor.staffNumber}
        rows={rows.map((row) => ({
          ...row,
          districtName: districtName(row.districtCode),
          submittedAt: row.submittedAt?.toISOString() ?? null,
          workingDaysLeft: row.deadlineDate ? workingDaysBetween(today, row.deadlineDate) : null,
        }))}
      />
    </main>
  );
}
