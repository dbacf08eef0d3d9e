// The timeline's model: one row per lineage (a connection and the sockets that replaced it) or per
// lone connection, with open spans, gaps while disconnected, reconnect attempts, close and findings
// markers, and message density. Everything comes from connection rows and the background's
// analysis (1-s rate buckets): the timeline never reads events. Pure; unit-tested.

import { ABNORMAL_CLOSE_CODES } from '../../analysis/close-codes';
import type { ConnectionRow } from '../../contracts/model';
import type { LogConnectionStats, LogFinding } from '../../contracts/session-log-format';
import type { Lineage } from '../store';

export interface TimeWindow {
  start: number;
  end: number;
}

export type SpanPhase = 'connecting' | 'open';
export type CloseKind = 'clean' | 'abnormal' | 'ended';

export interface TimelineSpan {
  connectionId: string;
  phase: SpanPhase;
  from: number;
  to: number;
}

export interface DensityBucket {
  from: number;
  to: number;
  /** Messages (in + out) in [from, to). */
  count: number;
}

export interface TimelineRow {
  key: string;
  /** The URL of the row's connections (a lineage reconnects to one endpoint). */
  url: string;
  kind: ConnectionRow['kind'];
  /** Clicking the row selects this connection: the newest attempt. */
  connectionId: string;
  connectionIds: string[];
  spans: TimelineSpan[];
  /** While the lineage had no socket: from one attempt's close to the next one's creation. */
  gaps: Array<{ from: number; to: number }>;
  /** Creation of attempts 2, 3, … */
  attempts: Array<{ t: number; connectionId: string; attempt: number }>;
  closes: Array<{ t: number; connectionId: string; kind: CloseKind; code?: number }>;
  findings: Array<{ t: number; id: string; severity: LogFinding['severity']; kind: string; connectionId: string }>;
  density: DensityBucket[];
  /** EventSource reconnects done by the browser on one object (their times are in its events only). */
  selfReconnects: number;
}

export interface TimelineInput {
  connections: readonly ConnectionRow[];
  lineages: Readonly<Record<string, Lineage>>;
  stats: Readonly<Record<string, LogConnectionStats>>;
  findings: readonly LogFinding[];
  now: number;
}

export function closeKind(c: ConnectionRow): CloseKind | null {
  if (c.state !== 'closed' && c.closedAt === undefined) return null;
  if (c.close) return c.close.wasClean && !ABNORMAL_CLOSE_CODES.has(c.close.code) ? 'clean' : 'abnormal';
  if (c.closeCall) return 'clean'; // EventSource.close(): no close frame, the page ended it
  if (c.ended) return 'ended'; // the page was left or the tab closed
  return 'abnormal';
}

/** Where the connection's own lifetime ends on the timeline. */
function endOf(c: ConnectionRow, now: number): number {
  return c.closedAt ?? (c.state === 'closed' ? Math.max(c.openedAt ?? c.createdAt, c.createdAt) : now);
}

function densityOf(c: ConnectionRow, stats: LogConnectionStats | undefined, now: number): DensityBucket[] {
  const total = c.messagesIn + c.messagesOut;
  if (total === 0) return [];
  const rates = stats?.rates ?? [];
  const bucketed = rates.reduce((n, r) => n + r.messagesIn + r.messagesOut, 0);
  const out: DensityBucket[] = rates.filter((r) => r.messagesIn + r.messagesOut > 0).map((r) => ({ from: r.t, to: r.t + 1000, count: r.messagesIn + r.messagesOut }));
  // The live analysis carries only the last minute of buckets: spread what came before evenly
  // over the time not covered (a cheap estimate, drawn the same way; the export has the rest).
  const rest = total - bucketed;
  const from = c.openedAt ?? c.createdAt;
  const to = Math.min(out[0]?.from ?? endOf(c, now), endOf(c, now));
  if (rest > 0 && to > from) out.unshift({ from, to, count: rest });
  return out;
}

/** Rows in order of their first connection's creation. */
export function timelineRows(input: TimelineInput): TimelineRow[] {
  const ordered = [...input.connections].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const present = new Set(ordered.map((c) => c.id));
  const groups = new Map<string, ConnectionRow[]>();
  for (const c of ordered) {
    const l = input.lineages[c.id];
    // A lineage whose first socket is not shown (e.g. an earlier load) starts at the first one that is.
    const key = l && present.has(l.lineageId) ? l.lineageId : c.id;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()].map(([key, members]) => rowOf(key, members, input));
}

function rowOf(key: string, members: ConnectionRow[], input: TimelineInput): TimelineRow {
  const spans: TimelineSpan[] = [];
  const gaps: TimelineRow['gaps'] = [];
  const attempts: TimelineRow['attempts'] = [];
  const closes: TimelineRow['closes'] = [];
  const density: DensityBucket[] = [];
  members.forEach((c, i) => {
    const end = endOf(c, input.now);
    const opened = c.openedAt;
    if (opened === undefined) spans.push({ connectionId: c.id, phase: 'connecting', from: c.createdAt, to: end });
    else {
      if (opened > c.createdAt) spans.push({ connectionId: c.id, phase: 'connecting', from: c.createdAt, to: opened });
      spans.push({ connectionId: c.id, phase: 'open', from: opened, to: end });
    }
    if (i > 0) attempts.push({ t: c.createdAt, connectionId: c.id, attempt: input.lineages[c.id]?.attempt ?? i + 1 });
    const kind = closeKind(c);
    if (kind) closes.push({ t: end, connectionId: c.id, kind, ...(c.close ? { code: c.close.code } : {}) });
    const next = members[i + 1];
    if (next && kind && next.createdAt > end) gaps.push({ from: end, to: next.createdAt });
    density.push(...densityOf(c, input.stats[c.id], input.now));
  });
  const ids = new Set(members.map((c) => c.id));
  const findings: TimelineRow['findings'] = [];
  for (const f of input.findings) {
    const hit = f.connectionIds.find((id) => ids.has(id));
    if (hit !== undefined) findings.push({ t: f.t, id: f.id, severity: f.severity, kind: f.kind, connectionId: hit });
  }
  const last = members[members.length - 1]!;
  return {
    key,
    url: members[0]!.url,
    kind: members[0]!.kind,
    connectionId: last.id,
    connectionIds: members.map((c) => c.id),
    spans,
    gaps,
    attempts,
    closes,
    findings,
    density,
    selfReconnects: members.reduce((n, c) => n + c.reconnects, 0),
  };
}

/** Everything the rows cover, with a little room on both sides; at least one second. */
export function fullWindow(rows: readonly TimelineRow[], now: number): TimeWindow {
  let start = Infinity;
  let end = -Infinity;
  for (const r of rows) {
    for (const s of r.spans) {
      start = Math.min(start, s.from);
      end = Math.max(end, s.to);
    }
    for (const f of r.findings) {
      start = Math.min(start, f.t);
      end = Math.max(end, f.t);
    }
  }
  if (!Number.isFinite(start)) return { start: now - 1000, end: now };
  const span = Math.max(1000, end - start);
  return { start: start - span * 0.01, end: start + span * 1.02 };
}

export const MIN_WINDOW_MS = 50;

/**
 * Zooms by `factor` (< 1 zooms in) keeping `anchor` (a time) where it is on screen, and never
 * narrower than MIN_WINDOW_MS or wider than `bounds`.
 */
export function zoomWindow(w: TimeWindow, factor: number, anchor: number, bounds: TimeWindow): TimeWindow {
  const boundsSpan = bounds.end - bounds.start;
  const span = Math.min(boundsSpan, Math.max(MIN_WINDOW_MS, (w.end - w.start) * factor));
  const ratio = w.end > w.start ? (anchor - w.start) / (w.end - w.start) : 0.5;
  return clampWindow({ start: anchor - ratio * span, end: anchor - ratio * span + span }, bounds);
}

/** Moves a window by `deltaMs`, inside `bounds`. */
export function panWindow(w: TimeWindow, deltaMs: number, bounds: TimeWindow): TimeWindow {
  return clampWindow({ start: w.start + deltaMs, end: w.end + deltaMs }, bounds);
}

function clampWindow(w: TimeWindow, bounds: TimeWindow): TimeWindow {
  const span = Math.min(w.end - w.start, bounds.end - bounds.start);
  let start = Math.max(bounds.start, Math.min(w.start, bounds.end - span));
  if (!Number.isFinite(start)) start = bounds.start;
  return { start, end: start + span };
}

/** x in [0, width] for a time in the window (outside times land outside the range). */
export function toX(t: number, w: TimeWindow, width: number): number {
  return ((t - w.start) / (w.end - w.start)) * width;
}

/**
 * Density in screen bins of `binPx` pixels: each bucket's count is split over the bins it overlaps
 * (in proportion), so zooming out adds counts up instead of dropping buckets.
 */
export function densityBins(buckets: readonly DensityBucket[], w: TimeWindow, width: number, binPx = 3): number[] {
  const n = Math.max(1, Math.ceil(width / binPx));
  const bins = new Array<number>(n).fill(0);
  const msPerBin = ((w.end - w.start) / width) * binPx;
  for (const b of buckets) {
    if (b.to <= w.start || b.from >= w.end || b.count <= 0) continue;
    const dur = Math.max(1, b.to - b.from);
    const first = Math.max(0, Math.floor((b.from - w.start) / msPerBin));
    const last = Math.min(n - 1, Math.floor((Math.min(b.to, w.end) - 1 - w.start) / msPerBin));
    for (let i = first; i <= last; i++) {
      const binFrom = w.start + i * msPerBin;
      const overlap = Math.min(b.to, binFrom + msPerBin) - Math.max(b.from, binFrom);
      if (overlap > 0) bins[i]! += (b.count * overlap) / dur;
    }
  }
  return bins;
}

/** A few round tick times for the axis (1, 2, 5 × 10^k ms), about `targetCount` of them. */
export function axisTicks(w: TimeWindow, targetCount = 6): number[] {
  const span = w.end - w.start;
  if (!(span > 0)) return [];
  const raw = span / targetCount;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: number[] = [];
  for (let t = Math.ceil(w.start / step) * step; t <= w.end; t += step) ticks.push(t);
  return ticks;
}
