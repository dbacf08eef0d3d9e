// Detecting a sequence number in JSON messages: a numeric field, top-level or nested, present in
// enough of the sampled messages, that mostly increases and mostly by exactly +1 (a counter that
// goes up and down, like "users online", does not qualify; a sequence with a few gaps or late
// arrivals in the sample does).

import { forEachLeaf } from './json-fields';
import { perChannelDiscriminator } from './multiplexed';
import { FIELD_MIN_PRESENCE, SEQ_FIELD_MIN_INCREASING_SHARE, SEQ_MIN_UNIT_SHARE, SEQ_MIN_UNIT_STEPS } from './thresholds';

interface Candidate {
  present: number;
  last: number;
  steps: number;
  increasing: number;
  unit: number;
}

/** The path of the field that counts messages in `samples` (parsed JSON payloads, in order). */
export function detectSequenceField(samples: readonly unknown[]): string | undefined {
  const candidates = new Map<string, Candidate>();
  for (const sample of samples) {
    forEachLeaf(sample, (path, v) => {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) return;
      const c = candidates.get(path);
      if (!c) {
        candidates.set(path, { present: 1, last: v, steps: 0, increasing: 0, unit: 0 });
        return;
      }
      c.present++;
      c.steps++;
      if (v > c.last) c.increasing++;
      if (v === c.last + 1) c.unit++;
      c.last = v;
    });
  }
  let best: string | undefined;
  let bestUnit = 0;
  for (const [path, c] of candidates) {
    if (c.present < samples.length * FIELD_MIN_PRESENCE) continue;
    if (c.unit < SEQ_MIN_UNIT_STEPS || c.increasing < c.steps * SEQ_FIELD_MIN_INCREASING_SHARE || c.unit < c.increasing * SEQ_MIN_UNIT_SHARE) continue;
    // Numbered per channel (prices and news each with its own offset): not one sequence.
    if (perChannelDiscriminator(samples, path) !== undefined) continue;
    const better = best === undefined || c.unit > bestUnit ||
      (c.unit === bestUnit && (depth(path) < depth(best) || (depth(path) === depth(best) && path < best)));
    if (better) {
      best = path;
      bestUnit = c.unit;
    }
  }
  return best;
}

function depth(path: string): number {
  let n = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 46) n++;
  return n;
}

/** A sequence value read from a field, or NaN. */
export function sequenceValue(v: unknown): number {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^\d{1,15}$/.test(v)) return Number(v);
  return Number.NaN;
}
