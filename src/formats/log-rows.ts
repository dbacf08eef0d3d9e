// Stored rows as the session log writes them (pure): pages, connections (with their lineage and
// stats from an analysis) and events. Shared by the session log and NDJSON writers.

import type { AnalysisResult } from '../analysis';
import type { ConnectionRow, EventRow, PageRow } from '../contracts/model';
import type { LogConnection, LogEvent, LogPage } from '../contracts/session-log-format';

export function toLogPage(p: PageRow): LogPage {
  return { id: p.id, tabId: p.tabId, url: p.url, startedAt: p.startedAt };
}

/** Stored connections as the log writes them, with their lineage and stats from `analysis` (if any). */
export function analysedLogConnection(analysis: Pick<AnalysisResult, 'lineages' | 'stats'> | null | undefined): (c: ConnectionRow) => LogConnection {
  const lineage = new Map(analysis?.lineages.map((l) => [l.connectionId, l]));
  const stats = new Map(analysis?.stats.map((st) => [st.connectionId, st]));
  return (c) => {
    const out = toLogConnection(c);
    const l = lineage.get(c.id);
    if (l) {
      out.lineageId = l.lineageId;
      out.attempt = l.attempt;
    }
    const st = stats.get(c.id);
    if (st) out.stats = st;
    return out;
  };
}

export function toLogConnection(c: ConnectionRow): LogConnection {
  const out: LogConnection = {
    id: c.id,
    pageId: c.pageId,
    kind: c.kind,
    url: c.url,
    origin: c.origin,
    frameUrl: c.frameUrl,
    createdAt: c.createdAt,
  };
  if (c.openedAt !== undefined) out.openedAt = c.openedAt;
  if (c.closedAt !== undefined) out.closedAt = c.closedAt;
  if (c.protocol !== undefined) out.protocol = c.protocol;
  if (c.close) out.close = { code: c.close.code, reason: c.close.reason, wasClean: c.close.wasClean };
  out.tabId = c.tabId;
  out.state = c.state;
  if (c.ended) out.ended = c.ended;
  if (c.extensions !== undefined) out.extensions = c.extensions;
  if (c.requestedProtocols) out.requestedProtocols = c.requestedProtocols;
  if (c.withCredentials !== undefined) out.withCredentials = c.withCredentials;
  if (c.stack !== undefined) out.stack = c.stack;
  if (c.closeCall) out.closeCall = c.closeCall;
  if (c.listenedTypes) out.listenedTypes = c.listenedTypes;
  out.frameId = c.frameId;
  for (const k of FETCH_STREAM_FIELDS) if (c[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = c[k];
  out.counts = { messagesIn: c.messagesIn, messagesOut: c.messagesOut, bytesIn: c.bytesIn, bytesOut: c.bytesOut, errors: c.errors, reconnects: c.reconnects };
  return out;
}

/** Version 2 (and 3: `api`, and the network-only facts `seenBy`, `noTab`, `workerScript`): the fetch-stream facts, copied as they are (plain values, or objects the background built). */
const FETCH_STREAM_FIELDS = ['method', 'api', 'seenBy', 'noTab', 'workerScript', 'status', 'statusText', 'contentType', 'contentEncoding', 'responseUrl', 'streamFormat', 'streamEnd', 'sseRetryMs', 'chunks', 'requestStartedAt', 'responseStartedAt', 'requestLastEventId'] as const;

const EVENT_FIELDS = [
  'direction', 'eventType', 'lastEventId', 'data', 'binary', 'truncated', 'origin', 'bufferedAmount',
  'protocol', 'extensions', 'readyState', 'code', 'reason', 'wasClean', 'unterminated', 'endedBy', 'fault',
] as const;

export function toLogEvent(ev: EventRow): LogEvent {
  const out: LogEvent = { connectionId: ev.connectionId, seq: ev.seq, t: ev.t, type: ev.type, size: ev.size };
  const o = out as unknown as Record<string, unknown>;
  const e = ev as unknown as Record<string, unknown>;
  for (const k of EVENT_FIELDS) if (e[k] !== undefined) o[k] = e[k];
  return out;
}
