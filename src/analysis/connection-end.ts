// When and how a connection ended for good, from its row and its lifecycle events.

import type { AnalysisConnection, AnalysisEvent } from './types';

export interface ConnectionEnd {
  /** undefined while the connection is still live (or connecting, or in an EventSource reconnect wait). */
  t?: number;
  /** The event that ended it, when one did. */
  event?: AnalysisEvent;
  how?: 'close' | 'page-close' | 'eventsource-fatal' | 'page-unloaded' | 'tab-closed' | 'closed';
}

/** EventSource.readyState CLOSED. */
export const ES_CLOSED = 2;

/**
 * `lifecycle` are the connection's open / error / close events in seq order; `pageEnd` is when its
 * page load went away (page-end.ts): a close or fatal error at or after it was the browser ending
 * the leaving page's connections, so it reads as the page going away.
 */
export function connectionEnd(conn: AnalysisConnection, lifecycle: readonly AnalysisEvent[], pageEnd?: number): ConnectionEnd {
  const byUnload = (ev: AnalysisEvent): ConnectionEnd | undefined =>
    pageEnd !== undefined && ev.t >= pageEnd ? { t: ev.t, event: ev, how: conn.ended ?? 'page-unloaded' } : undefined;
  if (conn.kind === 'websocket') {
    for (let i = lifecycle.length - 1; i >= 0; i--) {
      const ev = lifecycle[i]!;
      if (ev.type === 'close') return byUnload(ev) ?? { t: ev.t, event: ev, how: 'close' };
    }
  } else {
    // EventSource: the page's close() fires no event; the browser giving up fires error with CLOSED.
    let fatal: AnalysisEvent | undefined;
    for (const ev of lifecycle) {
      if (ev.type === 'error' && ev.readyState === ES_CLOSED) {
        fatal = ev;
        break;
      }
    }
    const call = conn.closeCall;
    if (call && (!fatal || call.t <= fatal.t)) return { t: call.t, how: 'page-close' };
    if (fatal) return byUnload(fatal) ?? { t: fatal.t, event: fatal, how: 'eventsource-fatal' };
  }
  if (conn.closedAt !== undefined) return { t: conn.closedAt, how: conn.ended ?? 'closed' };
  return {};
}
