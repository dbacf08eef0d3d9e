// Per-connection statistics: message and byte rates in 1-second buckets (aligned to the epoch
// second, so connections line up), and delivery lag (receive time minus the message's own
// timestamp, payload-fields.ts) as p50 / p95 / max.

import type { ConnView } from './context';
import type { LineageFields } from './payload-fields';
import type { ConnectionStats, LagStats, RateBucket } from './types';

export function connectionStats(view: ConnView, fields: LineageFields | undefined): ConnectionStats {
  const stats: ConnectionStats = { connectionId: view.conn.id, rates: rates(view) };
  if (fields?.sequenceField) stats.sequenceField = fields.sequenceField;
  const ts = fields?.ts.get(view.conn.id);
  if (ts && fields?.timestampField) {
    const lag = lagStats(view, ts);
    if (lag) stats.lag = { ...lag, path: fields.timestampField.path, source: fields.timestampField.source, unit: fields.timestampField.unit };
  }
  return stats;
}

function rates(view: ConnView): RateBucket[] {
  const buckets = new Map<number, RateBucket>();
  let cur: RateBucket | undefined;
  for (const ev of view.events) {
    if (ev.type !== 'message') continue;
    const start = Math.floor(ev.t / 1000) * 1000;
    if (!cur || cur.t !== start) {
      cur = buckets.get(start);
      if (!cur) buckets.set(start, (cur = { t: start, messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 }));
    }
    if (ev.direction === 'out') {
      cur.messagesOut++;
      cur.bytesOut += ev.size;
    } else {
      cur.messagesIn++;
      cur.bytesIn += ev.size;
    }
  }
  return [...buckets.values()].sort((a, b) => a.t - b.t);
}

function lagStats(view: ConnView, ts: Float64Array): Pick<LagStats, 'count' | 'p50' | 'p95' | 'max'> | undefined {
  const lags = new Float64Array(ts.length);
  let n = 0;
  const events = view.events;
  for (let i = 0; i < ts.length; i++) {
    const v = ts[i]!;
    if (!Number.isNaN(v)) lags[n++] = events[i]!.t - v;
  }
  if (n === 0) return undefined;
  const sorted = lags.subarray(0, n).sort();
  return { count: n, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted[n - 1]! };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}
