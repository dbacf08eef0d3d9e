import { Component } from 'preact';
import type { EventRow } from '../../shared/model';
import { directionArrow, eventPreview, formatBytes, formatTime, sseLabel } from '../format';

interface Props {
  event: EventRow;
  showSse: boolean;
  /** The event a selected finding points at. */
  focused: boolean;
}

/**
 * One event row. Stored rows never change and the store keeps their identity, so a live update
 * re-renders only the new rows, not the up-to-2000 already shown.
 */
export class MessageItem extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    return next.event !== this.props.event || next.showSse !== this.props.showSse || next.focused !== this.props.focused;
  }

  override render({ event: e, showSse, focused }: Props) {
    return (
      <tr
        class={`msg msg-${e.type} ${e.direction ? `dir-${e.direction}` : ''}${focused ? ' focused' : ''}`}
        data-testid="message-row"
        data-seq={e.seq}
        aria-current={focused ? 'true' : undefined}
      >
        <td class="time">{formatTime(e.t)}</td>
        <td class="dir" aria-label={e.direction === 'out' ? 'sent' : e.direction === 'in' ? 'received' : e.type}>
          {directionArrow(e)}
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
}
