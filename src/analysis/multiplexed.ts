// Multiplexed streams: one socket carrying several channels, each numbered by itself (prices and
// news, each with its own `offset`). Read as one sequence, the field jumps back and forth between
// the channels' counters and yields false resets, gaps and late arrivals; a random two-channel
// mix passes the sequence test about one time in five. A field is per-channel when some
// discriminator leaf (a string such as `channel`, `topic`, `type`) splits the sample into a few
// groups, within each of which the field never goes down and mostly steps by +1, while across the
// whole sample it does go down. Such a field is refused (the analysis then claims nothing about
// it) rather than guessed at. A single global sequence that also carries a `type` is not affected:
// split by type, its values step by more than one.

import { forEachLeaf, getPath } from './json-fields';
import { MUX_MAX_CHANNELS, SEQ_MIN_UNIT_SHARE } from './thresholds';

interface Group {
  last: number;
  steps: number;
  unit: number;
  down: number;
}

/** The discriminator path that makes `path` a per-channel numbering in `samples`, if any. */
export function perChannelDiscriminator(samples: readonly unknown[], path: string): string | undefined {
  const values = samples.map((s) => getPath(s, path));
  let globalDown = 0;
  let prev: number | undefined;
  for (const v of values) {
    if (typeof v !== 'number') continue;
    if (prev !== undefined && v < prev) globalDown++;
    prev = v;
  }
  if (globalDown === 0) return undefined;

  // Candidate discriminators: string leaves, by path, with their value per sample.
  const keys = new Map<string, (string | undefined)[]>();
  samples.forEach((s, i) => {
    forEachLeaf(s, (p, leaf) => {
      if (typeof leaf !== 'string' || p === path) return;
      let list = keys.get(p);
      if (!list) keys.set(p, (list = new Array<string | undefined>(samples.length)));
      list[i] = leaf;
    });
  });
  for (const [key, labels] of [...keys].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const groups = new Map<string, Group>();
    let ok = true;
    for (let i = 0; i < values.length && ok; i++) {
      const v = values[i];
      const label = labels[i];
      if (typeof v !== 'number') continue;
      if (label === undefined) {
        ok = false;
        break;
      }
      const g = groups.get(label);
      if (!g) {
        if (groups.size >= MUX_MAX_CHANNELS) ok = false;
        else groups.set(label, { last: v, steps: 0, unit: 0, down: 0 });
        continue;
      }
      g.steps++;
      if (v === g.last + 1) g.unit++;
      if (v < g.last) g.down++;
      g.last = v;
    }
    if (!ok || groups.size < 2) continue;
    let steps = 0;
    let unit = 0;
    let down = 0;
    for (const g of groups.values()) {
      steps += g.steps;
      unit += g.unit;
      down += g.down;
    }
    if (down === 0 && steps > 0 && unit >= steps * SEQ_MIN_UNIT_SHARE) return key;
  }
  return undefined;
}
