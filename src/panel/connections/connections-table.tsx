import { useCallback, useState } from 'preact/hooks';
import type { ConnectionRow, PageRow } from '../../contracts/model';
import { formatTime } from '../ui/format';
import type { FindingBadge } from '../findings/finding-view';
import { groupByPage } from './group-by-page';
import { orderByLineage } from './lineage-order';
import type { Lineage } from '../store';
import { DEFAULT_SORT, keepsLineageOrder, nextSort, sortConnections, type SortSpec } from './table-sort';
import { COLUMN_DEFS, ColumnHeader } from './column-header';
import { ConnectionItem } from './connection-item';
import { RowContextMenu, type MenuAt } from './row-context-menu';
import { useColumnWidths } from './use-column-widths';

interface Props {
  pages: PageRow[];
  connections: ConnectionRow[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  lineages: Readonly<Record<string, Lineage>>;
  badges: ReadonlyMap<string, FindingBadge>;
  /** For the duration of open connections (frozen while the view is paused). */
  now?: number;
}

/**
 * Rows stay grouped by page load whatever the sort: a sort orders the rows inside each load
 * (loads stay in the order they happened, newest first when sorting by start descending). The
 * lineage story order (reconnects under their first socket) is kept only for the default sort.
 */
export function ConnectionsTable({ pages, connections: unordered, selectedId, onSelect, lineages, badges, now = Date.now() }: Props) {
  const [sort, setSort] = useState<SortSpec>(DEFAULT_SORT);
  const { widths, startResize, resizeBy } = useColumnWidths();
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const onContextMenu = (e: MouseEvent) => {
    const row = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-testid="connection-row"]') : null;
    const url = row?.dataset.url;
    if (!row || url === undefined) return;
    e.preventDefault();
    // From the keyboard the event has no pointer position: open the menu at the row.
    const box = row.getBoundingClientRect();
    setMenu({ x: e.clientX || box.left + 24, y: e.clientY || box.bottom, url });
  };
  const ctx = { lineages, badges, now };
  const byPage = groupByPage(pages, unordered).map((g) => ({
    ...g,
    connections: keepsLineageOrder(sort) ? orderByLineage(sortConnections(g.connections, sort, ctx), lineages) : sortConnections(g.connections, sort, ctx),
  }));
  const groups = sort.column === 'start' && sort.direction === 'descending' ? [...byPage].reverse() : byPage;
  // Arrow keys follow the rows as shown.
  const connections = groups.flatMap((g) => g.connections);
  // Arrow keys move the selection, like DevTools' own tables; Home/End jump to the ends.
  const onKeyDown = (e: KeyboardEvent) => {
    if (!(e.target instanceof HTMLElement) || !e.target.closest('tbody')) return;
    const i = connections.findIndex((c) => c.id === selectedId);
    const last = connections.length - 1;
    const to: Record<string, number> = { ArrowDown: Math.min(last, i + 1), ArrowUp: Math.max(0, i - 1), Home: 0, End: last };
    const index = to[e.key];
    const next = index === undefined ? undefined : connections[index];
    if (!next) return;
    e.preventDefault();
    onSelect(next.id);
  };
  return (
    <div class="table-scroll connections-scroll" onContextMenu={onContextMenu}>
      {menu && <RowContextMenu at={menu} onClose={closeMenu} />}
      <table class="grid connections" role="grid" aria-label="Connections of this tab" aria-rowcount={connections.length + 1} onKeyDown={onKeyDown}>
        <colgroup>
          {COLUMN_DEFS.map((d) => {
            const w = widths[d.name] ?? d.width;
            return <col key={d.name} class={`col-${d.name}`} style={w === undefined ? undefined : { width: `${w}px` }} />;
          })}
        </colgroup>
        <thead>
          <tr>
            {COLUMN_DEFS.map((d) => (
              <ColumnHeader key={d.name} def={d} sort={sort} width={widths[d.name] ?? d.width} onSort={(c) => setSort((s) => nextSort(s, c))} onResizeStart={startResize} onResizeBy={resizeBy} />
            ))}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.page?.id ?? '?'}>
            <tr class="page-row" data-testid="page-row" data-page-id={g.page?.id}>
              <th scope="colgroup" colSpan={COLUMN_DEFS.length}>
                {g.page ? `${g.page.url} · loaded ${formatTime(g.page.startedAt)}` : 'Page not known yet'}
              </th>
            </tr>
            {g.connections.map((c) => (
              <ConnectionItem
                key={c.id}
                connection={c}
                selected={c.id === selectedId}
                onSelect={onSelect}
                lineage={lineages[c.id]}
                badge={badges.get(c.id)}
                now={now}
                indentFollower={keepsLineageOrder(sort)}
              />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
