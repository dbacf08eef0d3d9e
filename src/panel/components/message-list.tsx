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
}

export function MessageList({ connection, events, loading, hasOlder, onLoadOlder }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  // Stick to the bottom while live, unless the user scrolled up to read.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [events]);
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
            <MessageItem key={e.seq} event={e} showSse={isSse} />
          ))}
        </tbody>
      </table>
      {loading && <p class="empty">Reading messages…</p>}
      {!loading && events.length === 0 && <p class="empty">No messages yet.</p>}
    </div>
  );
}
