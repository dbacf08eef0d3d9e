// The faults applied in a session, read back from their `fault` marks (docs/faults.md): one run
// per fault id, on the connection it was applied to, with every mark it left in order.

import type { FaultMark } from '../../contracts/fault';
import type { ConnView } from '../context';
import type { AnalysisEvent } from '../types';

export interface FaultRun {
  id: string;
  view: ConnView;
  /** The marks of this fault, seq order (each event has `fault`). */
  marks: Array<AnalysisEvent & { fault: FaultMark }>;
  /** The first mark saying what was asked (armed / failed / injected / sent), when recorded. */
  head: AnalysisEvent & { fault: FaultMark };
}

export function faultRuns(views: readonly ConnView[]): FaultRun[] {
  const runs = new Map<string, FaultRun>();
  for (const view of views) {
    for (const ev of view.faults) {
      const mark = ev.fault;
      if (!mark) continue;
      const e = ev as AnalysisEvent & { fault: FaultMark };
      const run = runs.get(mark.id);
      if (run) run.marks.push(e);
      else runs.set(mark.id, { id: mark.id, view, marks: [e], head: e });
    }
  }
  return [...runs.values()].sort((a, b) => a.head.t - b.head.t || (a.id < b.id ? -1 : 1));
}

/** The first mark of a kind. */
export function firstMark(run: FaultRun, what: FaultMark['what']): (AnalysisEvent & { fault: FaultMark }) | undefined {
  return run.marks.find((m) => m.fault.what === what);
}

export function marksOf(run: FaultRun, what: FaultMark['what']): Array<AnalysisEvent & { fault: FaultMark }> {
  return run.marks.filter((m) => m.fault.what === what);
}
