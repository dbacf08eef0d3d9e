import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ConnectionRow, EventRow } from '../../shared/model';
import { EVENT_PAGE } from '../idb-reads';
import { MessageItem } from './message-item';

interface Props {
  connection: ConnectionRow;
  events: EventRow[];
  loading: boolean;
  hasOlder: boolean;
  onLoadOlder: () => void;
  /** The seq of the event a selected finding points at (highlighted and scrolled to once loaded). */
  focusSeq: number | null;
}

export function MessageList({ connection, events, loading, hasOlder, onLoadOlder, focusSeq }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const focusShown = useRef<number | null>(null);
  // Stick to the bottom while live, unless the user scrolled up to read or a finding points
  // at an event: then show that event once it is loaded (it may be older than the loaded page).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (focusSeq !== null && focusShown.current !== focusSeq) {
      const row = el.querySelector(`tr[data-seq="${focusSeq}"]`);
      if (row) {
        focusShown.current = focusSeq;
        atBottom.current = false;
        row.scrollIntoView({ block: 'center' });
        return;
      }
    }
    if (focusSeq === null) focusShown.current = null;
    if (atBottom.current) el.scrollTop = el.scrollHeight;
  }, [events, focusSeq]);
  const onScroll = () => {
    const el = scroller.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 4;
  };
  const isSse = connection.kind === 'eventsource';
  return (
    <div class="table-scroll messages-scroll" ref={scroller} onScroll={onScroll}>
      {hasOlder && (
        <button type="button" class="load-older" data-testid="load-older" onClick={onLoadOlder}>
          Load {EVENT_PAGE} older messages
        </button>
      )}
      <table class="grid messages" aria-label={`Messages of ${connection.url}`} data-testid="message-list">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col" aria-label="Direction" />
            {isSse && <th scope="col">Event</th>}
            <th scope="col" class="num">Size</th>
            <th scope="col">Data</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <MessageItem key={e.seq} event={e} showSse={isSse} focused={e.seq === focusSeq} />
          ))}
        </tbody>
      </table>
      {loading && <p class="empty">Reading messages…</p>}
      {!loading && events.length === 0 && <p class="empty">No messages yet.</p>}
    </div>
  );
}
