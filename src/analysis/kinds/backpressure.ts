// backpressure (warning): a WebSocket's bufferedAmount — bytes the page queued with send() that
// the browser has not put on the network yet — stayed at or above BACKPRESSURE_MIN_BYTES for at
// least BACKPRESSURE_MIN_SENDS consecutive sends spanning BACKPRESSURE_MIN_DURATION_MS. The page
// produces faster than the network or the server consumes; memory grows and latency with it.

import { capFindings, makeFinding, ref } from '../finding';
import { formatBytes, formatDuration, label } from '../format';
import type { Shared } from '../shared-analysis';
import { BACKPRESSURE_MIN_BYTES, BACKPRESSURE_MIN_DURATION_MS, BACKPRESSURE_MIN_SENDS } from '../thresholds';
import type { AnalysisEvent, Finding } from '../types';

export function detectBackpressure(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const view of shared.ctx.conns) {
    if (view.conn.kind !== 'websocket') continue;
    const found: Finding[] = [];
    let run: AnalysisEvent[] = [];
    const flush = () => {
      if (run.length >= BACKPRESSURE_MIN_SENDS) {
        const first = run[0]!;
        const last = run[run.length - 1]!;
        const span = last.t - first.t;
        if (span >= BACKPRESSURE_MIN_DURATION_MS) {
          let peak = 0;
          for (const ev of run) peak = Math.max(peak, ev.bufferedAmount!);
          const growing = last.bufferedAmount! > first.bufferedAmount!;
          found.push(makeFinding({
            kind: 'backpressure', severity: 'warning', t: first.t, connectionIds: [view.conn.id],
            message: `${label(view.conn)} kept at least ${formatBytes(BACKPRESSURE_MIN_BYTES)} waiting to be sent for ${formatDuration(span)} over ${run.length} sends (peak ${formatBytes(peak)}${growing ? ', still growing' : ''}), so the page is sending faster than the network or the server takes it.`,
            evidence: {
              firstSend: ref(first), lastSend: ref(last), sends: run.length, durationMs: span, peakBytes: peak,
              firstBytes: first.bufferedAmount!, lastBytes: last.bufferedAmount!, growing, thresholdBytes: BACKPRESSURE_MIN_BYTES,
            },
            anchor: { firstSend: ref(first) },
          }));
        }
      }
      run = [];
    };
    for (const ev of view.outs) {
      if (ev.bufferedAmount === undefined) continue;
      if (ev.bufferedAmount >= BACKPRESSURE_MIN_BYTES) run.push(ev);
      else flush();
    }
    flush();
    out.push(...capFindings(found, `connection ${view.conn.id}`, 'backpressure episodes of this socket'));
  }
  return out;
}
