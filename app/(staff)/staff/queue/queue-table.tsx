'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { isIdNumberQuery } from '@/lib/applications/queue-search';
import { setQueueIdSearchAction } from './actions';
import { FlexRender, rowPaginationFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef } from '@tanstack/react-table';
import type { ApplicationStatus } from '@/db/schema';
import { isOpenStatus, STATUS_LABELS } from '@/lib/applications/state-machine';
import { StatusBadge } from '@/components/status-badge';
import { formatDateTime } from '@/components/format';

export type QueueRow = {
  id: string;
  referenceNumber: string;
  status: ApplicationStatus;
  districtName: string;
  submittedAt: string | null;
  deadlineDate: string | null;
  workingDaysLeft: number | null;
  applicantName: string;
  applicantIdNumberMasked: string;
  serviceNameZh: string;
  assignee: string | null;
  isMine?: boolean;
};

type Params = { page: number; pageSize: number; sort: string; dir: 'asc' | 'desc'; status: string; q: string; idSearch?: '1' };

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
const SORTABLE = new Set(['referenceNumber', 'submittedAt', 'deadlineDate', 'status']);

const columns: ColumnDef<typeof features, QueueRow>[] = [
  {
    accessorKey: 'referenceNumber',
    header: '申请编号 Reference',
    cell: (info) => <Link href={`/staff/cases/${info.row.original.id}`}>{info.row.original.referenceNumber}</Link>,
  },
  { accessorKey: 'serviceNameZh', header: '事项 Service', enableSorting: false, cell: (info) => <span className="nowrap">{info.row.original.serviceNameZh}</span> },
  {
    accessorKey: 'applicantName',
    header: '申请人 Applicant',
    enableSorting: false,
    cell: (info) => (
      <>
        {info.row.original.applicantName}
        <div className="hint mono nowrap">{info.row.original.applicantIdNumberMasked}</div>
      </>
    ),
  },
  { accessorKey: 'districtName', header: '辖区 District', enableSorting: false },
  { accessorKey: 'submittedAt', header: '提交 Submitted', cell: (info) => <span className="nowrap">{formatDateTime(info.row.original.submittedAt)}</span> },
  {
    accessorKey: 'deadlineDate',
    header: '时限 Deadline',
    cell: (info) => {
      const { deadlineDate, workingDaysLeft, status } = info.row.original;
      if (!deadlineDate) return '—';
      const isOpen = isOpenStatus(status);
      if (!isOpen || workingDaysLeft === null) return deadlineDate;
      const className = workingDaysLeft < 0 ? 'overdue' : workingDaysLeft <= 1 ? 'due-soon' : undefined;
      const text =
        workingDaysLeft < 0 ? (
          <>超期 {-workingDaysLeft} 个工作日 <span className="en">overdue</span></>
        ) : workingDaysLeft === 0 ? (
          <>今天到期 <span className="en">due today</span></>
        ) : (
          <>剩 {workingDaysLeft} 个工作日 <span className="en">left</span></>
        );
      return (
        <>
          <span className="nowrap">{deadlineDate}</span>
          <div className={`nowrap ${className ?? 'hint'}`}>{text}</div>
        </>
      );
    },
  },
  { accessorKey: 'status', header: '状态 Status', cell: (info) => <StatusBadge status={info.row.original.status} /> },
  {
    accessorKey: 'assignee',
    header: '经办 Assignee',
    enableSorting: false,
    cell: (info) => {
      const { assignee, isMine } = info.row.original;
      if (!assignee) return <span className="hint">未受理 Unclaimed</span>;
      return isMine ? <strong className="nowrap">本人 You</strong> : <span className="mono">{assignee}</span>;
    },
  },
];

const FILTER_DEFAULTS = { status: 'open', q: '' };

/** The queue's rows come sorted, filtered and paged from the server; this table only renders them and edits the URL. */
export function QueueTable({ rows: serverRows, total, params, myStaffNumber }: { rows: QueueRow[]; total: number; params: Params; myStaffNumber: string }) {
  const rows = useMemo(() => serverRows.map((row) => ({ ...row, isMine: row.assignee === myStaffNumber })), [serverRows, myStaffNumber]);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();

  const [searchError, setSearchError] = useState<string | null>(null);
  const navigate = (changes: Partial<Record<keyof Params | 'idSearch', string | number>>) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(changes)) next.set(key, String(value));
    router.push(`${pathname}?${next.toString()}`);
  };

  const sorting = useMemo(() => [{ id: params.sort, desc: params.dir === 'desc' }], [params.sort, params.dir]);
  const pagination = useMemo(() => ({ pageIndex: params.page - 1, pageSize: params.pageSize }), [params.page, params.pageSize]);
  const table = useTable({
    features,
    columns,
    data: rows,
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    state: { sorting, pagination },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      navigate(first ? { sort: first.id, dir: first.desc ? 'desc' : 'asc', page: 1 } : { sort: 'deadlineDate', dir: 'asc', page: 1 });
    },
  });
  const pageCount = Math.max(1, Math.ceil(total / params.pageSize));

  async function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const status = String(data.get('status') ?? 'open');
    const q = String(data.get('q') ?? '').trim();
    // An ID number never goes into the URL: the server keeps it in a short-lived cookie.
    if (isIdNumberQuery(q)) {
      const result = await setQueueIdSearchAction(q);
      if (result.status === 'ok') navigate({ status, q: '', idSearch: '1', page: 1 });
      else setSearchError(result.message);
      return;
    }
    setSearchError(null);
    const next = new URLSearchParams(searchParams.toString());
    next.delete('idSearch');
    next.set('status', status);
    next.set('q', q);
    next.set('page', '1');
    router.push(`${pathname}?${next.toString()}`);
  }

  const isFiltered = params.status !== FILTER_DEFAULTS.status || params.q !== FILTER_DEFAULTS.q || params.idSearch === '1';

  return (
    <>
      {searchError && (
        <div className="alert error" role="alert">
          {searchError}
        </div>
      )}
      <form className="filters" onSubmit={(event) => void applyFilters(event)} role="search" aria-label="筛选案件 / Filter cases">
        <div>
          <label htmlFor="status">状态 <span className="hint">Status</span></label>
          <select id="status" name="status" defaultValue={params.status}>
            <option value="open">待办（未办结）/ Open</option>
            <option value="all">全部 / All</option>
            {(['submitted', 'in_review', 'needs_more_material', 'awaiting_countersign', 'approved', 'rejected', 'withdrawn'] as const).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s].zh} / {STATUS_LABELS[s].en}
              </option>
            ))}
          </select>
        </div>
        <div style={{ flex: '1 1 260px' }}>
          <label htmlFor="q">搜索 <span className="hint">Reference, exact ID number, or name</span></label>
          <input id="q" name="q" type="search" defaultValue={params.q} autoComplete="off" spellCheck={false} />
        </div>
        <button type="submit">筛选 / Filter</button>
        {isFiltered && (
          <Link className="button secondary" href={pathname}>
            清除 / Clear
          </Link>
        )}
      </form>
      <p className="hint" aria-live="polite">
        共 {total} 件 <span lang="en">· {total} cases</span>
        {params.q && <> · 搜索 “{params.q}”</>}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="审批队列 / Approval queue">
        <table className="data" data-testid="queue-table">
          <caption className="visually-hidden">审批队列，共 {total} 件 / Approval queue, {total} cases</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = SORTABLE.has(header.column.id);
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                      {canSort ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()}>
                          <FlexRender header={header} /> <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                        </button>
                      ) : (
                        <FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => {
              const { status, workingDaysLeft } = row.original;
              const isLate = isOpenStatus(status) && workingDaysLeft !== null && workingDaysLeft < 0;
              return (
                <tr key={row.id} className={isLate ? 'needs-attention' : undefined}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id}>
                      <FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {isFiltered ? (
                    <>
                      没有符合条件的案件 / No cases match.{' '}
                      <Link href={pathname}>清除筛选，查看全部待办 / Clear the filter and show all open cases</Link>
                    </>
                  ) : (
                    <>队列已清空，暂无待办案件 / The queue is empty: no open cases.</>
                  )}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && (
        <nav className="pager" aria-label="分页 / Pages">
          <button type="button" className="secondary small" disabled={params.page <= 1} onClick={() => navigate({ page: params.page - 1 })}>
            ← 上一页 / Previous
          </button>
          <span>
            第 {params.page} / {pageCount} 页 <span className="en">Page {params.page} of {pageCount}</span>
          </span>
          <button type="button" className="secondary small" disabled={params.page >= pageCount} onClick={() => navigate({ page: params.page + 1 })}>
            下一页 / Next →
          </button>
        </nav>
      )}
    </>
  );
}
