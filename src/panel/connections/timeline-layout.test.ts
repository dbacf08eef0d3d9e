import { describe, expect, it } from 'vitest';
import type { LogFinding } from '../../contracts/session-log-format';
import { connRow } from '../test-fixtures';
import { axisTicks, closeKind, densityBins, fullWindow, panWindow, timelineRows, toX, zoomWindow, type TimelineInput } from './timeline-layout';

const T = 1_000_000;
// A lineage: attempt 1 dropped (1006), attempt 2 opens 500 ms later and is still open; plus an SSE.
const first = connRow('w1', { createdAt: T, openedAt: T + 20, closedAt: T + 1000, state: 'closed', close: { code: 1006, reason: '', wasClean: false }, messagesIn: 3 });
const second = connRow('w2', { createdAt: T + 1500, openedAt: T + 1510, state: 'open', messagesIn: 0 });
const sse = connRow('s1', { kind: 'eventsource', url: 'http://h/sse', createdAt: T + 100, openedAt: T + 100, closedAt: T + 3000, state: 'closed', closeCall: { t: T + 3000 }, reconnects: 2, messagesIn: 10 });
const finding: LogFinding = { id: 'f1', kind: 'abnormal-close', severity: 'warning', t: T + 1000, connectionIds: ['w1'], message: 'dropped', evidence: {} };

const input = (over: Partial<TimelineInput> = {}): TimelineInput => ({
  connections: [second, sse, first],
  lineages: { w1: { lineageId: 'w1', attempt: 1 }, w2: { lineageId: 'w1', attempt: 2 } },
  stats: {},
  findings: [finding],
  now: T + 4000,
  ...over,
});

describe('timelineRows', () => {
  it('puts a lineage on one row with spans, the gap between attempts, the attempt and close markers', () => {
    const rows = timelineRows(input());
    expect(rows.map((r) => r.key)).toEqual(['w1', 's1']);
    const [lineage] = rows;
    expect(lineage!.connectionIds).toEqual(['w1', 'w2']);
    expect(lineage!.connectionId).toBe('w2'); // a click on the row selects the newest attempt
    expect(lineage!.spans).toEqual([
      { connectionId: 'w1', phase: 'connecting', from: T, to: T + 20 },
      { connectionId: 'w1', phase: 'open', from: T + 20, to: T + 1000 },
      { connectionId: 'w2', phase: 'connecting', from: T + 1500, to: T + 1510 },
      { connectionId: 'w2', phase: 'open', from: T + 1510, to: T + 4000 }, // still open: up to now
    ]);
    expect(lineage!.gaps).toEqual([{ from: T + 1000, to: T + 1500 }]);
    expect(lineage!.attempts).toEqual([{ t: T + 1500, connectionId: 'w2', attempt: 2 }]);
    expect(lineage!.closes).toEqual([{ t: T + 1000, connectionId: 'w1', kind: 'abnormal', code: 1006 }]);
    expect(lineage!.findings).toEqual([{ t: T + 1000, id: 'f1', severity: 'warning', kind: 'abnormal-close', connectionId: 'w1' }]);
  });

  it('gives lone connections their own row; EventSource.close() is a clean end', () => {
    const row = timelineRows(input()).find((r) => r.key === 's1')!;
    expect(row.closes).toEqual([{ t: T + 3000, connectionId: 's1', kind: 'clean' }]);
    expect(row.selfReconnects).toBe(2);
    expect(row.gaps).toEqual([]);
  });

  it('starts a lineage at its first shown socket when the earlier ones are not shown', () => {
    const rows = timelineRows(input({ connections: [second] }));
    expect(rows.map((r) => [r.key, r.connectionIds])).toEqual([['w2', ['w2']]]);
  });

  it('uses the analysis’ 1-s buckets for density and spreads older messages evenly', () => {
    const stats = { s1: { connectionId: 's1', rates: [{ t: T + 2000, messagesIn: 4, messagesOut: 0, bytesIn: 0, bytesOut: 0 }] } };
    const row = timelineRows(input({ stats })).find((r) => r.key === 's1')!;
    expect(row.density).toEqual([
      { from: T + 100, to: T + 2000, count: 6 },
      { from: T + 2000, to: T + 3000, count: 4 },
    ]);
    const lineage = timelineRows(input())[0]!;
    expect(lineage.density).toEqual([{ from: T + 20, to: T + 1000, count: 3 }]); // no buckets: even spread
  });
});

describe('closeKind', () => {
  it('calls clean closes clean, drops and 1011 abnormal, page exits ended, open ones nothing', () => {
    expect(closeKind(connRow('a', { state: 'closed', closedAt: 1, close: { code: 1000, reason: '', wasClean: true } }))).toBe('clean');
    expect(closeKind(connRow('a', { state: 'closed', closedAt: 1, close: { code: 1011, reason: '', wasClean: true } }))).toBe('abnormal');
    expect(closeKind(connRow('a', { state: 'closed', closedAt: 1, ended: 'page-unloaded' }))).toBe('ended');
    expect(closeKind(connRow('a', { state: 'closed', closedAt: 1, kind: 'eventsource' }))).toBe('abnormal'); // failed for good
    expect(closeKind(connRow('a', { state: 'open' }))).toBeNull();
  });
});

describe('windows', () => {
  const rows = timelineRows(input());
  const full = fullWindow(rows, T + 4000);

  it('covers every span with a little room', () => {
    expect(full.start).toBeLessThan(T);
    expect(full.end).toBeGreaterThan(T + 4000);
  });

  it('zooms around the anchor, keeps the anchor in place, and stays inside the bounds', () => {
    const z = zoomWindow(full, 0.5, T + 2000, full);
    expect(z.end - z.start).toBeCloseTo((full.end - full.start) / 2);
    const before = (T + 2000 - full.start) / (full.end - full.start);
    const after = (T + 2000 - z.start) / (z.end - z.start);
    expect(after).toBeCloseTo(before);
    expect(zoomWindow(z, 10, T, full)).toEqual(full); // zooming out never goes past everything
    const tiny = zoomWindow(full, 1e-9, T, full);
    expect(tiny.end - tiny.start).toBe(50);
  });

  it('pans inside the bounds', () => {
    const z = zoomWindow(full, 0.25, T, full);
    const moved = panWindow(z, 1e9, full);
    expect(moved.end).toBeCloseTo(full.end);
    expect(moved.end - moved.start).toBeCloseTo(z.end - z.start);
  });

  it('maps times to x', () => {
    expect(toX(150, { start: 100, end: 200 }, 400)).toBe(200);
  });

  it('bins density by screen pixels, splitting buckets in proportion and keeping the total', () => {
    const w = { start: 0, end: 1000 };
    const bins = densityBins([{ from: 0, to: 500, count: 10 }, { from: 900, to: 1900, count: 10 }], w, 100, 10);
    expect(bins).toHaveLength(10);
    expect(bins.slice(0, 5)).toEqual([2, 2, 2, 2, 2]);
    expect(bins[9]).toBeCloseTo(1); // only 100 of the 1000 ms of the second bucket is in view
    expect(bins.slice(5, 9)).toEqual([0, 0, 0, 0]);
  });

  it('picks round ticks', () => {
    expect(axisTicks({ start: 0, end: 1000 }, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(axisTicks({ start: 5, end: 5 })).toEqual([]);
  });
});
