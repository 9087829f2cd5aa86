'use client';

import { Link } from '@/components/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { isIdNumberQuery, isQueueSortColumn, SAVED_VIEWS } from '@/lib/applications/queue-search';
import { bulkQueueAction, setQueueIdSearchAction } from './actions';
import type { RowSelectionState } from '@tanstack/react-table';
import { tableColumns, useQueueGrid } from './queue-grid';
import type { ApplicationStatus, StaffRole } from '@/db/schema';
import { isBulkSelectable, isOpenStatus } from '@/lib/applications/state-machine';
import type { QueueParams } from '@/lib/applications/queue';
import { useTranslator } from '@/lib/i18n/client';
import type { Translator } from '@/lib/i18n/translate';

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
  serviceName: string;
  assignee: string | null;
  isMine?: boolean;
};

type Option = { id: string; name: string };
type District = { code: string; name: string };
type Clerk = { id: string; label: string; districtCodes: string[] };

/** Filter keys kept in the URL; changing any of them starts again from the first page. */
const FILTER_KEYS = ['status', 'service', 'district', 'due', 'assignee', 'q', 'idSearch'] as const;

export type QueueColumn = {
  id: 'select' | keyof QueueRow;
  /** The column's heading (the select column's is its own checkbox, drawn from the table's state). */
  header?: string;
  /** A cell, drawn from the row's own values: see `QueueTable`'s body. */
  cell?: (row: QueueRow) => ReactNode;
};

/**
 * The queue's columns, in order: the table's headings and each row's cells come from here. TanStack gets
 * their ids and headings (`tableColumns`, for sorting and row selection); a cell is drawn from the row's
 * values directly, not through a TanStack cell object and `FlexRender` each, which cost more on the server
 * than the rest of the page's render (docs/benchmarks.md › "The queue's table built in the browser only").
 */
function queueColumns({ t, dateTime, date }: Translator): QueueColumn[] {
  return [
    { id: 'select' },
    { id: 'referenceNumber', header: t('staff.queue.columns.reference'), cell: (row) => <Link href={`/staff/cases/${row.id}`}>{row.referenceNumber}</Link> },
    { id: 'serviceName', header: t('staff.queue.columns.service'), cell: (row) => <span className="nowrap">{row.serviceName}</span> },
    {
      id: 'applicantName',
      header: t('staff.queue.columns.applicant'),
      cell: (row) => (
        <>
          {row.applicantName}
          <div className="hint mono nowrap">{row.applicantIdNumberMasked}</div>
        </>
      ),
    },
    { id: 'districtName', header: t('staff.queue.columns.district'), cell: (row) => row.districtName },
    { id: 'submittedAt', header: t('staff.queue.columns.submitted'), cell: (row) => <span className="nowrap">{dateTime(row.submittedAt)}</span> },
    {
      id: 'deadlineDate',
      header: t('staff.queue.columns.deadline'),
      cell: ({ deadlineDate, workingDaysLeft, status }) => {
        if (!deadlineDate) return '—';
        if (!isOpenStatus(status) || workingDaysLeft === null) return date(deadlineDate);
        const className = workingDaysLeft < 0 ? 'overdue' : workingDaysLeft <= 1 ? 'due-soon' : undefined;
        const text =
          workingDaysLeft < 0
            ? t('staff.queue.overdue', { days: -workingDaysLeft })
            : workingDaysLeft === 0
              ? t('staff.queue.dueToday')
              : t('staff.queue.daysLeft', { days: workingDaysLeft });
        return (
          <>
            <span className="nowrap">{date(deadlineDate)}</span>
            <div className={`nowrap ${className ?? 'hint'}`}>{text}</div>
          </>
        );
      },
    },
    { id: 'status', header: t('staff.queue.columns.status'), cell: (row) => <span className={`badge ${row.status}`}>{t(`problems.applications.status.${row.status}`)}</span> },
    {
      id: 'assignee',
      header: t('staff.queue.columns.assignee'),
      cell: ({ assignee, isMine }) => {
        if (!assignee) return <span className="hint">{t('staff.queue.unclaimed')}</span>;
        return isMine ? <strong className="nowrap">{t('staff.queue.you')}</strong> : <span className="mono">{assignee}</span>;
      },
    },
  ];
}

type Props = {
  rows: QueueRow[];
  total: number;
  totalIsCapped: boolean;
  nextCursor: string | null;
  previousCursor: string | null;
  params: QueueParams;
  myStaffNumber: string;
  isSupervisor: boolean;
  actorRole: StaffRole;
  services: Option[];
  districts: District[];
  clerks: Clerk[];
};

/** The queue's rows come sorted, filtered and paged from the server; this table renders them and edits the URL. */
export function QueueTable({ rows: serverRows, total, totalIsCapped, nextCursor, previousCursor, params, myStaffNumber, isSupervisor, actorRole, services, districts, clerks }: Props) {
  const translator = useTranslator();
  const { t, label, pick } = translator;
  const columns = useMemo(() => queueColumns(translator), [translator]);
  const columnDefs = useMemo(() => tableColumns(columns), [columns]);
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
  const grid = useQueueGrid({
    rows,
    columnDefs,
    sorting,
    rowSelection,
    setRowSelection,
    canSelect: (row) => isBulkSelectable(row, { role: actorRole }),
    onSortingChange: ([first]) => navigate(first ? { sort: first.id, dir: first.desc ? 'desc' : 'asc' } : { sort: 'deadlineDate', dir: 'asc' }),
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
      else setMessage({ kind: 'error', text: pick(result.message) });
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
        setMessage({ kind: 'error', text: pick(result.message) });
        return;
      }
      const refused = result.data.outcomes.filter((o) => o.status !== 'ok');
      const refOf = (id: string) => rows.find((r) => r.id === id)?.referenceNumber ?? id;
      setMessage({
        kind: refused.length > 0 ? 'error' : 'success',
        text: `${t(transition === 'claim' ? 'staff.queue.claimed' : 'staff.queue.assigned', { count: result.data.succeeded })}${refused.length > 0 ? t('staff.queue.notDone', { count: refused.length }) : ''}`,
        details: refused.map((o) => `${refOf(o.applicationId)}: ${o.message ? pick(o.message) : o.status}`),
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
      <nav className="stat-links" aria-label={t('staff.queue.savedViews')}>
        {Object.entries(SAVED_VIEWS).map(([key, view]) => (
          <Link key={key} href={`${pathname}?${new URLSearchParams(view.params).toString()}`} data-testid={`view-${key}`}>
            {label({ zh: view.labelZh, en: view.labelEn })}
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
      <form method="get" className="filters" onSubmit={(event) => void applyFilters(event)} role="search" aria-label={t('staff.queue.filterCases')} key={searchParams.toString()}>
        <div>
          <label htmlFor="status">{t('staff.queue.columns.status')}</label>
          <select id="status" name="status" defaultValue={params.status}>
            <option value="open">{t('staff.queue.statusOpen')}</option>
            <option value="all">{t('staff.queue.statusAll')}</option>
            {(['submitted', 'in_review', 'needs_more_material', 'awaiting_countersign', 'approved', 'rejected', 'withdrawn'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`problems.applications.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="service">{t('staff.queue.columns.service')}</label>
          <select id="service" name="service" defaultValue={params.service ?? ''}>
            <option value="">{t('staff.queue.allServices')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        {districts.length > 1 && (
          <div>
            <label htmlFor="district">{t('staff.queue.columns.district')}</label>
            <select id="district" name="district" defaultValue={params.district ?? ''}>
              <option value="">{t('staff.queue.allDistricts')}</option>
              {districts.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="due">{t('staff.queue.columns.deadline')}</label>
          <select id="due" name="due" defaultValue={params.due ?? ''}>
            <option value="">{t('staff.queue.any')}</option>
            <option value="soon">{t('staff.queue.dueSoon')}</option>
            <option value="today">{t('staff.queue.dueTodayOption')}</option>
            <option value="overdue">{t('staff.queue.overdueOption')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="assignee">{t('staff.queue.columns.assignee')}</label>
          <select id="assignee" name="assignee" defaultValue={params.assignee ?? ''}>
            <option value="">{t('staff.queue.any')}</option>
            <option value="mine">{t('staff.queue.mine')}</option>
            <option value="unassigned">{t('staff.queue.unassigned')}</option>
          </select>
        </div>
        <div style={{ flex: '1 1 240px' }}>
          <label htmlFor="q">{t('staff.queue.search')} <span className="hint">{t('staff.queue.searchHint')}</span></label>
          <input id="q" name="q" type="search" defaultValue={params.q} autoComplete="off" spellCheck={false} />
        </div>
        <button type="submit">{t('staff.queue.filter')}</button>
        {isFiltered && (
          <Link className="button secondary" href={pathname}>
            {t('staff.queue.clear')}
          </Link>
        )}
      </form>
      <p className="hint" aria-live="polite" data-testid="queue-count">
        {t('staff.queue.total', { total: totalLabel })}
        {params.q && <> · {t('staff.queue.searchedFor', { q: params.q })}</>}
      </p>
      {selected.length > 0 && (
        <div className="bulk-bar" role="group" aria-label={t('staff.queue.bulkActions')}>
          <span>{t('staff.queue.selected', { count: selected.length })}</span>
          {selected.every((row) => row.status === 'submitted') && (
            <button type="button" className="small" disabled={isPending} onClick={() => runBulk('claim')}>
              {t('staff.queue.claimSelected')}
            </button>
          )}
          {isSupervisor && (
            <>
              <label htmlFor="assign-to" className="visually-hidden">{t('staff.queue.assignTo')}</label>
              <select id="assign-to" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                <option value="">{t('staff.queue.assignToChoose')}</option>
                {assignable.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
              <button type="button" className="small secondary" disabled={isPending || !assignee} onClick={() => runBulk('assign')}>
                {t('staff.queue.assign')}
              </button>
            </>
          )}
        </div>
      )}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('staff.queue.heading')}>
        <table className="data" data-testid="queue-table">
          <caption className="visually-hidden">{t('staff.queue.caption', { total: totalLabel })}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                if (column.id === 'select') {
                  return (
                    <th key={column.id} scope="col">
                      <input type="checkbox" aria-label={t('staff.queue.selectAll')} checked={grid.allSelected} onChange={grid.onToggleAll} />
                    </th>
                  );
                }
                const sorted = grid.sortOf(column.id);
                return (
                  <th key={column.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                    {isQueueSortColumn(column.id) ? (
                      <button type="button" onClick={grid.onSort(column.id)}>
                        {column.header} <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => {
              const { status, workingDaysLeft } = row.original;
              const isLate = isOpenStatus(status) && workingDaysLeft !== null && workingDaysLeft < 0;
              return (
                <tr key={row.original.id} className={isLate ? 'needs-attention' : undefined}>
                  {columns.map((column) => (
                    <td key={column.id}>
                      {column.cell ? (
                        column.cell(row.original)
                      ) : (
                        <input
                          type="checkbox"
                          aria-label={t('staff.queue.select', { reference: row.original.referenceNumber })}
                          checked={row.selected}
                          disabled={!row.canSelect}
                          onChange={row.onToggle}
                        />
                      )}
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
                      {t('staff.queue.noMatch')} <Link href={pathname}>{t('staff.queue.clearFilter')}</Link>
                    </>
                  ) : (
                    t('staff.queue.empty')
                  )}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {(previousCursor || nextCursor) && (
        <nav className="pager" aria-label={t('staff.queue.pages')}>
          <button type="button" className="secondary small" disabled={!previousCursor} onClick={() => previousCursor && navigate({ before: previousCursor, after: undefined }, true)}>
            {t('staff.queue.previous')}
          </button>
          <Link href={`${pathname}?${new URLSearchParams([...searchParams.entries()].filter(([k]) => k !== 'after' && k !== 'before')).toString()}`} className="small">
            {t('staff.queue.firstPage')}
          </Link>
          <button type="button" className="secondary small" disabled={!nextCursor} onClick={() => nextCursor && navigate({ after: nextCursor, before: undefined }, true)}>
            {t('staff.queue.next')}
          </button>
        </nav>
      )}
    </>
  );
}
