// One row of the connections table: kind, URL, state, times, traffic, reconnects, finding badges.
import { useEffect, useRef } from 'preact/hooks';
import { formatDuration } from '../../analysis/format';
import type { ConnectionRow } from '../../contracts/model';
import type { FindingBadge } from '../findings/finding-view';
import { formatBytes, formatTime, kindBadge, kindLabel } from '../ui/format';
import type { Lineage } from '../store';
import { durationMs, reconnectCount } from './table-sort';
import { LineageMarker } from './lineage-marker';

interface Props {
  connection: ConnectionRow;
  selected: boolean;
  onSelect: (id: string) => void;
  lineage?: Lineage | undefined;
  badge?: FindingBadge | undefined;
  now?: number;
  /** Indent reconnects under their first socket (only when rows are in lineage order). */
  indentFollower?: boolean;
}

function reconnectTitle(c: ConnectionRow, lineage: Lineage | undefined): string {
  const parts: string[] = [];
  if (lineage && lineage.attempt > 1) parts.push(`attempt ${lineage.attempt} of its lineage (the page opened it after ${lineage.attempt - 1} earlier socket${lineage.attempt === 2 ? '' : 's'})`);
  if (c.reconnects > 0) parts.push(`the browser reconnected this EventSource ${c.reconnects} time${c.reconnects === 1 ? '' : 's'}`);
  return parts.join('; ') || 'no reconnects';
}

export function ConnectionItem({ connection: c, selected, onSelect, lineage, badge, now = Date.now(), indentFollower = true }: Props) {
  const row = useRef<HTMLTableRowElement>(null);
  // Keyboard selection moves focus with it, so the next arrow key keeps working.
  useEffect(() => {
    if (selected && row.current && row.current.ownerDocument.activeElement?.closest('table') === row.current.closest('table')) row.current.focus();
  }, [selected]);
  const select = () => onSelect(c.id);
  const open = c.closedAt === undefined && c.state !== 'closed';
  const reconnects = reconnectCount(c, lineage ? { [c.id]: lineage } : {});
  return (
    <tr
      ref={row}
      class={[selected ? 'selected' : '', indentFollower && lineage && lineage.attempt > 1 ? 'lineage-follower' : ''].join(' ').trim() || undefined}
      data-testid="connection-row"
      data-connection-id={c.id}
      data-url={c.url}
      data-lineage-id={lineage?.lineageId}
      data-attempt={lineage?.attempt}
      aria-selected={selected}
      aria-label={`${kindLabel(c)} ${c.url}, ${c.state}`}
      tabIndex={selected ? 0 : -1}
      onClick={select}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select();
        }
      }}
    >
      <td class={`kind kind-${c.kind}`} title={kindLabel(c)}>
        {kindBadge(c)}
      </td>
      <td class="url" title={c.url}>
        <LineageMarker lineage={lineage} />
        {c.url}
      </td>
      <td class={`state state-${c.state}`} data-testid="connection-state">
        {c.state}
        {c.close ? ` ${c.close.code}` : ''}
      </td>
      <td class="time">{formatTime(c.createdAt)}</td>
      <td class={`num${open ? ' ongoing' : ''}`} title={open ? 'still open' : undefined}>
        {formatDuration(durationMs(c, now))}
      </td>
      <td class="num" data-testid="messages-in">
        {c.messagesIn}
      </td>
      <td class="num" data-testid="messages-out">
        {c.messagesOut}
      </td>
      <td class="num">
        {formatBytes(c.bytesIn)} / {formatBytes(c.bytesOut)}
      </td>
      <td class="num" data-testid="reconnects" title={reconnectTitle(c, lineage)}>
        {reconnects > 0 ? reconnects : ''}
      </td>
      <td class="badge-cell">
        {badge ? (
          <span class="finding-badge" data-testid="finding-badge" role="img" aria-label={`${badge.count} finding${badge.count === 1 ? '' : 's'}: ${badge.kinds.join(', ')}`} title={badge.kinds.join(', ')}>
            ▲ {badge.count}
          </span>
        ) : null}
      </td>
    </tr>
  );
}
