import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { isBulkSelectable } from '@/lib/applications/state-machine';
import type { StaffRole } from '@/db/schema';
import { tableColumns, useQueueGrid, type GridOptions, type QueueGrid } from './queue-grid';
import type { QueueColumn, QueueRow } from './queue-table';

// The queue's first render is drawn on the server without TanStack and hydrated in the browser with it:
// the two must agree on everything the markup shows, or the page the clerk sees is not the one React runs.

const COLUMNS: QueueColumn[] = ['select', 'referenceNumber', 'serviceName', 'applicantName', 'districtName', 'submittedAt', 'deadlineDate', 'status', 'assignee'].map(
  (id) => ({ id: id as QueueColumn['id'], header: id === 'select' ? undefined : `heading ${id}` }),
);

function row(n: number, status: QueueRow['status']): QueueRow {
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    referenceNumber: `WH2026120500000${n}`,
    status,
    version: 1,
    districtCode: '420106',
    districtName: '武昌区',
    submittedAt: '2026-12-04T02:00:00.000Z',
    deadlineDate: '2026-12-11',
    workingDaysLeft: 4,
    applicantName: '王芳',
    applicantIdNumberMasked: '420***********2843',
    serviceName: '户口迁移',
    assignee: null,
  };
}

const ROWS = [row(1, 'submitted'), row(2, 'in_review'), row(3, 'awaiting_countersign'), row(4, 'needs_more_material'), row(5, 'submitted')];

/** Everything of the grid the table's markup reads, as JSON. */
function shown(grid: QueueGrid) {
  return {
    sort: COLUMNS.map((c) => [c.id, grid.sortOf(c.id)]),
    sortable: COLUMNS.map((c) => [c.id, typeof grid.onSort(c.id)]),
    allSelected: grid.allSelected,
    rows: grid.rows.map((r) => [r.original.id, r.original.referenceNumber, r.selected, r.canSelect]),
  };
}

function render(role: StaffRole, sorting: GridOptions['sorting']): string {
  const Harness = () => {
    const grid = useQueueGrid({
      rows: ROWS,
      columnDefs: tableColumns(COLUMNS),
      sorting,
      rowSelection: {},
      setRowSelection: () => {},
      canSelect: (r) => isBulkSelectable(r, { role }),
      onSortingChange: () => {},
    });
    return createElement('pre', null, JSON.stringify(shown(grid)));
  };
  return renderToString(createElement(Harness));
}

const inBrowser = () => ((globalThis as { window?: unknown }).window = globalThis);
const parse = (html: string) => JSON.parse(html.replace(/^<pre>|<\/pre>$/g, '').replaceAll('&quot;', '"')) as ReturnType<typeof shown>;

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('the queue grid, drawn on the server and hydrated with TanStack', () => {
  for (const role of ['clerk', 'supervisor'] as const) {
    for (const sorting of [[{ id: 'deadlineDate', desc: false }], [{ id: 'submittedAt', desc: true }], [{ id: 'status', desc: false }]]) {
      it(`shows the same sort, selection and selectable rows (${role}, ${sorting[0]!.id} ${sorting[0]!.desc ? 'desc' : 'asc'})`, () => {
        const server = render(role, sorting);
        inBrowser();
        const browser = render(role, sorting);
        expect(server).toBe(browser);
        // And the answers are the right ones, not merely equal.
        const parsed = parse(server);
        expect(parsed.sort.filter(([, s]) => s !== false)).toEqual([[sorting[0]!.id, sorting[0]!.desc ? 'desc' : 'asc']]);
        expect(parsed.allSelected).toBe(false);
        expect(parsed.rows.map(([, , selected]) => selected)).toEqual([false, false, false, false, false]);
        expect(parsed.rows.map(([, , , canSelect]) => canSelect)).toEqual(ROWS.map((r) => isBulkSelectable(r, { role })));
      });
    }
  }

  it('lets a supervisor select more than a clerk (the predicate is the state machine’s, on both sides)', () => {
    const count = (role: StaffRole) => parse(render(role, [{ id: 'deadlineDate', desc: false }])).rows.filter(([, , , c]) => c).length;
    expect(count('supervisor')).toBeGreaterThan(count('clerk'));
  });

  it('builds TanStack’s table only in the browser', () => {
    // The browser's grid answers through TanStack's column API: a column TanStack does not know is not sorted there.
    const Harness = () => {
      const grid = useQueueGrid({ rows: ROWS, columnDefs: [], sorting: [{ id: 'deadlineDate', desc: false }], rowSelection: {}, setRowSelection: () => {}, canSelect: () => true, onSortingChange: () => {} });
      return createElement('pre', null, String(grid.sortOf('deadlineDate')));
    };
    expect(renderToString(createElement(Harness))).toBe('<pre>asc</pre>');
    inBrowser();
    expect(renderToString(createElement(Harness))).toBe('<pre>false</pre>');
  });
});
