// The queue table's state: TanStack's table in the browser, the same answers from the rows on the server.
// Apart from queue-table.tsx (which imports server actions) so that queue-grid.test.ts can render both.
import { rowSelectionFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef, type RowSelectionState, type SortingState } from '@tanstack/react-table';
import { isQueueSortColumn } from '@/lib/applications/queue-search';
import type { QueueColumn, QueueRow } from './queue-table';

// Sorting and paging happen on the server (the URL and a keyset cursor): the table needs only to show the
// sort and to select rows. No pagination feature, which would build its API on every render for nothing.
const features = tableFeatures({ rowSortingFeature, rowSelectionFeature });

/** TanStack's view of the columns: ids and which sort (the server sorts: `manualSorting`); the table draws headings and cells itself. */
export function tableColumns(columns: QueueColumn[]): ColumnDef<typeof features, QueueRow>[] {
  return columns.map(({ id }) => (id === 'select' ? { id, enableSorting: false } : { id, accessorKey: id, enableSorting: isQueueSortColumn(id) }));
}

/** What the table's markup reads: the same on the server and in the browser (`useQueueGrid`). */
export type QueueGrid = {
  sortOf: (columnId: string) => false | 'asc' | 'desc';
  onSort: (columnId: string) => ((event: unknown) => void) | undefined;
  allSelected: boolean;
  onToggleAll: (event: unknown) => void;
  rows: Array<{ original: QueueRow; selected: boolean; canSelect: boolean; onToggle: (event: unknown) => void }>;
};

export type GridOptions = {
  rows: QueueRow[];
  columnDefs: ColumnDef<typeof features, QueueRow>[];
  sorting: SortingState;
  rowSelection: RowSelectionState;
  setRowSelection: (update: (old: RowSelectionState) => RowSelectionState) => void;
  canSelect: (row: QueueRow) => boolean;
  onSortingChange: (next: SortingState) => void;
};

const ignore = () => {};

/**
 * The table's state. In the browser it is TanStack's table: row selection, the select-all box, sorting
 * (which the server does: `manualSorting`; a click edits the URL). On the server, which draws only the
 * first render, the same answers come from the rows themselves — nothing is selected before the page
 * runs — because building TanStack's table there cost about 0.7 ms of every queue page's CPU
 * (docs/benchmarks.md › "The queue's table built in the browser only"). Both give the same markup, so the
 * browser's first render hydrates it as it is; `e2e/clerk-queue.spec.ts` sorts, selects and claims.
 */
export function useQueueGrid({ rows, columnDefs, sorting, rowSelection, setRowSelection, canSelect, onSortingChange }: GridOptions): QueueGrid {
  if (typeof window === 'undefined') {
    // The first render only: no row and not all rows are selected yet, whatever `rowSelection` will hold.
    const [sorted] = sorting;
    return {
      sortOf: (columnId) => (sorted?.id === columnId ? (sorted.desc ? 'desc' : 'asc') : false),
      onSort: () => ignore,
      allSelected: false,
      onToggleAll: ignore,
      rows: rows.map((row) => ({ original: row, selected: false, canSelect: canSelect(row), onToggle: ignore })),
    };
  }
  // `typeof window` is fixed for a renderer's lifetime, so every render in the browser calls the same hooks.
  // eslint-disable-next-line react-hooks/rules-of-hooks
  const table = useTable({
    features,
    columns: columnDefs,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableRowSelection: (row) => canSelect(row.original),
    state: { sorting, rowSelection },
    onRowSelectionChange: (updater) => setRowSelection((old) => (typeof updater === 'function' ? updater(old) : updater)),
    onSortingChange: (updater) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
  });
  return {
    sortOf: (columnId) => table.getColumn(columnId)?.getIsSorted() ?? false,
    onSort: (columnId) => table.getColumn(columnId)?.getToggleSortingHandler(),
    allSelected: table.getIsAllRowsSelected(),
    onToggleAll: table.getToggleAllRowsSelectedHandler(),
    rows: table.getRowModel().rows.map((row) => ({
      original: row.original,
      selected: row.getIsSelected(),
      canSelect: row.getCanSelect(),
      onToggle: row.getToggleSelectedHandler(),
    })),
  };
}
