// Pure translation of validated hook records into stored rows. Rows are built field by field,
// never by spreading page-supplied objects (a page field named like a key path once overwrote
// the key and records vanished).

import type { ConnectionRow, EventRow } from '../contracts/model';
import type { FaultMark, FaultWhat } from '../contracts/fault';
import type { CreateRecord, HookRecord, MessageRecord, OpenRecord } from '../contracts/protocol';
import { createUtf8Counter } from '../contracts/utf8';

/** UTF-8 sizes of text payloads the hook did not count (the page never pays for counting). */
const utf8Size = createUtf8Counter();

export interface ConnectionContext {
  id: string;
  pageId: string;
  tabId: number;
  sourceId: string;
  frameId: number;
  /** The frame's URL as the relay (our isolated world, not the page) saw it at hello. */
  sourceFrameUrl: string;
}

/**
 * The frame URL a connection row keeps: the one its create record names (the hook reads it when
 * the connection is made, so it follows the page's history.pushState), but only within the
 * frame's own origin, which a page can never change. A record claiming another origin is a page
 * forging records: the frame's URL as our relay saw it is kept instead.
 */
export function trustedFrameUrl(claimed: string, sourceFrameUrl: string): string {
  if (claimed === sourceFrameUrl) return claimed;
  // URLs without an origin of their own (about:, data:, 'null') must match exactly.
  const origin = originOf(claimed);
  return origin !== '' && origin !== 'null' && origin === originOf(sourceFrameUrl) ? claimed : sourceFrameUrl;
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

export function newConnectionRow(rec: CreateRecord, ctx: ConnectionContext): ConnectionRow {
  const row: ConnectionRow = {
    id: ctx.id,
    pageId: ctx.pageId,
    tabId: ctx.tabId,
    sourceId: ctx.sourceId,
    localId: rec.c,
    kind: rec.kind,
    url: rec.url,
    origin: originOf(rec.url),
    frameUrl: trustedFrameUrl(rec.frameUrl, ctx.sourceFrameUrl),
    frameId: ctx.frameId,
    createdAt: rec.t,
    state: 'connecting',
    lastSeq: 0,
    messagesIn: 0,
    messagesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    errors: 0,
    reconnects: 0,
  };
  if (rec.protocols && rec.protocols.length > 0) row.requestedProtocols = rec.protocols.slice();
  if (rec.withCredentials !== undefined) row.withCredentials = rec.withCredentials;
  if (rec.method !== undefined) row.method = rec.method;
  if (rec.api !== undefined) row.api = rec.api;
  if (rec.stack) row.stack = rec.stack;
  return row;
}

/**
 * Applies one record (not `create`) to its connection row and returns the event to store, with
 * the next contiguous seq, or null when the record only updates the connection.
 */
export function applyRecord(conn: ConnectionRow, rec: Exclude<HookRecord, CreateRecord>): EventRow | null {
  switch (rec.k) {
    case 'open': {
      // An EventSource that reopens after an error is the browser's own reconnect cycle.
      if (conn.kind === 'eventsource' && conn.openedAt !== undefined) conn.reconnects++;
      if (conn.openedAt === undefined) conn.openedAt = rec.t;
      // A record of a page load that is gone (it arrived after the next load's hello) never
      // reopens it: the page, and so the connection, is gone.
      if (conn.ended === undefined) conn.state = 'open';
      const ev = event(conn, rec.t, 'open', 0);
      if (rec.protocol !== undefined) {
        conn.protocol = rec.protocol;
        ev.protocol = rec.protocol;
      }
      if (rec.extensions !== undefined) {
        conn.extensions = rec.extensions;
        ev.extensions = rec.extensions;
      }
      if (conn.kind === 'fetch-stream') openFetchStream(conn, rec);
      return ev;
    }
    case 'message': {
      const size = rec.size ?? utf8Size(rec.data ?? '');
      const ev = event(conn, rec.t, 'message', size);
      ev.direction = rec.dir;
      if (rec.dir === 'in') {
        conn.messagesIn++;
        conn.bytesIn += size;
      } else {
        conn.messagesOut++;
        conn.bytesOut += size;
      }
      if (conn.kind === 'eventsource') restoreSseFields(conn, rec, ev);
      else {
        if (rec.eventType !== undefined) ev.eventType = rec.eventType;
        if (rec.lastEventId !== undefined) ev.lastEventId = rec.lastEventId;
        if (rec.origin !== undefined) ev.origin = rec.origin;
      }
      if (rec.data !== undefined) ev.data = rec.data;
      if (rec.binary) ev.binary = true;
      if (rec.truncated) ev.truncated = true;
      if (rec.bufferedAmount !== undefined) ev.bufferedAmount = rec.bufferedAmount;
      return ev;
    }
    case 'error': {
      conn.errors++;
      // readyState 0 after an error: an EventSource reconnecting by itself.
      if (conn.ended === undefined) conn.state = rec.readyState === 0 ? 'connecting' : rec.readyState === 2 ? 'closing' : rec.readyState === 3 ? 'closed' : conn.state;
      if (rec.readyState === 3 && conn.closedAt === undefined && conn.kind === 'eventsource') conn.closedAt = rec.t;
      const ev = event(conn, rec.t, 'error', 0);
      ev.readyState = rec.readyState;
      return ev;
    }
    case 'close': {
      conn.state = 'closed';
      // Once the page is gone, closedAt stays when it went (src/analysis/page-end.ts reads it).
      if (conn.ended === undefined) conn.closedAt = rec.t;
      conn.close = { code: rec.code, reason: rec.reason, wasClean: rec.wasClean };
      const ev = event(conn, rec.t, 'close', 0);
      ev.code = rec.code;
      ev.reason = rec.reason;
      ev.wasClean = rec.wasClean;
      return ev;
    }
    case 'close-call': {
      const call: { t: number; code?: number; reason?: string } = { t: rec.t };
      if (rec.code !== undefined) call.code = rec.code;
      if (rec.reason !== undefined) call.reason = rec.reason;
      conn.closeCall = call;
      if (conn.kind === 'eventsource') {
        // EventSource.close() fires no event: the call is the close.
        conn.state = 'closed';
        if (conn.closedAt === undefined) conn.closedAt = rec.t;
      } else if (conn.state !== 'closed') {
        conn.state = 'closing';
      }
      return null;
    }
    case 'listen': {
      const types = conn.listenedTypes ?? (conn.listenedTypes = []);
      if (!types.includes(rec.eventType) && types.length < 256) types.push(rec.eventType);
      return null;
    }
    case 'fault': {
      // A mark of a fault applied on purpose: an event of its own, never counted as traffic. A
      // mark about a real message (suppressed, delayed…) follows that message's record, so the
      // message is the connection's last event.
      const mark: FaultMark = { id: rec.f, what: rec.what };
      if (rec.action !== undefined) mark.action = rec.action as FaultMark['action'];
      if (rec.mode !== undefined) mark.mode = rec.mode as FaultMark['mode'];
      if (rec.count !== undefined) mark.count = rec.count;
      if (rec.delayMs !== undefined) mark.delayMs = rec.delayMs;
      if (rec.outageMs !== undefined) mark.outageMs = rec.outageMs;
      if (rec.code !== undefined) mark.code = rec.code;
      if (rec.note !== undefined) mark.note = rec.note;
      if (MARKS_ABOUT_LAST.has(rec.what) && conn.lastSeq > 0) mark.ref = conn.lastSeq;
      const ev = event(conn, rec.t, 'fault', rec.data === undefined ? 0 : utf8Size(rec.data));
      if (rec.data !== undefined) ev.data = rec.data;
      ev.fault = mark;
      return ev;
    }
    case 'stream-end': {
      // The body's end as the page's reads saw it: the connection is over, whoever ended it.
      if (conn.streamEnd !== undefined) return null;
      conn.streamEnd = rec.error === undefined ? { t: rec.t, by: rec.by } : { t: rec.t, by: rec.by, error: rec.error };
      conn.state = 'closed';
      if (conn.ended === undefined) conn.closedAt = rec.t;
      if (rec.by === 'error') conn.errors++;
      const ev = event(conn, rec.t, 'close', 0);
      ev.endedBy = rec.by;
      if (rec.error !== undefined) ev.reason = rec.error;
      return ev;
    }
  }
}

/** Marks about the real event recorded just before them. */
const MARKS_ABOUT_LAST = new Set<FaultWhat>(['suppressed', 'delayed', 'duplicated', 'reordered']);

/**
 * The hook leaves out an SSE message's type when it is "message", and its lastEventId and origin
 * when they equal the previous message's (hook/payload.ts sseMessage): every stored event gets
 * all three again. The last values live on the connection row, which is committed with the
 * events, so they survive a restart of the background between two batches.
 */
function restoreSseFields(conn: ConnectionRow, rec: MessageRecord, ev: EventRow): void {
  ev.eventType = rec.eventType ?? 'message';
  if (rec.lastEventId !== undefined) conn.lastEventId = rec.lastEventId;
  if (rec.origin !== undefined) conn.messageOrigin = rec.origin;
  if (conn.lastEventId !== undefined) ev.lastEventId = conn.lastEventId;
  if (conn.messageOrigin !== undefined) ev.origin = conn.messageOrigin;
}

/** The response facts of a streamed fetch, from its open record (field by field). */
function openFetchStream(conn: ConnectionRow, rec: OpenRecord): void {
  if (rec.status !== undefined) conn.status = rec.status;
  if (rec.statusText !== undefined) conn.statusText = rec.statusText;
  if (rec.contentType !== undefined) conn.contentType = rec.contentType;
  if (rec.contentEncoding !== undefined) conn.contentEncoding = rec.contentEncoding;
  if (rec.responseUrl !== undefined) conn.responseUrl = rec.responseUrl;
  if (rec.streamFormat !== undefined) conn.streamFormat = rec.streamFormat;
}

/** The connection's next event, with the next contiguous seq (stream-rows.ts adds several per record). */
export function nextEvent(conn: ConnectionRow, t: number, type: EventRow['type'], size: number): EventRow {
  return event(conn, t, type, size);
}

function event(conn: ConnectionRow, t: number, type: EventRow['type'], size: number): EventRow {
  conn.lastSeq++;
  return { connectionId: conn.id, seq: conn.lastSeq, t, type, size };
}
