import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDuration } from '../../analysis/format';
import type { ConnectionRow } from '../../contracts/model';
import type { LogConnectionStats, LogFinding } from '../../contracts/session-log-format';
import type { Lineage } from '../store';
import { axisTicks, densityBins, fullWindow, panWindow, timelineRows, toX, zoomWindow, type TimeWindow } from './timeline-layout';
import { TimelineRowView } from './timeline-row';

interface Props {
  connections: readonly ConnectionRow[];
  lineages: Readonly<Record<string, Lineage>>;
  stats: Readonly<Record<string, LogConnectionStats>>;
  findings: readonly LogFinding[];
  selectedId: string | null;
  onSelect: (connectionId: string) => void;
  now: number;
}

const LABEL_PX = 170;
const ZOOM_STEP = 0.5;

/** Width of an element, kept current as the panel resizes. */
function useWidth<T extends HTMLElement>(): [preact.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/**
 * Connections over time. Wheel zooms around the pointer, Shift+wheel (or a horizontal wheel)
 * pans; the buttons zoom around the middle; Reset shows everything again and follows live.
 */
export function Timeline({ connections, lineages, stats, findings, selectedId, onSelect, now }: Props) {
  const [bodyRef, bodyWidth] = useWidth<HTMLDivElement>();
  // null: the whole session, growing with time; a window once the user zoomed or panned.
  const [zoomed, setZoomed] = useState<TimeWindow | null>(null);
  const rows = timelineRows({ connections, lineages, stats, findings, now });
  const bounds = fullWindow(rows, now);
  const w = zoomed ?? bounds;
  const trackWidth = Math.max(0, bodyWidth - LABEL_PX - 8);
  const densityMax = trackWidth > 0 ? Math.max(0, ...rows.flatMap((r) => densityBins(r.density, w, trackWidth))) : 0;
  const t0 = bounds.start;

  const zoomBy = (factor: number, anchor = (w.start + w.end) / 2) => {
    const next = zoomWindow(w, factor, anchor, bounds);
    setZoomed(next.start <= bounds.start && next.end >= bounds.end ? null : next);
  };
  const onWheel = (e: WheelEvent) => {
    const el = e.currentTarget as HTMLElement;
    const rect = el.getBoundingClientRect();
    const px = e.clientX - rect.left - LABEL_PX;
    if (px < 0 || trackWidth <= 0) return; // over the labels: let the list scroll
    e.preventDefault();
    const horizontal = e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
    if (horizontal) {
      const delta = (e.shiftKey ? e.deltaY : e.deltaX) * ((w.end - w.start) / trackWidth);
      setZoomed(panWindow(w, delta, bounds));
      return;
    }
    const anchor = w.start + (px / trackWidth) * (w.end - w.start);
    zoomBy(e.deltaY < 0 ? 0.8 : 1.25, anchor);
  };

  return (
    <section class="timeline" data-testid="timeline" aria-label="Timeline">
      <div class="timeline-bar">
        <span class="timeline-title">Timeline</span>
        <button type="button" class="tool-button" data-testid="timeline-zoom-in" aria-label="Zoom in" title="Zoom in (or wheel over the tracks)" onClick={() => zoomBy(ZOOM_STEP)}>
          +
        </button>
        <button type="button" class="tool-button" data-testid="timeline-zoom-out" aria-label="Zoom out" title="Zoom out" disabled={zoomed === null} onClick={() => zoomBy(1 / ZOOM_STEP)}>
          −
        </button>
        <button type="button" class="tool-button" data-testid="timeline-reset" aria-label="Reset zoom" title="Show the whole session" disabled={zoomed === null} onClick={() => setZoomed(null)}>
          Reset
        </button>
        <span class="timeline-range" data-testid="timeline-range" data-start={Math.round(w.start)} data-end={Math.round(w.end)}>
          {formatDuration(w.end - w.start)} shown
        </span>
        <span class="timeline-legend" aria-hidden="true">
          <span class="lg lg-open" /> open <span class="lg lg-connecting" /> connecting <span class="lg lg-gap" /> disconnected <span class="lg lg-close-clean" /> clean close{' '}
          <span class="lg lg-close-abnormal" /> abnormal <span class="lg lg-finding" /> finding
        </span>
      </div>
      <div class="timeline-body" ref={bodyRef} onWheel={onWheel}>
        <div class="timeline-axis" aria-hidden="true" style={{ marginLeft: `${LABEL_PX}px` }}>
          {trackWidth > 0 &&
            // Round steps from the session's start, not from the epoch.
            axisTicks({ start: w.start - t0, end: w.end - t0 }, Math.max(2, Math.floor(trackWidth / 90))).map((rel) => (
              <span key={rel} class="tick" style={{ left: `${toX(rel + t0, w, trackWidth)}px` }}>
                {formatDuration(rel)}
              </span>
            ))}
        </div>
        {rows.map((row) => (
          <TimelineRowView key={row.key} row={row} window={w} width={trackWidth} selectedId={selectedId} densityMax={densityMax} onSelect={onSelect} />
        ))}
      </div>
    </section>
  );
}
