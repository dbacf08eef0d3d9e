// The selected connection's messages: filter bar, virtual list, detail pane, and their keyboard.
// Filter state is local to this view (it resets with the connection); matching runs in the
// filter worker, and the list shows the matches found so far by index.

import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { ConnectionRow } from '../../contracts/model';
import { usePanel } from '../panel-context';
import { copyText, rawText } from './copy-message';
import { NO_FILTER, isFiltering, parseQuery, type FilterSpec } from './message-filter';
import { rowSource } from './row-window';
import { MessageDetail } from './message-detail';
import type { TimeMode } from './message-item';
import { MessageList } from './message-list';
import { FilterBar } from './filter-bar';
import { useProtocolOverrides } from './use-protocol-overrides';
import { protocolOverride } from '../../analysis/protocol-messages';

interface Props {
  connection: ConnectionRow;
  focusSeq: number | null;
  /** Per seq: what never arrived before that event (src/analysis/gap-markers.ts). */
  gapMarkers?: ReadonlyMap<number, string>;
}

export function MessagesView({ connection, focusSeq, gapMarkers }: Props) {
  const { controller } = usePanel();
  const [spec, setSpec] = useState<FilterSpec>(NO_FILTER);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const [detailOpen, setDetailOpen] = useState(false);
  const [timeMode, setTimeMode] = useState<TimeMode>('absolute');
  const [, filterChanged] = useReducer((n: number) => n + 1, 0);
  const runner = useMemo(() => controller.createFilter(() => filterChanged(0)), [controller]);
  useEffect(() => () => runner.close(), [runner]);
  // A second scan, always on for WebSockets: the protocol labels of the Type and Name columns.
  const labeler = useMemo(() => controller.createFilter(() => filterChanged(0)), [controller]);
  useEffect(() => () => labeler.close(), [labeler]);
  const input = useRef<HTMLInputElement>(null);
  const win = controller.events.value;
  const version = controller.eventsVersion.value;
  const total = connection.lastSeq;
  const query = parseQuery(spec.text);
  const filtering = isFiltering(spec);

  // A new connection: its own selection, an unfiltered start, and a mark for the benchmark.
  useEffect(() => {
    setSelectedSeq(null);
    setDetailOpen(false);
    setSpec(NO_FILTER);
    performance.mark('ri:select');
  }, [connection.id]);

  // The connection goes with the spec: its decoder classifies heartbeats and protocol fields.
  const overrides = useProtocolOverrides();
  const override = protocolOverride(connection.url, overrides);
  const channel = { url: connection.url, ...(connection.protocol ? { protocol: connection.protocol } : {}), ...(override ? { override } : {}) };
  const isWebSocket = connection.kind === 'websocket';
  // (Re)start the scan when the filter changes; follow the connection as it grows.
  const specKey = JSON.stringify(spec);
  useEffect(() => {
    if (filtering) runner.start(connection.id, { ...spec, channel }, connection.lastSeq);
    else runner.stop();
    filterChanged(0);
  }, [connection.id, specKey, override]);
  // The subprotocol is known from `open`: a connection first seen connecting is labelled again then.
  useEffect(() => {
    if (isWebSocket) labeler.start(connection.id, { ...NO_FILTER, annotate: true, channel }, connection.lastSeq);
    else labeler.stop();
    filterChanged(0);
  }, [connection.id, connection.protocol ?? '', override]);
  useEffect(() => {
    if (filtering) runner.grow(connection.id, total);
    if (isWebSocket) labeler.grow(connection.id, total);
  }, [total]);
  // A third, on demand: the selected frame decoded with everything before it (stream state, names by id).
  const detailer = useMemo(() => controller.createFilter(() => filterChanged(0)), [controller]);
  useEffect(() => () => detailer.close(), [detailer]);
  const detailShown = detailOpen && selectedSeq !== null;
  useEffect(() => {
    if (detailShown && isWebSocket) detailer.start(connection.id, { ...NO_FILTER, annotate: true, channel, detailSeq: selectedSeq! }, selectedSeq!);
    else detailer.stop();
  }, [connection.id, detailShown, selectedSeq]);
  const labels = labeler.result?.labels;
  const protocol = labeler.result?.protocol ?? '';

  // A finding points at an event: select it, and drop a filter that would hide it.
  useEffect(() => {
    if (focusSeq === null) return;
    setSelectedSeq(focusSeq);
    if (filtering) setSpec(NO_FILTER);
  }, [focusSeq]);

  // Ctrl/Cmd+F focuses the filter. Captured on the window and stopped: DevTools injects a
  // document listener into extension panels that forwards Ctrl/Cmd shortcuts to DevTools itself
  // (which would open its own search and take the focus away).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        e.stopPropagation();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const matches = filtering ? (runner.result?.seqs ?? []) : null;
  const { count, seqAt, indexOf } = rowSource(total, matches);

  const move = (delta: number) => {
    if (count === 0) return;
    const at = selectedSeq === null ? -1 : indexOf(selectedSeq);
    const next = at < 0 ? (delta > 0 ? 0 : count - 1) : Math.min(count - 1, Math.max(0, at + delta));
    setSelectedSeq(seqAt(next));
  };
  /** Esc closes the detail, else clears the filter text; false when there was nothing to do. */
  const clearOrClose = (): boolean => {
    if (detailOpen) setDetailOpen(false);
    else if (spec.text !== '') setSpec((current) => ({ ...current, text: '' }));
    else return false;
    return true;
  };
  // DevTools forwards Esc from extension panels to itself (it toggles the console drawer, which
  // takes the focus): an Esc the panel used must not travel on, one it did not use should.
  const escape = (e: KeyboardEvent, handled: boolean) => {
    if (!handled) return;
    e.preventDefault();
    e.stopPropagation();
  };
  const onListKey = (e: KeyboardEvent) => {
    const page = 20;
    const handled: Record<string, () => void> = {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      PageDown: () => move(page),
      PageUp: () => move(-page),
      // Absolute, with or without a selection (move() from no selection starts at the far end).
      Home: () => count > 0 && setSelectedSeq(seqAt(0)),
      End: () => count > 0 && setSelectedSeq(seqAt(count - 1)),
      Enter: () => selectedSeq !== null && setDetailOpen(true),
    };
    if (e.key === 'Escape') return escape(e, clearOrClose());
    // Ctrl/Cmd+C on the list copies the selected message (its raw payload), like DevTools' tables.
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && selectedSeq !== null) {
      const event = win?.get(selectedSeq);
      if (event?.type === 'message') {
        e.preventDefault();
        e.stopPropagation();
        void copyText(rawText(event));
      }
      return;
    }
    const act = handled[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  };
  const onFilterKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    escape(e, spec.text !== '');
    setSpec((current) => ({ ...current, text: '' }));
  };

  const result = runner.result;
  return (
    <div class="messages-view">
      <div onKeyDown={onFilterKey}>
        <FilterBar
          spec={spec}
          onChange={(change) => setSpec((current) => ({ ...current, ...change }))}
          error={query.kind === 'invalid' ? query.error : null}
          isSse={connection.kind === 'eventsource'}
          eventNames={connection.listenedTypes ?? []}
          matches={count}
          total={total}
          scanning={filtering && !(result?.done ?? false)}
          hiddenHeartbeats={result?.hiddenHeartbeats ?? 0}
          filtering={filtering}
          protocol={protocol}
          inputRef={input}
        />
      </div>
      <div class={`messages-split${detailOpen && selectedSeq !== null ? ' with-detail' : ''}`}>
        <MessageList
          connection={connection}
          count={count}
          seqAt={seqAt}
          indexOf={indexOf}
          win={win}
          version={version}
          selectedSeq={selectedSeq}
          focusSeq={focusSeq}
          gapMarkers={gapMarkers}
          labels={protocol !== '' ? labels : undefined}
          timeMode={timeMode}
          onToggleTime={() => setTimeMode(timeMode === 'absolute' ? 'relative' : 'absolute')}
          query={query}
          onSelect={(seq, open) => {
            setSelectedSeq(seq);
            setDetailOpen(open || detailOpen);
          }}
          onKeyDown={onListKey}
          emptyText={filtering ? (result?.done ? 'No message matches the filter.' : 'Searching…') : 'No messages yet.'}
        />
        {detailOpen && selectedSeq !== null && (
          <MessageDetail
            key={selectedSeq}
            seq={selectedSeq}
            event={win?.get(selectedSeq)}
            decoded={detailer.result?.detail}
            openedAt={connection.openedAt ?? connection.createdAt}
            onClose={() => setDetailOpen(false)}
          />
        )}
      </div>
    </div>
  );
}
