// stream-stall (warning): a streamed fetch response that went silent in mid-stream for much
// longer than its own rhythm (STREAM_STALL_FACTOR × the median gap between reads, and at least
// STREAM_STALL_MIN_MS) — a model or proxy that paused, or a buffer that held the data back.

import { makeFinding, ref } from '../finding';
import { formatDuration, label } from '../format';
import type { Shared } from '../shared-analysis';
import { STREAM_STALL_FACTOR, STREAM_STALL_MIN_GAPS, STREAM_STALL_MIN_MS } from '../thresholds';
import type { Finding } from '../types';
import { fetchStreams } from './stream-view';

export function detectStreamStalls(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const s of fetchStreams(shared.ctx.conns)) {
    const gaps: number[] = [];
    for (let i = 1; i < s.chunks.length; i++) gaps.push(s.chunks[i]!.t - s.chunks[i - 1]!.t);
    if (gaps.length < STREAM_STALL_MIN_GAPS) continue;
    const sorted = [...gaps].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    const limit = Math.max(STREAM_STALL_MIN_MS, median * STREAM_STALL_FACTOR);
    for (let i = 0; i < gaps.length; i++) {
      if (gaps[i]! < limit) continue;
      const before = s.chunks[i]!;
      const after = s.chunks[i + 1]!;
      const c = s.view.conn;
      out.push(makeFinding({
        kind: 'stream-stall', severity: 'warning', t: before.t, connectionIds: [c.id],
        message: `${label(c)} sent nothing for ${formatDuration(gaps[i]!)} in mid-stream, ${Math.round(gaps[i]! / Math.max(median, 1))}× its median gap between reads (${formatDuration(median)}).`,
        evidence: { gapMs: Math.round(gaps[i]!), medianGapMs: Math.round(median * 10) / 10, before: ref(before), after: ref(after) },
        anchor: { connectionId: c.id, seq: before.seq },
      }));
    }
  }
  return out;
}
