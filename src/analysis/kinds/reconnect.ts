// reconnect (info): a connection came back — EventSource by itself, or a new WebSocket (or a
// rebuilt EventSource) continuing its lineage — with the delay before the successful try and the
// total downtime.

import { describeCloseCode } from '../close-codes';
import { capFindings, makeFinding } from '../finding';
import { formatDuration, label, plural, quoteId } from '../format';
import type { ReconnectRecord } from '../attempts';
import type { Shared } from '../shared-analysis';
import type { Evidence, Finding } from '../types';

export function detectReconnects(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const lineage of shared.ctx.lineages) {
    const found: Finding[] = [];
    for (const r of shared.attempts.get(lineage.id)?.reconnects ?? []) found.push(finding(shared, r));
    out.push(...capFindings(found, `lineage ${lineage.id}`, 'reconnects of this connection'));
  }
  return out;
}

function finding(shared: Shared, r: ReconnectRecord): Finding {
  const view = shared.ctx.byId.get(r.connectionIds[r.connectionIds.length - 1]!)!;
  const evidence: Evidence = {
    lineageId: r.lineageId,
    how: r.how,
    reopened: r.reopenRef,
    attempts: r.attempts,
    delayMs: r.delayMs,
    delayMeasuredTo: r.delaySource,
    downtimeMs: r.downtimeMs,
    cause: r.cause,
  };
  if (r.lostRef) evidence.lost = r.lostRef;
  // Parallel sockets that nothing tells apart: say which link is a guess (lineage-pairing.ts).
  const ambiguous = view.ambiguousLink === true && r.how === 'new-connection';
  if (ambiguous) evidence.ambiguousLink = true;
  let tail = '';
  if (r.how === 'eventsource-cycle') {
    if (r.request) {
      evidence.lastEventIdSent = r.request.lastEventId ?? null;
      evidence.lastEventIdSource = 'request';
      evidence.httpStatus = r.request.statusCode ?? 'unknown';
      tail = r.request.lastEventId !== undefined ? `, sending Last-Event-ID ${quoteId(r.request.lastEventId)}` : ', sending no Last-Event-ID';
    } else {
      evidence.lastEventIdSent = 'unknown (no request observation)';
      evidence.httpStatus = 'unknown (no request observation)';
    }
  }
  const tries = r.attempts > 1 ? ` on try ${r.attempts}` : '';
  let message: string;
  if (r.how === 'eventsource-cycle') {
    message = `${label(view.conn)} reconnected by itself${tries} after ${formatDuration(r.downtimeMs)} offline (the browser waited ${formatDuration(r.delayMs)} before the successful try)${tail}.`;
  } else if (r.lostAt === undefined) {
    message = `${label(view.conn)} connected only on try ${r.attempts}, ${formatDuration(r.downtimeMs)} after the first one.`;
  } else {
    const why = r.cause.how === 'page-close' ? 'the page closed the previous one'
      : r.cause.code !== undefined ? `the previous one closed with ${describeCloseCode(r.cause.code)}`
      : r.cause.how === 'eventsource-fatal' ? 'the browser gave up on the previous one' : 'the previous one ended';
    message = `${label(view.conn)} was reconnected by a new ${view.conn.kind === 'websocket' ? 'socket' : 'EventSource'}${tries} ${formatDuration(r.delayMs)} after ${why}, ${formatDuration(r.downtimeMs)} down in total${r.attempts > 1 ? ` (${plural(r.attempts - 1, 'failed try', 'failed tries')})` : ''}${ambiguous ? ' (another socket to the same endpoint ended at the same time, and nothing tells which one this replaced)' : ''}.`;
  }
  return makeFinding({
    kind: 'reconnect', severity: 'info', t: r.reopenedAt, connectionIds: r.connectionIds, message, evidence,
    anchor: { reopened: r.reopenRef },
  });
}
