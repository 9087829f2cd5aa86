'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState, useTransition, type FormEvent } from 'react';
import { isIdNumberQuery, SAVED_VIEWS } from '@/lib/applications/queue-search';
import { bulkQueueAction, setQueueIdSearchAction } from './actions';
import {
  FlexRender,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowSelectionState,
} from '@tanstack/react-table';
import type { ApplicationStatus } from '@/db/schema';
import { isOpenStatus, STATUS_LABELS } from '@/lib/applications/state-machine';
import type { QueueParams } from '@/lib/applications/queue';
import { StatusBadge } from '@/components/status-badge';
import { formatDateTime } from '@/components/format';

export type QueueRow = {
  id: string;
  referenceNumber: string;
  status: ApplicationStatus;
  version: number;
  districtCode: string;
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

type Option = { id: string; nameZh: string };
type District = { code: string; name: string };
type Clerk = { id: string; label: string; districtCodes: string[] };

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature, rowSelectionFeature });
const SORTABLE = new Set(['referenceNumber', 'submittedAt', 'deadlineDate', 'status']);
/** Filter keys kept in the URL; changing any of them starts again from the first page. */
const FILTER_KEYS = ['status', 'service', 'district', 'due', 'assignee', 'q', 'idSearch'] as const;

const columns: ColumnDef<typeof features, QueueRow>[] = [
  {
    id: 'select',
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label="全选本页 / Select all on this page"
        checked={table.getIsAllRowsSelected()}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`选择 / Select ${row.original.referenceNumber}`}
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
    enableSorting: false,
  },
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

type Props = {
  rows: QueueRow[];
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
  previousCursor: string | null;
  params: QueueParams;
  myStaffNumber: string;
  isSupervisor: boolean;
  services: Option[];
  districts: District[];
  clerks: Clerk[];
};

/** The queue's rows come sorted, filtered and paged from the server; this table renders them and edits the URL. */
export function QueueTable({ rows: serverRows, total, totalIsCapped, nextCursor, previousCursor, params, myStaffNumber, isSupervisor, services, districts, clerks }: Props) {
  const rows = useMemo(() => serverRows.map((row) => ({ ...row, isMine: row.assignee === myStaffNumber })), [serverRows, myStaffNumber]);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string; details?: string[] } | null>(null);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [assignee, setAssignee] = useState('');
  const [isPending, startTransition] = useTransition();

  /** Changes the URL; a new filter or sort drops the cursor (back to the first page). */
  const navigate = (changes: Record<string, string | undefined>, keepCursor = false) => {
    const next = new URLSearchParams(searchParams.toString());
    if (!keepCursor) {
      next.delete('after');
      next.delete('before');
    }
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    setRowSelection({});
    router.push(`${pathname}?${next.toString()}`);
  };

  const sorting = useMemo(() => [{ id: params.sort, desc: params.dir === 'desc' }], [params.sort, params.dir]);
  const pagination = useMemo(() => ({ pageIndex: 0, pageSize: params.pageSize }), [params.pageSize]);
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    enableRowSelection: (row) => row.original.status === 'submitted' || (isSupervisor && row.original.status === 'in_review'),
    state: { sorting, pagination, rowSelection },
    onRowSelectionChange: (updater) => setRowSelection((old) => (typeof updater === 'function' ? updater(old) : updater)),
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      navigate(first ? { sort: first.id, dir: first.desc ? 'desc' : 'asc' } : { sort: 'deadlineDate', dir: 'asc' });
    },
  });
  const selected = rows.filter((row) => rowSelection[row.id]);

  async function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (key: string) => String(data.get(key) ?? '').trim() || undefined;
    const filters = { status: value('status'), service: value('service'), district: value('district'), due: value('due'), assignee: value('assignee') };
    const q = value('q') ?? '';
    // An ID number never goes into the URL: the server keeps it in a short-lived cookie.
    if (isIdNumberQuery(q)) {
      const result = await setQueueIdSearchAction(q);
      if (result.status === 'ok') navigate({ ...filters, q: undefined, idSearch: '1' });
      else setMessage({ kind: 'error', text: result.message });
      return;
    }
    setMessage(null);
    navigate({ ...filters, q: q || undefined, idSearch: undefined });
  }

  function runBulk(transition: 'claim' | 'assign') {
    const items = selected.map((row) => ({ applicationId: row.id, expectedVersion: row.version }));
    startTransition(async () => {
      const result = await bulkQueueAction({ transition, items, assigneeStaffId: transition === 'assign' ? assignee : undefined });
      if (result.status !== 'ok') {
        setMessage({ kind: 'error', text: result.message });
        return;
      }
      const refused = result.data.outcomes.filter((o) => o.status !== 'ok');
      const refOf = (id: string) => rows.find((r) => r.id === id)?.referenceNumber ?? id;
      setMessage({
        kind: refused.length > 0 ? 'error' : 'success',
        text: `${transition === 'claim' ? '已受理' : '已指派'} ${result.data.succeeded} 件 / ${result.data.succeeded} ${transition === 'claim' ? 'claimed' : 'assigned'}${refused.length > 0 ? `；${refused.length} 件未成功 / ${refused.length} not done` : ''}`,
        details: refused.map((o) => `${refOf(o.applicationId)}：${o.message ?? o.status}`),
      });
      setRowSelection({});
      router.refresh();
    });
  }

  const isFiltered = FILTER_KEYS.some((key) => searchParams.has(key) && !(key === 'status' && params.status === 'open'));
  const assignable = clerks.filter((c) => selected.every((row) => c.districtCodes.includes(row.districtCode)));
  const totalLabel = totalIsCapped ? `${total}+` : String(total);

  return (
    <>
      <nav className="stat-links" aria-label="常用视图 / Saved views">
        {Object.entries(SAVED_VIEWS).map(([key, view]) => (
          <Link key={key} href={`${pathname}?${new URLSearchParams(view.params).toString()}`} data-testid={`view-${key}`}>
            {view.labelZh} <span className="en">{view.labelEn}</span>
          </Link>
        ))}
      </nav>
      {message && (
        <div className={`alert ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
          {message.details && message.details.length > 0 && (
            <ul>
              {message.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form className="filters" onSubmit={(event) => void applyFilters(event)} role="search" aria-label="筛选案件 / Filter cases" key={searchParams.toString()}>
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
        <div>
          <label htmlFor="service">事项 <span className="hint">Service</span></label>
          <select id="service" name="service" defaultValue={params.service ?? ''}>
            <option value="">全部事项 / All services</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.nameZh}
              </option>
            ))}
          </select>
        </div>
        {districts.length > 1 && (
          <div>
            <label htmlFor="district">辖区 <span className="hint">District</span></label>
            <select id="district" name="district" defaultValue={params.district ?? ''}>
              <option value="">全部辖区 / All districts</option>
              {districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="due">时限 <span className="hint">Deadline</span></label>
          <select id="due" name="due" defaultValue={params.due ?? ''}>
            <option value="">不限 / Any</option>
            <option value="soon">即将到期 / Due soon</option>
            <option value="today">今日到期 / Due today</option>
            <option value="overdue">已超期 / Overdue</option>
          </select>
        </div>
        <div>
          <label htmlFor="assignee">经办 <span className="hint">Assignee</span></label>
          <select id="assignee" name="assignee" defaultValue={params.assignee ?? ''}>
            <option value="">不限 / Anyone</option>
            <option value="mine">本人 / Mine</option>
            <option value="unassigned">未受理 / Unassigned</option>
          </select>
        </div>
        <div style={{ flex: '1 1 240px' }}>
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
      <p className="hint" aria-live="polite" data-testid="queue-count">
        共 {totalLabel} 件 <span lang="en">· {totalLabel} cases</span>
        {params.q && <> · 搜索 “{params.q}”</>}
      </p>
      {selected.length > 0 && (
        <div className="bulk-bar" role="group" aria-label="批量操作 / Bulk actions">
          <span>已选 {selected.length} 件 / {selected.length} selected</span>
          {selected.every((row) => row.status === 'submitted') && (
            <button type="button" className="small" disabled={isPending} onClick={() => runBulk('claim')}>
              受理所选 / Claim selected
            </button>
          )}
          {isSupervisor && (
            <>
              <label htmlFor="assign-to" className="visually-hidden">指派给 / Assign to</label>
              <select id="assign-to" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                <option value="">指派给… / Assign to…</option>
                {assignable.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
              <button type="button" className="small secondary" disabled={isPending || !assignee} onClick={() => runBulk('assign')}>
                指派 / Assign
              </button>
            </>
          )}
        </div>
      )}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="审批队列 / Approval queue">
        <table className="data" data-testid="queue-table">
          <caption className="visually-hidden">审批队列，共 {totalLabel} 件 / Approval queue, {totalLabel} cases</caption>
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
      {(previousCursor || nextCursor) && (
        <nav className="pager" aria-label="分页 / Pages">
          <button type="button" className="secondary small" disabled={!previousCursor} onClick={() => previousCursor && navigate({ before: previousCursor, after: undefined }, true)}>
            ← 上一页 / Previous
          </button>
          <Link href={`${pathname}?${new URLSearchParams([...searchParams.entries()].filter(([k]) => k !== 'after' && k !== 'before')).toString()}`} className="small">
            第一页 / First page
          </Link>
          <button type="button" className="secondary small" disabled={!nextCursor} onClick={() => nextCursor && navigate({ after: nextCursor, before: undefined }, true)}>
            下一页 / Next →
          </button>
        </nav>
      )}
    </>
  );
}
