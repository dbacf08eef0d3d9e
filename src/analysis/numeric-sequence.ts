// A numeric id stream, one value at a time, in constant work per value: the highest id so far,
// the open gaps below it (so a late arrival is "out of order", not a "duplicate"), and runs of
// consecutive duplicates or late arrivals merged into one observation.

import { ref } from './finding';
import type { Boundary, GapObservation, IdObservation, RunObservation } from './id-observations';
import { SEQ_MIN_UNIT_SHARE, SEQ_MIN_UNIT_STEPS, SSE_SEQ_MIN_UNIT_STEPS } from './thresholds';
import type { AnalysisEvent, EventRef } from './types';

interface Gap {
  from: number;
  to: number;
  obs: GapObservation;
  filled?: Set<number>;
}

/** Gaps remembered for recognising late arrivals (the oldest are forgotten beyond this). */
const MAX_TRACKED_GAPS = 10_000;

export class NumericSequence {
  /** The very first value of the stream (kept across resets). */
  initial = Number.NaN;
  base = Number.NaN;
  max = Number.NaN;
  maxRef: EventRef | undefined;
  lastRef: EventRef | undefined;
  unitSteps = 0;
  increasingSteps = 0;
  private gaps: Gap[] = [];
  private run: RunObservation | undefined;

  constructor(private readonly out: IdObservation[]) {}

  get empty(): boolean {
    return Number.isNaN(this.max);
  }

  /** The ids so far step by +1 often enough to call them a sequence. */
  get isSequence(): boolean {
    return this.unitSteps >= SEQ_MIN_UNIT_STEPS && this.unitSteps >= this.increasingSteps * SEQ_MIN_UNIT_SHARE;
  }

  /** The same for SSE ids, which are cursors by design: fewer +1 steps suffice. */
  get isSseSequence(): boolean {
    return this.unitSteps >= SSE_SEQ_MIN_UNIT_STEPS && this.unitSteps >= this.increasingSteps * SEQ_MIN_UNIT_SHARE;
  }

  /** Whether x was seen (at or below the highest id, and not in a gap still open). */
  seen(x: number): boolean {
    if (this.empty || x > this.max || x < this.base) return false;
    const g = this.findGap(x);
    return g === undefined || (g.filled?.has(x) ?? false);
  }

  push(x: number, ev: AnalysisEvent, across?: Boundary): void {
    const r = ref(ev);
    if (this.empty) {
      this.start(x, r);
      return;
    }
    if (x === this.max + 1) {
      this.unitSteps++;
      this.increasingSteps++;
      this.advance(x, r);
    } else if (x > this.max + 1) {
      this.increasingSteps++;
      const obs: GapObservation = {
        type: 'gap', from: this.max + 1, to: x - 1, count: x - 1 - this.max, filled: 0, before: this.maxRef!, after: r, t: ev.t,
      };
      if (across) obs.across = across;
      this.out.push(obs);
      this.trackGap(obs.from, obs.to, obs);
      this.advance(x, r);
    } else if (x <= this.base && this.max > this.base) {
      const obs: IdObservation = { type: 'reset', fromMax: this.max, to: x, before: this.maxRef!, after: r, t: ev.t };
      if (across) obs.across = across;
      this.out.push(obs);
      this.start(x, r);
    } else {
      const g = this.findGap(x);
      const late = g !== undefined && !(g.filled?.has(x) ?? false);
      if (late) {
        (g.filled ??= new Set()).add(x);
        g.obs.filled++;
      }
      const type = late ? 'out-of-order' : 'duplicate';
      const run = this.run;
      if (run && run.type === type && x === run.to + 1) {
        run.to = x;
        run.count++;
        run.last = r;
      } else {
        const obs: RunObservation = { type, from: x, to: x, count: 1, first: r, last: r, t: ev.t };
        if (across) obs.across = across;
        this.out.push(obs);
        this.run = obs;
      }
    }
    this.lastRef = r;
  }

  /** Begin again at x, as if nothing came before (after a link nobody can be sure of). */
  restart(x: number, ev: AnalysisEvent): void {
    this.start(x, ref(ev));
  }

  /** Continue at x without an observation (the caller reported the jump itself). `missing` ids stay open for late arrivals. */
  jumpTo(x: number, ev: AnalysisEvent, missing?: GapObservation): void {
    const r = ref(ev);
    if (this.empty || x <= this.base) {
      this.start(x, r);
      return;
    }
    if (missing) this.trackGap(missing.from, missing.to, missing);
    if (x > this.max) this.advance(x, r);
    this.lastRef = r;
  }

  private start(x: number, r: EventRef): void {
    if (Number.isNaN(this.initial)) this.initial = x;
    this.base = x;
    this.max = x;
    this.maxRef = r;
    this.lastRef = r;
    this.gaps = [];
    this.run = undefined;
  }

  private advance(x: number, r: EventRef): void {
    this.max = x;
    this.maxRef = r;
    this.lastRef = r;
    this.run = undefined;
  }

  private trackGap(from: number, to: number, obs: GapObservation): void {
    if (this.gaps.length < MAX_TRACKED_GAPS) this.gaps.push({ from, to, obs });
  }

  private findGap(x: number): Gap | undefined {
    const gaps = this.gaps;
    let lo = 0;
    let hi = gaps.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = gaps[mid]!;
      if (x < g.from) hi = mid - 1;
      else if (x > g.to) lo = mid + 1;
      else return g;
    }
    return undefined;
  }
}
