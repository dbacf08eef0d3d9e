// stream-timing (info): for every streamed fetch response, how long the first byte and the first
// event took and how fast the stream then flowed — the numbers an LLM chat's responsiveness is
// judged by (time to first token).

import { makeFinding } from '../finding';
import { formatBytes, formatDuration, label, plural } from '../format';
import type { Shared } from '../shared-analysis';
import type { Evidence, Finding } from '../types';
import { fetchStreams } from './stream-view';

export function detectStreamTiming(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const s of fetchStreams(shared.ctx.conns)) {
    const c = s.view.conn;
    const first = s.chunks[0];
    if (first === undefined) continue;
    const last = s.chunks[s.chunks.length - 1]!;
    const firstRecord = s.records[0];
    const bytes = s.chunks.reduce((n, e) => n + e.size, 0);
    const flowMs = last.t - first.t;
    const evidence: Evidence = {
      from: s.startKnown ? 'request-start' : 'first-body-read',
      firstByteMs: round(first.t - s.start),
      firstEventMs: firstRecord ? round(firstRecord.t - s.start) : null,
      events: s.records.length,
      bytes,
      chunks: s.chunks.length,
      durationMs: round(flowMs),
      eventsPerSecond: flowMs > 0 ? round((s.records.length * 1000) / flowMs) : null,
      bytesPerSecond: flowMs > 0 ? round((bytes * 1000) / flowMs) : null,
    };
    if (c.requestStartedAt !== undefined && c.responseStartedAt !== undefined) evidence.headersMs = round(c.responseStartedAt - c.requestStartedAt);
    const since = s.startKnown ? 'after the request started' : 'after the page first read the body (the request start was not seen)';
    const headers = evidence.headersMs !== undefined ? `response headers after ${formatDuration(evidence.headersMs as number)}, ` : '';
    const firstEvent = firstRecord ? `, first event after ${formatDuration(firstRecord.t - s.start)}` : ', no complete event';
    const rate = flowMs > 0 ? ` (${(s.records.length * 1000 / flowMs).toFixed(1)} events/s)` : '';
    out.push(makeFinding({
      kind: 'stream-timing', severity: 'info', t: first.t, connectionIds: [c.id],
      message: `${label(c)}: ${headers}first byte after ${formatDuration(first.t - s.start)}${firstEvent} ${since}; ${plural(s.records.length, 'event')}, ${formatBytes(bytes)} in ${formatDuration(flowMs)}${rate}.`,
      evidence,
      anchor: { connectionId: c.id },
    }));
  }
  return out;
}

const round = (x: number) => Math.round(x * 10) / 10;
