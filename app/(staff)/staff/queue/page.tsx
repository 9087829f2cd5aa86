import Link from 'next/link';
import { cookies } from 'next/headers';
import { maskIdNumber } from '@/lib/privacy/mask';
import { ID_SEARCH_COOKIE } from '@/lib/applications/queue-search';
import { getReadDb } from '@/db/client';
import { listAssignableClerks, listQueue, queueParamsSchema } from '@/lib/applications/queue';
import { requireStaffPage } from '@/lib/auth/session';
import { toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { districtName } from '@/lib/places';
import { SERVICE_CATALOG } from '@/lib/services/catalog';
import { QueueTable } from './queue-table';

export const metadata = { title: '审批队列 / Queue' };

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage(['clerk', 'supervisor']);
  const params = queueParamsSchema.parse(await searchParams);
  const idSearch = params.idSearch ? (await cookies()).get(ID_SEARCH_COOKIE)?.value : undefined;
  // Listing only (a replica if configured); the actions re-read and lock on the primary.
  const db = await getReadDb();
  const [page, countersign, clerks] = await Promise.all([
    listQueue(db, actor, idSearch ? { ...params, q: idSearch } : params),
    // The supervisor's own to-do: cases waiting for a countersign, wherever the filter points.
    actor.role === 'supervisor' ? listQueue(db, actor, { status: 'awaiting_countersign', pageSize: 5 }) : null,
    listAssignableClerks(db, actor),
  ]);
  const today = toBeijingDate(new Date());
  const districts = actor.role === 'supervisor' ? WUHAN_DISTRICTS.map((d) => d.code) : actor.districtCodes;
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
        total={page.total}
        totalIsCapped={page.totalIsCapped}
        nextCursor={page.nextCursor}
        previousCursor={page.previousCursor}
        myStaffNumber={actor.staffNumber}
        isSupervisor={actor.role === 'supervisor'}
        services={SERVICE_CATALOG.map((s) => ({ id: s.id, nameZh: s.nameZh }))}
        districts={districts.map((code) => ({ code, name: districtName(code) }))}
        clerks={clerks.map((c) => ({ id: c.id, label: `${c.staffNumber} ${c.displayName}`, districtCodes: c.districtCodes }))}
        rows={page.rows.map((row) => ({
          id: row.id,
          referenceNumber: row.referenceNumber,
          status: row.status,
          version: row.version,
          districtCode: row.districtCode,
          districtName: districtName(row.districtCode),
          serviceNameZh: row.serviceNameZh,
          applicantName: row.applicantName,
          applicantIdNumberMasked: row.applicantIdNumberMasked,
          assignee: row.assignee,
          submittedAt: row.submittedAt?.toISOString() ?? null,
          deadlineDate: row.deadlineDate,
          workingDaysLeft: row.deadlineDate ? workingDaysBetween(today, row.deadlineDate) : null,
        }))}
      />
    </main>
  );
}
