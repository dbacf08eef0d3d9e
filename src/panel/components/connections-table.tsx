import type { ConnectionRow, PageRow } from '../../shared/model';
import { formatTime } from '../format';
import type { FindingBadge } from '../finding-badges';
import { groupByPage } from '../group-by-page';
import { orderByLineage } from '../lineage-order';
import type { Lineage } from '../store';
import { ConnectionItem } from './connection-item';

interface Props {
  pages: PageRow[];
  connections: ConnectionRow[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  lineages: Readonly<Record<string, Lineage>>;
  badges: ReadonlyMap<string, FindingBadge>;
}

export function ConnectionsTable({ pages, connections: unordered, selectedId, onSelect, lineages, badges }: Props) {
  const groups = groupByPage(pages, unordered).map((g) => ({ ...g, connections: orderByLineage(g.connections, lineages) }));
  // Arrow keys follow the rows as shown (lineages grouped).
  const connections = groups.flatMap((g) => g.connections);
  // Arrow keys move the selection, like DevTools' own tables.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const i = connections.findIndex((c) => c.id === selectedId);
    const next = connections[Math.max(0, Math.min(connections.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (!next) return;
    e.preventDefault();
    onSelect(next.id);
  };
  return (
    <div class="table-scroll connections-scroll">
      <table class="grid connections" role="grid" aria-label="Connections of this tab" onKeyDown={onKeyDown}>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">URL</th>
            <th scope="col" aria-label="Findings" title="Warning and error findings">
              ▲
            </th>
            <th scope="col">State</th>
            <th scope="col" class="num">In</th>
            <th scope="col" class="num">Out</th>
            <th scope="col" class="num">Bytes in / out</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.page?.id ?? '?'}>
            <tr class="page-row" data-testid="page-row">
              <th scope="colgroup" colSpan={8}>
                {g.page ? `${g.page.url} · loaded ${formatTime(g.page.startedAt)}` : 'Page not known yet'}
              </th>
            </tr>
            {g.connections.map((c) => (
              <ConnectionItem key={c.id} connection={c} selected={c.id === selectedId} onSelect={onSelect} lineage={lineages[c.id]} badge={badges.get(c.id)} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
