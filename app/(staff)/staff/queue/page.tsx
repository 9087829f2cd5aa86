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
  const { rows, total } = await listQueue(await getDb(), actor, params);
  const today = toBeijingDate(new Date());
  return (
    <main>
      <h1>
        审批队列 <span className="en">Approval queue</span>
      </h1>
      <p className="hint">
        {actor.role === 'supervisor' ? '全局 / Whole bureau' : `辖区 / Districts: ${actor.districtCodes.map(districtName).join('、')}`}
      </p>
      <QueueTable
        params={params}
        total={total}
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
