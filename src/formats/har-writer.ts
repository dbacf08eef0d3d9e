// HAR 1.2 export (pure): a session log as HTTP Archive entries, one per connection, so Chrome
// DevTools' Network panel (Import HAR) and other HAR tools can read it. WebSocket messages are in
// Chrome's own `_webSocketMessages` shape (what DevTools' HAR export writes: type send/receive,
// time in epoch SECONDS, opcode 1 text / 2 binary, data = text or base64). EventSource events go
// in `_eventSourceMessages` (our field, docs/har.md). Everything else a session log holds rides
// in `_realtimeInspector` fields that other tools ignore, so our viewer can import the HAR again
// without loss (src/formats/har-reader.ts).

import type { Entry, Har, Page, QueryString } from 'har-format';
import type { LogConnection, LogEvent, LogFinding, LogPage, LogSanitized, SessionLog } from '../contracts/session-log-format';

/** Chrome DevTools' WebSocket message (HAR export, `_webSocketMessages`). */
export interface HarWebSocketMessage {
  type: 'send' | 'receive';
  /** Epoch seconds, fractional. */
  time: number;
  /** 1 text, 2 binary (RFC 6455 opcodes). */
  opcode: 1 | 2;
  data: string;
  /** Ours: the event's other fields (seq, exact t in ms, size, truncated, …). */
  _ri?: HarMessageExtra;
}

/** One EventSource event (`_eventSourceMessages`, our field; names follow DevTools' EventSource view). */
export interface HarEventSourceMessage {
  /** Epoch seconds, fractional. */
  time: number;
  /** The SSE event type: "message" or the named type. */
  eventName: string;
  /** The SSE `id` as MessageEvent.lastEventId reported it ("" when none). */
  id: string;
  data: string;
  _ri?: HarMessageExtra;
}

export type HarMessageExtra = Omit<LogEvent, 'connectionId' | 'type' | 'direction' | 'data' | 'binary'> & { noData?: true };

export interface RiHarEntry extends Entry {
  _resourceType: 'websocket' | 'eventsource' | 'fetch';
  _webSocketMessages?: HarWebSocketMessage[];
  _eventSourceMessages?: HarEventSourceMessage[];
  /** The connection as in the session log, and its open / error / close events. */
  _realtimeInspector: { connection: LogConnection; events: LogEvent[] };
}

export interface RiHar extends Har {
  log: Har['log'] & {
    entries: RiHarEntry[];
    /** What a session log holds beyond the entries. */
    _realtimeInspector: {
      format: SessionLog['format'];
      version: number;
      exportedAt: string;
      producer: SessionLog['producer'];
      pages: LogPage[];
      findings: LogFinding[];
      sanitized?: LogSanitized;
    };
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function sessionLogToHar(log: SessionLog): RiHar {
  const byConnection = new Map<string, LogEvent[]>();
  for (const e of log.events) {
    let list = byConnection.get(e.connectionId);
    if (!list) byConnection.set(e.connectionId, (list = []));
    list.push(e);
  }
  const pages: Page[] = log.pages.map((p) => ({ id: p.id, startedDateTime: iso(p.startedAt), title: p.url, pageTimings: { onContentLoad: -1, onLoad: -1 } }));
  const meta: RiHar['log']['_realtimeInspector'] = { format: log.format, version: log.version, exportedAt: log.exportedAt, producer: log.producer, pages: log.pages, findings: log.findings };
  if (log.sanitized) meta.sanitized = log.sanitized;
  return {
    log: {
      version: '1.2',
      // The HAR's creator is the log's one producer field (formats/producer.ts).
      creator: { name: log.producer.name, version: log.producer.version },
      browser: { name: log.producer.browser.split(' ')[0] ?? log.producer.browser, version: log.producer.browser.split(' ')[1] ?? '' },
      pages,
      entries: log.connections.map((c) => toEntry(c, byConnection.get(c.id) ?? [])),
      comment: log.sanitized?.applied ? `Sanitized: ${log.sanitized.rules.join(', ')}` : 'Not sanitized: may contain secrets',
      _realtimeInspector: meta,
    },
  };
}

function toEntry(c: LogConnection, events: LogEvent[]): RiHarEntry {
  const messages = events.filter((e) => e.type === 'message');
  const lifecycle = events.filter((e) => e.type !== 'message');
  const end = Math.max(c.closedAt ?? c.createdAt, ...events.map((e) => e.t));
  const wait = c.openedAt !== undefined ? Math.max(0, c.openedAt - c.createdAt) : Math.max(0, end - c.createdAt);
  const receive = c.openedAt !== undefined ? Math.max(0, end - c.openedAt) : 0;
  const opened = c.openedAt !== undefined;
  const ws = c.kind === 'websocket';
  const bytesIn = c.counts?.bytesIn ?? messages.filter((m) => m.direction === 'in').reduce((n, m) => n + m.size, 0);
  const entry: RiHarEntry = {
    pageref: c.pageId,
    startedDateTime: iso(c.createdAt),
    time: wait + receive,
    request: {
      // A fetch stream's method is known only when the hook could read it (docs/architecture.md).
      method: c.method ?? 'GET',
      url: c.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      // Page script never sees request headers; the subprotocols the page asked for are known.
      headers: ws && c.requestedProtocols?.length ? [{ name: 'Sec-WebSocket-Protocol', value: c.requestedProtocols.join(', ') }] : [],
      queryString: queryString(c.url),
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      // A WebSocket that opened was upgraded (101); one that never opened failed (0, as Chrome writes it).
      status: c.status ?? (opened ? (ws ? 101 : 200) : 0),
      statusText: c.statusText ?? (opened ? (ws ? 'Switching Protocols' : 'OK') : ''),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: ws ? { size: 0, mimeType: 'x-unknown' } : { size: bytesIn, mimeType: c.contentType ?? 'text/event-stream' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive },
    _resourceType: ws ? 'websocket' : c.kind === 'fetch-stream' ? 'fetch' : 'eventsource',
    _realtimeInspector: { connection: c, events: lifecycle },
  };
  if (ws) entry._webSocketMessages = messages.map(toWsMessage);
  else entry._eventSourceMessages = messages.map(toEsMessage);
  return entry;
}

function extra(e: LogEvent): HarMessageExtra {
  // HAR stays as it was: the decoded reading is part of the session log and NDJSON only.
  const { connectionId: _c, type: _t, direction: _d, data, binary: _b, decoded: _x, ...rest } = e;
  const out: HarMessageExtra = rest;
  if (data === undefined) out.noData = true;
  return out;
}

function toWsMessage(e: LogEvent): HarWebSocketMessage {
  return { type: e.direction === 'out' ? 'send' : 'receive', time: e.t / 1000, opcode: e.binary ? 2 : 1, data: e.data ?? '', _ri: extra(e) };
}

function toEsMessage(e: LogEvent): HarEventSourceMessage {
  return { time: e.t / 1000, eventName: e.eventType ?? 'message', id: e.lastEventId ?? '', data: e.data ?? '', _ri: extra(e) };
}

function queryString(url: string): QueryString[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}
