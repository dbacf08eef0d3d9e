import type { EventRow } from '../../contracts/model';
import { directionArrow, eventPreview, formatBytes, formatTime, formatRelative } from '../ui/format';
import { matchRanges, splitByRanges, type Query } from './message-filter';
import type { ProtocolLabel } from './protocol-label';

export type TimeMode = 'absolute' | 'relative';

interface Props {
  seq: number;
  /** Undefined while its page is being read from IndexedDB. */
  event: EventRow | undefined;
  index: number;
  top: number;
  showSse: boolean;
  /** Type and Name columns (the connection's protocol is known). */
  showProtocol?: boolean;
  /** This frame's protocol label; undefined while the labelling scan has not reached it. */
  label?: ProtocolLabel | undefined;
  selected: boolean;
  /** The event a selected finding points at. */
  focused: boolean;
  /** What never arrived before this event ("ids 4–6 never arrived"), shown in its row. */
  gapBefore?: string | undefined;
  timeMode: TimeMode;
  /** The connection's open time, for relative times. */
  openedAt: number;
  query: Query;
  onSelect: (seq: number, open: boolean) => void;
}

const directionName = (e: EventRow) => (e.direction === 'out' ? 'sent' : e.direction === 'in' ? 'received' : e.type);

/** One row of the virtual message list, absolutely placed at `top`. */
export function MessageItem({ seq, event: e, index, top, showSse, showProtocol, label, selected, focused, gapBefore, timeMode, openedAt, query, onSelect }: Props) {
  const cls = `msg${index % 2 ? ' alt' : ''}${e ? ` msg-${e.type}${e.direction ? ` dir-${e.direction}` : ''}` : ' msg-loading'}${selected ? ' selected' : ''}${focused ? ' focused' : ''}`;
  return (
    <div
      class={cls}
      role="row"
      aria-rowindex={index + 2 /* the header is row 1 */}
      aria-selected={selected ? 'true' : 'false'}
      aria-current={focused ? 'true' : undefined}
      data-testid="message-row"
      data-seq={seq}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(seq, true)}
    >
      {e ? (
        <>
          <span role="gridcell" class="time">
            {timeMode === 'absolute' ? formatTime(e.t) : formatRelative(e.t - openedAt)}
          </span>
          <span role="gridcell" class="dir" aria-label={directionName(e)}>
            {directionArrow(e)}
          </span>
          {showSse && (
            <span role="gridcell" class="sse">
              {e.eventType ?? ''}
            </span>
          )}
          {showSse && (
            <span role="gridcell" class="sse-id">
              {e.lastEventId ?? ''}
            </span>
          )}
          {showProtocol && (
            <span role="gridcell" class={`proto-type${label?.keepalive ? ' keepalive' : ''}${label?.error ? ' not-decoded' : ''}`} data-testid="message-type" title={label?.error ? 'Not readable as this protocol: shown raw' : undefined}>
              {label?.type ?? ''}
            </span>
          )}
          {showProtocol && (
            <span role="gridcell" class="proto-name" data-testid="message-name">
              {label?.name ?? ''}
            </span>
          )}
          <span role="gridcell" class="num">
            {e.type === 'message' || e.type === 'chunk' ? formatBytes(e.size) : ''}
          </span>
          <span role="gridcell" class="data mono">
            {/* A marker inside the row, so the virtual list keeps one row per seq. */}
            {gapBefore !== undefined && (
              <span class="gap-marker" data-testid="gap-marker" title="Skipped before this event (event-id-gap)">
                {gapBefore}
              </span>
            )}
            <span data-testid="message-data">
              <Highlighted text={eventPreview(e)} query={query} />
            </span>
          </span>
        </>
      ) : (
        <span role="gridcell" class="data loading">
          #{seq} …
        </span>
      )}
    </div>
  );
}

/** The preview with the query's matches in <mark>s. Text nodes only: payloads are never markup. */
function Highlighted({ text, query }: { text: string; query: Query }) {
  const ranges = matchRanges(text, query);
  if (ranges.length === 0) return <>{text}</>;
  return (
    <>
      {splitByRanges(text, ranges).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
    </>
  );
}
