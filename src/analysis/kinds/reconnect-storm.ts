// reconnect-storm (warning): a lineage reconnecting without backoff, or too many times too fast —
// the thundering herd that keeps a recovering server down during an outage or a deploy.
//
// Rules (thresholds.ts), over the lineage's attempts in time order; only attempts whose previous
// try failed quickly (stayed up < STORM_MAX_UP_MS) can make a run, so a connection that is closed
// every minute by a proxy and comes back is not a storm:
// - tight: STORM_TIGHT_MIN_RUN consecutive attempts, each within STORM_TIGHT_DELAY_MS of the failure;
// - no backoff: STORM_NO_BACKOFF_RUN consecutive attempts whose delay never grew by
//   STORM_BACKOFF_FACTOR, all under STORM_NO_BACKOFF_MAX_DELAY_MS;
// - too fast: STORM_MAX_ATTEMPTS attempts within STORM_WINDOW_MS.
// Attempts matched by any rule merge into episodes; one finding per episode.

import type { AttemptRecord } from '../attempts';
import { capFindings, makeFinding } from '../finding';
import { formatDuration, label } from '../format';
import type { Shared } from '../shared-analysis';
import {
  STORM_BACKOFF_FACTOR, STORM_MAX_ATTEMPTS, STORM_MAX_UP_MS, STORM_NO_BACKOFF_MAX_DELAY_MS, STORM_NO_BACKOFF_RUN,
  STORM_TIGHT_DELAY_MS, STORM_TIGHT_MIN_RUN, STORM_WINDOW_MS,
} from '../thresholds';
import type { EventRef, Finding } from '../types';

export function detectReconnectStorms(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const lineage of shared.ctx.lineages) {
    const attempts = [...(shared.attempts.get(lineage.id)?.attempts ?? [])].sort((a, b) => a.t - b.t);
    if (attempts.length < Math.min(STORM_TIGHT_MIN_RUN, STORM_NO_BACKOFF_RUN, STORM_MAX_ATTEMPTS)) continue;
    const found: Finding[] = [];
    for (const ep of episodes(attempts)) {
      const list = attempts.slice(ep.from, ep.to + 1);
      const first = list[0]!;
      const last = list[list.length - 1]!;
      const delays = list.map((a) => a.delayMs);
      const minDelay = Math.min(...delays);
      const maxDelay = Math.max(...delays);
      const view = shared.ctx.byId.get(first.connectionId)!;
      const why = ep.reasons.has('tight') || ep.reasons.has('no-backoff')
        ? `without backing off (waits of ${formatDuration(minDelay)}${maxDelay - minDelay >= 1 ? `–${formatDuration(maxDelay)}` : ''})`
        : `too fast (${STORM_MAX_ATTEMPTS} or more within ${formatDuration(STORM_WINDOW_MS)})`;
      const refs = list.map((a) => a.ref).filter((r): r is EventRef => r !== undefined);
      found.push(makeFinding({
        kind: 'reconnect-storm',
        severity: 'warning',
        t: first.t,
        connectionIds: [...new Set(list.map((a) => a.connectionId))],
        message: `${label(view.conn)} tried to reconnect ${list.length} times in ${formatDuration(last.t - first.t)} ${why}, which piles load onto a server that is struggling or restarting.`,
        evidence: {
          lineageId: lineage.id,
          attempts: list.length,
          spanMs: last.t - first.t,
          minDelayMs: minDelay,
          maxDelayMs: maxDelay,
          reasons: [...ep.reasons].sort(),
          attemptRefs: refs,
        },
        anchor: { lineageId: lineage.id, first: first.ref ?? first.t },
      }));
    }
    out.push(...capFindings(found, `lineage ${lineage.id}`, 'reconnect storms of this connection'));
  }
  return out;
}

type Reason = 'tight' | 'no-backoff' | 'too-fast';

function episodes(a: AttemptRecord[]): { from: number; to: number; reasons: Set<Reason> }[] {
  const n = a.length;
  const marks: (Set<Reason> | undefined)[] = new Array(n);
  const mark = (from: number, to: number, r: Reason) => {
    for (let i = from; i <= to; i++) (marks[i] ??= new Set()).add(r);
  };
  const failedFast = (x: AttemptRecord) => x.prevUpMs < STORM_MAX_UP_MS;

  // tight and no-backoff runs
  let tightStart = -1;
  let nbStart = -1;
  for (let i = 0; i <= n; i++) {
    const x = a[i];
    const tight = x !== undefined && failedFast(x) && x.delayMs < STORM_TIGHT_DELAY_MS;
    if (tight) {
      if (tightStart < 0) tightStart = i;
    } else {
      if (tightStart >= 0 && i - tightStart >= STORM_TIGHT_MIN_RUN) mark(tightStart, i - 1, 'tight');
      tightStart = -1;
    }
    const flat = x !== undefined && failedFast(x) && x.delayMs < STORM_NO_BACKOFF_MAX_DELAY_MS;
    const grew = x !== undefined && nbStart >= 0 && i > nbStart && x.delayMs >= a[i - 1]!.delayMs * STORM_BACKOFF_FACTOR && x.delayMs > 0;
    if (flat && !grew) {
      if (nbStart < 0) nbStart = i;
    } else {
      if (nbStart >= 0 && i - nbStart >= STORM_NO_BACKOFF_RUN) mark(nbStart, i - 1, 'no-backoff');
      nbStart = flat ? i : -1;
    }
  }
  // too many within the window (two pointers)
  let lo = 0;
  let markedTo = -1;
  for (let hi = 0; hi < n; hi++) {
    while (a[hi]!.t - a[lo]!.t > STORM_WINDOW_MS) lo++;
    if (hi - lo + 1 >= STORM_MAX_ATTEMPTS) {
      mark(Math.max(lo, markedTo + 1), hi, 'too-fast');
      markedTo = hi;
    }
  }
  const out: { from: number; to: number; reasons: Set<Reason> }[] = [];
  for (let i = 0; i < n; i++) {
    const m = marks[i];
    if (!m) continue;
    const last = out[out.length - 1];
    if (last && last.to === i - 1) {
      last.to = i;
      for (const r of m) last.reasons.add(r);
    } else {
      out.push({ from: i, to: i, reasons: new Set(m) });
    }
  }
  return out;
}
