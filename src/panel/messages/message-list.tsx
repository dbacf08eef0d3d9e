// The selected connection's messages as a virtual list over the WHOLE connection (seq 1 …
// lastSeq, or the filter's matches): only the visible rows exist in the DOM, and their events
// are read from IndexedDB by page as they come into view (event-window.ts). The scroller holds
// a window of at most MAX_VIRTUAL_ROWS of them (row-window.ts: browsers cap an element's
// height), the newest by default; bars at its edges and navigation move it.

import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { ConnectionRow } from '../../contracts/model';
import type { EventWindow } from './event-window';
import type { Query } from './message-filter';
import { baseShowing, followBase, maxRowsFrom, scrollTopAfterShift, shiftBase, windowAt } from './row-window';
import { MessageItem, type TimeMode } from './message-item';
import type { ProtocolLabel } from './protocol-label';
import { useVirtualizer } from './use-virtualizer';

/** Fixed row height (px): DevTools-dense, and no measuring. Keep in sync with panel.css `.msg`. */
export const ROW_HEIGHT = 18;
/** Height (px) of the "Show earlier / later rows" bars at the window's edges. */
export const EDGE_HEIGHT = 24;

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
  /** Per seq: what never arrived before that event. */
  gapMarkers?: ReadonlyMap<number, string>;
  /** Protocol labels by seq, when the connection's protocol is known (adds the Type and Name columns). */
  labels?: ReadonlyMap<number, ProtocolLabel> | undefined;
  timeMode: TimeMode;
  onToggleTime: () => void;
  query: Query;
  onSelect: (seq: number, open: boolean) => void;
  onKeyDown: (e: KeyboardEvent) => void;
  emptyText: string;
}

export function MessageList(p: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // `?maxRows=N` on the panel page shrinks the window (tests cross windows with a few thousand rows).
  const maxRows = useMemo(() => maxRowsFrom(globalThis.location?.search ?? ''), []);
  const [sticking, setSticking] = useState(true);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  /** The window's first row (an index into the whole list); follows the tail while sticking. */
  const base = useRef(0);
  base.current = followBase(base.current, p.count, maxRows, sticking);
  const w = windowAt(base.current, p.count, maxRows);
  const padStart = w.earlier > 0 ? EDGE_HEIGHT : 0;
  const v = useVirtualizer({ count: w.size, rowHeight: ROW_HEIGHT, scrollRef: scroller, paddingStart: padStart, paddingEnd: w.later > 0 ? EDGE_HEIGHT : 0 });
  /** A scroll to make once the moved window is rendered: a row to reveal, or a scrollTop to keep. */
  const pending = useRef<{ index: number; align: 'center' | 'auto' } | { scrollTop: number } | null>(null);
  /** The count when the user scrolled away from the bottom (for "N new"). */
  const countWhenLeft = useRef(0);
  const shownFocus = useRef<number | null>(null);
  const isSse = p.connection.kind === 'eventsource';

  // Another connection opens at its live end (a finding's focus, applied below, may override it).
  const shownConnection = useRef(p.connection.id);
  useLayoutEffect(() => {
    if (shownConnection.current === p.connection.id) return;
    shownConnection.current = p.connection.id;
    setSticking(true);
  }, [p.connection.id]);

  // The window moved: scroll once its rows are in the DOM.
  useLayoutEffect(() => {
    const job = pending.current;
    const el = scroller.current;
    if (!job || !el) return;
    pending.current = null;
    if ('scrollTop' in job) el.scrollTop = job.scrollTop;
    else v.scrollToIndex(job.index - w.base, { align: job.align });
  });

  // Live: stay at the bottom as rows are added, unless the user scrolled up.
  useLayoutEffect(() => {
    if (sticking && w.size > 0) v.scrollToIndex(w.size - 1, { align: 'end' });
  }, [p.count, sticking, p.connection.id]);

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
    reveal(i, 'center');
  }, [p.focusSeq, p.count]);

  // The selection moved (keyboard): keep it in view, moving the window if it left it.
  useLayoutEffect(() => {
    if (p.selectedSeq === null) return;
    const i = p.indexOf(p.selectedSeq);
    if (i < 0) return;
    if (i < w.base || i >= w.base + w.size) return reveal(i, 'auto');
    const item = v.getVirtualItems();
    const first = item[0]?.index ?? 0;
    const last = item.at(-1)?.index ?? 0;
    const local = i - w.base;
    if (local <= first || local >= last) v.scrollToIndex(local, { align: 'auto' });
  }, [p.selectedSeq]);

  const items = v.getVirtualItems();
  const seqs = items.map((it) => p.seqAt(w.base + it.index));

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

  /** Scrolls row `index` of the whole list into view, moving the window first if it is outside. */
  function reveal(index: number, align: 'center' | 'auto'): void {
    const next = baseShowing(index, w.base, p.count, maxRows);
    if (next === w.base) {
      v.scrollToIndex(index - w.base, { align });
      return;
    }
    leaveBottom();
    base.current = next;
    pending.current = { index, align };
    rerender(0);
  }

  /** "Show earlier / later rows": half a window further, the rows in view staying in place. */
  function shift(direction: 'earlier' | 'later'): void {
    const el = scroller.current;
    if (!el) return;
    const to = windowAt(shiftBase(w.base, direction, p.count, maxRows), p.count, maxRows);
    leaveBottom();
    base.current = to.base;
    pending.current = { scrollTop: scrollTopAfterShift(el.scrollTop, w, to, ROW_HEIGHT, EDGE_HEIGHT) };
    // The bar that was clicked may be gone: keep the keyboard on the list.
    el.focus({ preventScroll: true });
    rerender(0);
  }

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    // The bottom of a window with later rows is not the live end.
    const atBottom = w.later === 0 && el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT;
    if (atBottom && !sticking) setSticking(true);
    else if (!atBottom && sticking) leaveBottom();
  };
  // Enter / Space on a bar activate it; they must not reach the list's keyboard (Enter opens the detail).
  const keepKeys = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') e.stopPropagation();
  };

  const newRows = sticking ? 0 : Math.max(0, p.count - countWhenLeft.current);
  const showProtocol = p.labels !== undefined;
  const cols = `msg-cols${isSse ? ' msg-cols-sse' : showProtocol ? ' msg-cols-protocol' : ''}`;
  const total = v.getTotalSize();
  return (
    <div class="messages-pane">
      <div class={`messages-grid ${cols}`} role="grid" aria-label={`Messages of ${p.connection.url}`} aria-rowcount={p.count + 1} data-testid="message-list" data-count={p.count} data-window-first={w.base} data-window-rows={w.size}>
        <div class="msg-header" role="row" aria-rowindex={1}>
          <span role="columnheader" class="time">
            <button type="button" class="link-button" onClick={p.onToggleTime} aria-label={p.timeMode === 'absolute' ? 'Time (switch to time since open)' : 'Time since open (switch to clock time)'} data-testid="time-mode">
              {p.timeMode === 'absolute' ? 'Time' : 'Since open'}
            </button>
          </span>
          <span role="columnheader" class="dir" aria-label="Direction" />
          {isSse && <span role="columnheader">Event</span>}
          {isSse && <span role="columnheader">Id</span>}
          {showProtocol && <span role="columnheader">Type</span>}
          {showProtocol && <span role="columnheader">Name</span>}
          <span role="columnheader" class="num">
            Size
          </span>
          <span role="columnheader">Data</span>
        </div>
        {/* Focusable for the keyboard: ↑/↓ select, Enter opens the detail, Esc closes it or clears the filter. */}
        <div class="messages-scroll" ref={scroller} onScroll={onScroll} role="rowgroup" aria-label="Message rows" tabIndex={0} onKeyDown={p.onKeyDown}>
          <div class="msg-rows" style={{ height: `${total}px` }} data-rows-offset={padStart}>
            {w.earlier > 0 && <RowsEdge direction="earlier" rows={w.earlier} top={0} onKeyDown={keepKeys} onShift={shift} />}
            {items.map((it, k) => {
              const seq = seqs[k]!;
              return (
                <MessageItem
                  key={seq}
                  seq={seq}
                  index={w.base + it.index}
                  top={it.start}
                  event={p.win?.get(seq)}
                  showSse={isSse}
                  showProtocol={showProtocol}
                  label={p.labels?.get(seq)}
                  selected={seq === p.selectedSeq}
                  focused={seq === p.focusSeq}
                  gapBefore={p.gapMarkers?.get(seq)}
                  timeMode={p.timeMode}
                  openedAt={p.connection.openedAt ?? p.connection.createdAt}
                  query={p.query}
                  onSelect={p.onSelect}
                />
              );
            })}
            {w.later > 0 && <RowsEdge direction="later" rows={w.later} top={total - EDGE_HEIGHT} onKeyDown={keepKeys} onShift={shift} />}
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

/** The bar at the top or bottom of the window that moves it over rows the scroller does not hold. */
function RowsEdge(p: { direction: 'earlier' | 'later'; rows: number; top: number; onKeyDown: (e: KeyboardEvent) => void; onShift: (d: 'earlier' | 'later') => void }) {
  return (
    <div class="rows-edge" role="row" style={{ top: `${p.top}px`, height: `${EDGE_HEIGHT}px` }} onKeyDown={p.onKeyDown}>
      <span role="gridcell">
        <button type="button" class="link-button" data-testid={`show-${p.direction}-rows`} data-rows={p.rows} onClick={() => p.onShift(p.direction)}>
          Show {p.direction} rows ({p.rows.toLocaleString('en-US')} more)
        </button>
      </span>
    </div>
  );
}
