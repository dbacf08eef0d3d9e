// What the fetch-stream detectors read of one connection: its raw reads (`chunk` events), its
// records (SSE events / NDJSON lines) and when the request started, as far as it is known.

import type { ConnView } from '../context';
import type { AnalysisEvent } from '../types';

export interface StreamView {
  view: ConnView;
  chunks: AnalysisEvent[];
  records: AnalysisEvent[];
  /** The request's start (webRequest), else when the page first read the body. */
  start: number;
  /** Whether `start` is the request's real start. */
  startKnown: boolean;
}

export function fetchStreams(conns: readonly ConnView[]): StreamView[] {
  const out: StreamView[] = [];
  for (const view of conns) {
    // A stream only the network saw (a worker's: seenBy network) has no body to analyse.
    if (view.conn.kind !== 'fetch-stream' || view.conn.seenBy === 'network') continue;
    const chunks: AnalysisEvent[] = [];
    const records: AnalysisEvent[] = [];
    for (const e of view.events) {
      if (e.type === 'chunk') chunks.push(e);
      else if (e.type === 'message' && e.direction !== 'out') records.push(e);
    }
    const known = view.conn.requestStartedAt;
    out.push({ view, chunks, records, start: known ?? view.conn.createdAt, startKnown: known !== undefined });
  }
  return out;
}
