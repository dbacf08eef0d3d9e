// Detecting a send timestamp in JSON messages, for delivery lag: a field whose value reads as an
// epoch time (ms, seconds, or an ISO 8601 string with a zone) close to the receive time. "Close"
// is a median distance under LAG_MAX_MEDIAN_MS over the sample, which rules out fields like the
// creation time of an old record.

import { forEachLeaf } from './json-fields';
import { FIELD_MIN_PRESENCE, LAG_MAX_MEDIAN_MS } from './thresholds';

export type TimestampUnit = 'ms' | 's' | 'iso';

const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A field value as epoch ms, with how it was read; undefined when it is no timestamp. */
export function timestampValue(v: unknown): { ms: number; unit: TimestampUnit } | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v >= 1e12 && v < 1e14) return { ms: v, unit: 'ms' };
    if (v >= 1e9 && v < 1e11) return { ms: v * 1000, unit: 's' };
    return undefined;
  }
  if (typeof v === 'string' && v.length <= 40 && ISO.test(v)) {
    const ms = Date.parse(v);
    return Number.isFinite(ms) ? { ms, unit: 'iso' } : undefined;
  }
  return undefined;
}

export interface TimestampSample {
  value: unknown;
  /** Receive time. */
  t: number;
}

export function detectTimestampField(samples: readonly TimestampSample[]): { path: string; unit: TimestampUnit } | undefined {
  const deltas = new Map<string, { unit: TimestampUnit; d: number[] }>();
  for (const s of samples) {
    forEachLeaf(s.value, (path, leaf) => {
      const ts = timestampValue(leaf);
      if (!ts) return;
      let c = deltas.get(path);
      if (!c) deltas.set(path, (c = { unit: ts.unit, d: [] }));
      c.d.push(Math.abs(s.t - ts.ms));
    });
  }
  let best: { path: string; unit: TimestampUnit } | undefined;
  let bestMedian = Infinity;
  for (const [path, c] of deltas) {
    if (c.d.length < Math.max(2, samples.length * FIELD_MIN_PRESENCE)) continue;
    c.d.sort((a, b) => a - b);
    const median = c.d[c.d.length >> 1]!;
    if (median > LAG_MAX_MEDIAN_MS) continue;
    if (median < bestMedian || (median === bestMedian && best !== undefined && path < best.path)) {
      best = { path, unit: c.unit };
      bestMedian = median;
    }
  }
  return best;
}
