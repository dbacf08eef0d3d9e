// eventsource-fatal (error): the browser gave up on an EventSource for good (error with
// readyState CLOSED, not preceded by the page's close()). Per the HTML standard that happens on an
// HTTP status other than 200, a Content-Type other than text/event-stream, or a failed CORS
// check; plain network errors are retried. The cause is named from the request webRequest saw;
// without one, evidence says it is unknown. 204 No Content is the documented way for a server to
// tell a client to stop, so it is only info.

import { ES_CLOSED } from '../connection-end';
import { makeFinding, ref } from '../finding';
import { label } from '../format';
import { requestBefore } from '../requests';
import type { Shared } from '../shared-analysis';
import type { Evidence, Finding, Severity } from '../types';

export function detectEventSourceFatal(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const view of shared.ctx.conns) {
    if (view.conn.kind !== 'eventsource' || view.end.how !== 'eventsource-fatal') continue;
    const ev = view.end.event!;
    if (ev.readyState !== ES_CLOSED) continue;
    const r = requestBefore(view.requests, ev.t);
    const evidence: Evidence = { error: ref(ev), everOpened: view.conn.openedAt !== undefined, reconnectsBefore: countCycles(view.lifecycle) };
    let cause: string;
    let severity: Severity = 'error';
    if (!r) {
      evidence.cause = 'unknown (no request observation)';
      cause = 'the response was not usable (usually an HTTP status other than 200 or a Content-Type other than text/event-stream; no request was observed to tell which)';
    } else {
      evidence.request = { t: r.t, statusCode: r.statusCode ?? null, contentType: r.contentType ?? null, error: r.error ?? null };
      const type = (r.contentType ?? '').split(';')[0]!.trim().toLowerCase();
      if (r.error !== undefined) {
        evidence.cause = 'network-error';
        cause = `the request failed with ${r.error}`;
      } else if (r.statusCode === 204) {
        evidence.cause = 'http-204';
        cause = 'the server answered 204 No Content, the standard way to tell a client to stop';
        severity = 'info';
      } else if (r.statusCode !== undefined && r.statusCode !== 200) {
        evidence.cause = 'http-status';
        cause = `the server answered HTTP ${r.statusCode}`;
      } else if (r.contentType !== undefined && type !== 'text/event-stream') {
        evidence.cause = 'content-type';
        cause = `the response's Content-Type was ${JSON.stringify(type || r.contentType)} instead of text/event-stream`;
      } else {
        evidence.cause = 'unknown (request looked fine: CORS or an aborted response?)';
        cause = 'the response looked fine, so a CORS check or an aborted response is the likely cause';
      }
    }
    out.push(makeFinding({
      kind: 'eventsource-fatal', severity, t: ev.t, connectionIds: [view.conn.id],
      message: `${label(view.conn)} stopped for good and will not reconnect by itself: ${cause}.`,
      evidence,
      anchor: { error: ref(ev) },
    }));
  }
  return out;
}

function countCycles(lifecycle: readonly { type: string; readyState?: number }[]): number {
  let n = 0;
  for (const ev of lifecycle) if (ev.type === 'error' && ev.readyState === 0) n++;
  return n;
}
