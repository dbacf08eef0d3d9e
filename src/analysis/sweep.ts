// Sweep over time intervals: episodes during which at least `threshold` intervals overlap, with
// every interval that took part, in O(n log n).

export interface Interval<T> {
  start: number;
  end: number;
  item: T;
}

export interface Episode<T> {
  start: number;
  /** When the count fell below the threshold again; Infinity while it still holds. */
  end: number;
  max: number;
  /** Every interval active at some point of the episode, in start order. */
  members: T[];
}

/**
 * `onStart` is called for each interval as it starts, with the intervals already active then
 * (only when at least `threshold` of them are, to keep the sweep linear in normal sessions).
 */
export function sweep<T>(intervals: readonly Interval<T>[], threshold: number, onStart?: (item: T, active: T[]) => void): Episode<T>[] {
  const points: { t: number; start: boolean; i: number }[] = [];
  intervals.forEach((iv, i) => {
    if (!(iv.end > iv.start)) return;
    points.push({ t: iv.start, start: true, i }, { t: iv.end, start: false, i });
  });
  // At equal times a slot is freed before it is taken again.
  points.sort((a, b) => a.t - b.t || (a.start === b.start ? a.i - b.i : a.start ? 1 : -1));
  const active = new Set<number>();
  const out: Episode<T>[] = [];
  let ep: { start: number; max: number; members: Set<number> } | undefined;
  for (const p of points) {
    if (p.start) {
      if (onStart && active.size >= threshold) onStart(intervals[p.i]!.item, [...active].map((i) => intervals[i]!.item));
      active.add(p.i);
      if (ep) {
        ep.members.add(p.i);
        ep.max = Math.max(ep.max, active.size);
      } else if (active.size >= threshold) {
        ep = { start: p.t, max: active.size, members: new Set(active) };
      }
    } else {
      active.delete(p.i);
      if (ep && active.size < threshold) {
        out.push(finish(ep, p.t, intervals));
        ep = undefined;
      }
    }
  }
  if (ep) out.push(finish(ep, Infinity, intervals));
  return out;
}

function finish<T>(ep: { start: number; max: number; members: Set<number> }, end: number, intervals: readonly Interval<T>[]): Episode<T> {
  const members = [...ep.members].sort((a, b) => intervals[a]!.start - intervals[b]!.start || a - b).map((i) => intervals[i]!.item);
  return { start: ep.start, end, max: ep.max, members };
}
