import { useEffect, useRef } from 'preact/hooks';
import type { ConnectionRow } from '../../shared/model';
import type { FindingBadge } from '../finding-badges';
import { formatBytes, formatTime, kindLabel } from '../format';
import type { Lineage } from '../store';
import { LineageMarker } from './lineage-marker';

interface Props {
  connection: ConnectionRow;
  selected: boolean;
  onSelect: (id: string) => void;
  lineage?: Lineage | undefined;
  badge?: FindingBadge | undefined;
}

export function ConnectionItem({ connection: c, selected, onSelect, lineage, badge }: Props) {
  const row = useRef<HTMLTableRowElement>(null);
  // Keyboard selection moves focus with it, so the next arrow key keeps working.
  useEffect(() => {
    if (selected && row.current && row.current.ownerDocument.activeElement?.closest('table') === row.current.closest('table')) row.current.focus();
  }, [selected]);
  const select = () => onSelect(c.id);
  return (
    <tr
      ref={row}
      class={[selected ? 'selected' : '', lineage && lineage.attempt > 1 ? 'lineage-follower' : ''].join(' ').trim() || undefined}
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
      <td class={`kind kind-${c.kind}`}>{c.kind === 'websocket' ? 'WS' : 'SSE'}</td>
      <td class="url" title={c.url}>
        <LineageMarker lineage={lineage} />
        {c.url}
      </td>
      <td class="badge-cell">
        {badge ? (
          <span class="finding-badge" data-testid="finding-badge" role="img" aria-label={`${badge.count} finding${badge.count === 1 ? '' : 's'}: ${badge.kinds.join(', ')}`} title={badge.kinds.join(', ')}>
            ▲ {badge.count}
          </span>
        ) : null}
      </td>
      <td class={`state state-${c.state}`} data-testid="connection-state">
        {c.state}
        {c.close ? ` ${c.close.code}` : ''}
        {c.reconnects > 0 ? ` · ${c.reconnects} reconnect${c.reconnects === 1 ? '' : 's'}` : ''}
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
      <td class="time">{formatTime(c.createdAt)}</td>
    </tr>
  );
}
