import type { ColumnName, SortSpec } from './table-sort';

export interface ColumnDef {
  name: ColumnName;
  label: string;
  /** Tooltip and accessible description of what the column shows. */
  title: string;
  numeric?: boolean;
  /** Default width in px; the URL column takes what is left. */
  width?: number;
}

export const COLUMN_DEFS: readonly ColumnDef[] = [
  { name: 'kind', label: 'Kind', title: 'WebSocket (WS) or EventSource (SSE)', width: 46 },
  { name: 'url', label: 'URL', title: 'Where the page connected to' },
  { name: 'state', label: 'State', title: 'connecting, open, closing or closed (with the close code)', width: 92 },
  { name: 'start', label: 'Start', title: 'When the page created the connection', width: 92 },
  { name: 'duration', label: 'Duration', title: 'How long it has been alive (until closed)', width: 70, numeric: true },
  { name: 'in', label: 'In', title: 'Messages received', width: 52, numeric: true },
  { name: 'out', label: 'Out', title: 'Messages sent', width: 52, numeric: true },
  { name: 'bytes', label: 'Bytes in / out', title: 'Payload bytes received / sent', width: 112, numeric: true },
  { name: 'reconnects', label: 'Reconn.', title: 'Reconnects: the lineage attempt before this socket, plus EventSource automatic reconnects', width: 58, numeric: true },
  { name: 'findings', label: '▲', title: 'Warning and error findings', width: 44 },
];

interface Props {
  def: ColumnDef;
  sort: SortSpec;
  width: number | undefined;
  onSort: (column: ColumnName) => void;
  /** Starts a drag on the resize handle (pointer) or nudges the width (keyboard, ±px). */
  onResizeStart: (column: ColumnName, e: PointerEvent) => void;
  onResizeBy: (column: ColumnName, deltaPx: number) => void;
}

/** A sortable, resizable header cell: the label is a button, the right edge a drag handle. */
export function ColumnHeader({ def, sort, width, onSort, onResizeStart, onResizeBy }: Props) {
  const sorted = sort.column === def.name;
  return (
    <th
      scope="col"
      data-column={def.name}
      aria-sort={sorted ? sort.direction : 'none'}
      class={`${def.numeric ? 'num ' : ''}${sorted ? `sorted sorted-${sort.direction}` : ''}`.trim() || undefined}
      style={width === undefined ? undefined : { width: `${width}px` }}
      title={def.title}
      onClick={() => onSort(def.name)}
    >
      <button type="button" class="sort-button" aria-label={def.name === 'findings' ? 'Findings' : undefined}>
        {def.label}
        <span class="sort-arrow" aria-hidden="true">
          {sorted ? (sort.direction === 'ascending' ? '▴' : '▾') : ''}
        </span>
      </button>
      <span
        class="col-resizer"
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize the ${def.label === '▲' ? 'findings' : def.label} column`}
        tabIndex={0}
        onClick={(e) => e.stopPropagation()}
        onPointerDown={(e) => {
          e.stopPropagation();
          onResizeStart(def.name, e);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          e.preventDefault();
          onResizeBy(def.name, e.key === 'ArrowLeft' ? -10 : 10);
        }}
      />
    </th>
  );
}
