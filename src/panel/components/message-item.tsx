import type { EventRow } from '../../shared/model';
import { directionArrow, eventPreview, formatBytes, formatTime, sseLabel } from '../format';

export function MessageItem({ event: e, showSse }: { event: EventRow; showSse: boolean }) {
  const arrow = directionArrow(e);
  return (
    <tr class={`msg msg-${e.type} ${e.direction ? `dir-${e.direction}` : ''}`} data-testid="message-row" data-seq={e.seq}>
      <td class="time">{formatTime(e.t)}</td>
      <td class="dir" aria-label={e.direction === 'out' ? 'sent' : e.direction === 'in' ? 'received' : e.type}>
        {arrow}
      </td>
      {showSse && <td class="sse">{sseLabel(e)}</td>}
      <td class="num">{e.type === 'message' ? formatBytes(e.size) : ''}</td>
      {/* Text node only: payloads are the page's data, never markup. */}
      <td class="data mono" data-testid="message-data">
        {eventPreview(e)}
      </td>
    </tr>
  );
}
