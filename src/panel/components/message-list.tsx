// The selected connection's messages as a virtual list over the WHOLE connection (seq 1 …
// lastSeq, or the filter's matches): only the visible rows exist in the DOM, and their events
// are read from IndexedDB by page as they come into view (event-window.ts).

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ConnectionRow } from '../../shared/model';
import type { EventWindow } from '../event-window';
import type { Query } from '../message-filter';
import { MessageItem, type TimeMode } from './message-item';
import { useVirtualizer } from './use-virtualizer';

/** Fixed row height (px): DevTools-dense, and no measuring. Keep in sync with panel.css `.msg`. */
export const ROW_HEIGHT = 18;

interface Props {
  connection: ConnectionRow;
  /** Rows in the list (all events, or the filter's matches so far). */
  count: number;
  /** The seq shown at a row index. */
  seqAt: (index: number) => number;
  /** The row index of a seq, or -1 when it is not in the list (filtered out). */
  indexOf: (seq: number) => number;
  win: EventWindow | null;
  /** Changes when rows land in the window (re-render). */
  version: number;
  selectedSeq: number | null;
  /** The seq of the event a selected finding points at (selected and scrolled to). */
  focusSeq: number | null;
  timeMode: TimeMode;
  onToggleTime: () => void;
  query: Query;
  onSelect: (seq: number, open: boolean) => void;
  onKeyDown: (e: KeyboardEvent) => void;
  emptyText: string;
}

export function MessageList(p: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: p.count, rowHeight: ROW_HEIGHT, scrollRef: scroller });
  const [sticking, setSticking] = useState(true);
  /** The count when the user scrolled away from the bottom (for "N new"). */
  const countWhenLeft = useRef(0);
  const shownFocus = useRef<number | null>(null);
  const isSse = p.connection.kind === 'eventsource';

  // Live: stay at the bottom as rows are added, unless the user scrolled up.
  useLayoutEffect(() => {
    if (sticking && p.count > 0) v.scrollToIndex(p.count - 1, { align: 'end' });
  }, [p.count, sticking]);

  // A finding points at an event: show it (once per focus), and stop following the live end.
  useLayoutEffect(() => {
    if (p.focusSeq === null) {
      shownFocus.current = null;
      return;
    }
    if (shownFocus.current === p.focusSeq) return;
    const i = p.indexOf(p.focusSeq);
    if (i < 0) return;
    shownFocus.current = p.focusSeq;
    leaveBottom();
    v.scrollToIndex(i, { align: 'center' });
  }, [p.focusSeq, p.count]);

  // The selection moved (keyboard): keep it in view.
  useLayoutEffect(() => {
    if (p.selectedSeq === null) return;
    const i = p.indexOf(p.selectedSeq);
    if (i >= 0 && i < p.count - 1) {
      const item = v.getVirtualItems();
      const first = item[0]?.index ?? 0;
      const last = item.at(-1)?.index ?? 0;
      if (i <= first || i >= last) v.scrollToIndex(i, { align: 'auto' });
    }
  }, [p.selectedSeq]);

  const items = v.getVirtualItems();
  const seqs = items.map((it) => p.seqAt(it.index));

  // Ask the window for the rows in view (and the overscan); it re-renders us when they land.
  useEffect(() => {
    p.win?.want(seqs, p.connection.lastSeq);
  });

  // For the benchmark: when the first real rows are on screen after a selection.
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (marked.current === p.connection.id || !p.win || seqs.length === 0) return;
    if (seqs.every((s) => p.win!.get(s) !== undefined)) {
      marked.current = p.connection.id;
      performance.clearMarks('ri:first-rows');
      performance.mark('ri:first-rows');
    }
  });

  function leaveBottom(): void {
    if (sticking) countWhenLeft.current = p.count;
    setSticking(false);
  }

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT;
    if (atBottom && !sticking) setSticking(true);
    else if (!atBottom && sticking) leaveBottom();
  };

  const newRows = sticking ? 0 : Math.max(0, p.count - countWhenLeft.current);
  const cols = `msg-cols${isSse ? ' msg-cols-sse' : ''}`;
  return (
    <div class="messages-pane">
      <div class={`messages-grid ${cols}`} role="grid" aria-label={`Messages of ${p.connection.url}`} aria-rowcount={p.count + 1} data-testid="message-list" data-count={p.count}>
        <div class="msg-header" role="row" aria-rowindex={1}>
          <span role="columnheader" class="time">
            <button type="button" class="link-button" onClick={p.onToggleTime} aria-label={p.timeMode === 'absolute' ? 'Time (switch to time since open)' : 'Time since open (switch to clock time)'} data-testid="time-mode">
              {p.timeMode === 'absolute' ? 'Time' : 'Since open'}
            </button>
          </span>
          <span role="columnheader" class="dir" aria-label="Direction" />
          {isSse && <span role="columnheader">Event</span>}
          {isSse && <span role="columnheader">Id</span>}
          <span role="columnheader" class="num">
            Size
          </span>
          <span role="columnheader">Data</span>
        </div>
        {/* Focusable for the keyboard: ↑/↓ select, Enter opens the detail, Esc closes it or clears the filter. */}
        <div class="messages-scroll" ref={scroller} onScroll={onScroll} role="rowgroup" aria-label="Message rows" tabIndex={0} onKeyDown={p.onKeyDown}>
          <div class="msg-rows" style={{ height: `${v.getTotalSize()}px` }}>
            {items.map((it, k) => {
              const seq = seqs[k]!;
              return (
                <MessageItem
                  key={seq}
                  seq={seq}
                  index={it.index}
                  top={it.start}
                  event={p.win?.get(seq)}
                  showSse={isSse}
                  selected={seq === p.selectedSeq}
                  focused={seq === p.focusSeq}
                  timeMode={p.timeMode}
                  openedAt={p.connection.openedAt ?? p.connection.createdAt}
                  query={p.query}
                  onSelect={p.onSelect}
                />
              );
            })}
          </div>
          {p.count === 0 && <p class="empty">{p.emptyText}</p>}
        </div>
      </div>
      {!sticking && p.count > 0 && (
        <button type="button" class="jump-latest" data-testid="jump-latest" onClick={() => setSticking(true)}>
          {newRows > 0 ? `Jump to latest (${newRows.toLocaleString('en-US')} new)` : 'Jump to latest'}
        </button>
      )}
    </div>
  );
}
