// The one protocol module: every message that crosses a boundary (page hook → relay →
// background → panel/exporter) is typed here and checked from `unknown` where it is received.
// Bump PROTOCOL_VERSION whenever a change is not backwards compatible; the background rejects
// batches from another version (a stale content script after an extension update).

import { isLogConnection, isLogEvent, isLogPage } from './session-log-check';
import type { ChannelKind, Direction } from './model';
import { FAULT_WHATS, isFaultAction, type FaultAction, type FaultWhat } from './fault';

/**
 * 2: framed batches (batch-frame.ts), the hello's serialization probe and the background's welcome.
 * (The hook-to-relay handshake below changed nothing that reaches the background: still 2.)
 */
export const PROTOCOL_VERSION = 2;

/**
 * The hook and the relay meet once per document (hook/handshake.ts, relay/handshake.ts): the hook
 * dispatches a MessageEvent of this type on its window with a MessagePort of its own in `ports`,
 * and the relay, listening since just before (manifest order), takes the port. Both run before any
 * page script in every frame kind (measured, docs/architecture.md "The private channel"), and the
 * relay stops listening at once, so no page script can hear or answer it.
 */
export const HANDSHAKE_EVENT = 'realtime-inspector:handshake:v2';
/**
 * Event types dispatched on that port afterwards. The port is a DOM object with a wrapper in each
 * world and is reachable from no page object, so these names need no secrecy: a batch (a
 * CustomEvent whose detail is one string, which crosses the worlds without a copy) and the relay's
 * request to flush now, and the user's payload cap (a CustomEvent whose detail is the number of
 * bytes), which the relay passes on when the background's welcome tells it.
 */
export const PORT_BATCH_EVENT = 'batch';
export const PORT_FLUSH_EVENT = 'flush';
export const PORT_CAP_EVENT = 'cap';
/** The relay hands the hook a fault command (contracts/fault.ts faultCommand): the detail is one string. */
export const PORT_FAULT_EVENT = 'fault';

export const LIMITS = {
  /** Default payload cap: larger payloads are stored truncated with their full size. */
  payloadCapBytes: 1024 * 1024,
  /** A hook batch is flushed when it reaches this many serialized characters… */
  batchFlushChars: 256 * 1024,
  /** …or this many records… */
  batchFlushRecords: 500,
  /** …or after this long. The first two send in a task of the hook's own, never inside a page event… */
  batchFlushMs: 50,
  /** …unless the buffer reaches this many records or characters (a burst faster than tasks run): then at once. */
  batchHardRecords: 2000,
  batchHardChars: 1024 * 1024,
  /** Hard cap for one batch string accepted by the relay / background. */
  maxBatchChars: 8 * 1024 * 1024,
  maxRecordsPerBatch: 5000,
  maxUrlChars: 8192,
  maxStackChars: 4096,
  maxReasonChars: 1024,
  maxEventTypeChars: 256,
  maxLastEventIdChars: 1024,
} as const;

// Checks from unknown: every message type below has its validator beside it.

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isInt = (x: unknown): x is number => Number.isSafeInteger(x);
const optStr = (x: unknown, max: number) => x === undefined || isStr(x, max);

// The channel's two kinds and two directions live in the stored model (model.ts); re-exported
// here because every record names them.
export type { ChannelKind, Direction } from './model';

// ---------------------------------------------------------------------------------------------
// Page hook → relay: records, JSON-encoded in batches. `c` is the hook's local connection number
// (unique within one document); the background maps it to a global connection id.
// ---------------------------------------------------------------------------------------------

export interface CreateRecord {
  k: 'create';
  c: number;
  t: number;
  kind: ChannelKind;
  url: string;
  /** WebSocket: requested subprotocols; EventSource: absent. */
  protocols?: string[];
  /** EventSource: withCredentials. */
  withCredentials?: boolean;
  /** fetch-stream: the request method, when the hook could read it without running page code. */
  method?: string;
  /** The page API, when not the kind's own: `xhr` (fetch-stream read through XMLHttpRequest), `websocketstream` (websocket). */
  api?: StreamApi;
  frameUrl: string;
  stack?: string;
}

export interface OpenRecord {
  k: 'open';
  c: number;
  t: number;
  /** WebSocket only: negotiated subprotocol and extensions. */
  protocol?: string;
  extensions?: string;
  /** fetch-stream: the response as the page's Response shows it (headers are what CORS exposes). */
  status?: number;
  statusText?: string;
  contentType?: string;
  contentEncoding?: string;
  /** fetch-stream: the final URL after redirects (Response.url). */
  responseUrl?: string;
  /** fetch-stream: how the background splits the body (chosen from the content type). */
  streamFormat?: StreamFormat;
}

/** Which page API made a connection, when not the kind's own: `xhr` = a stream read from XMLHttpRequest's responseText, `websocketstream` = a WebSocketStream. */
export type StreamApi = 'xhr' | 'websocketstream';

/** How a streamed fetch body is split into records (src/analysis/streams/). */
export type StreamFormat = 'sse' | 'ndjson' | 'json-seq';

/** Who ended a streamed fetch: the server (end of body), the page (reader/stream cancel, abort signal), or the network. */
export type StreamEndBy = 'server' | 'cancel' | 'abort' | 'error';

/**
 * fetch-stream: the body ended, as the page's reads saw it. Its chunks travel as `message`
 * records (`binary`, base64 of the bytes the page's read returned), so they are framed and capped
 * like any payload; the background splits them into events.
 */
export interface StreamEndRecord {
  k: 'stream-end';
  c: number;
  t: number;
  by: StreamEndBy;
  /** The error's name (DOMException / TypeError), for `abort` and `error`. */
  error?: string;
}

export interface MessageRecord {
  k: 'message';
  c: number;
  t: number;
  dir: Direction;
  /** Text, or base64 when `binary`. Absent when the payload could not be read. */
  data?: string;
  /** In a framed batch only (batch-frame.ts): the payload's length, the payload itself after the JSON. */
  dl?: number;
  binary?: true;
  /**
   * Full payload size in bytes (UTF-8 for text). The hook leaves it out for untruncated text,
   * so the page never pays for counting UTF-8 bytes: the background computes it.
   */
  size?: number;
  truncated?: true;
  /** SSE: the event type ("message" or a named type). */
  eventType?: string;
  lastEventId?: string;
  origin?: string;
  /** WebSocket sends: bufferedAmount read right after send(). */
  bufferedAmount?: number;
}

export interface ErrorRecord {
  k: 'error';
  c: number;
  t: number;
  /** readyState right after the error: 0 = EventSource is reconnecting by itself, 2/3 = closing/closed. */
  readyState: number;
}

export interface CloseRecord {
  k: 'close';
  c: number;
  t: number;
  code: number;
  reason: string;
  wasClean: boolean;
}

/** The page called close() (WebSocket) or close() (EventSource): who closed matters for findings. */
export interface CloseCallRecord {
  k: 'close-call';
  c: number;
  t: number;
  code?: number;
  reason?: string;
}

/** The page started listening to an SSE event type: only listened types are visible to the hook. */
export interface ListenRecord {
  k: 'listen';
  c: number;
  t: number;
  eventType: string;
}

/** A fault applied on purpose did something (docs/faults.md): never traffic of its own. */
export interface FaultRecord {
  k: 'fault';
  c: number;
  t: number;
  /** The fault id (FaultMark.id). */
  f: string;
  what: FaultWhat;
  action?: string;
  mode?: string;
  count?: number;
  delayMs?: number;
  outageMs?: number;
  code?: number;
  /** injected / sent / held: the text payload. */
  data?: string;
  dl?: number;
  note?: string;
}

export type HookRecord =
  | FaultRecord
  | CreateRecord
  | OpenRecord
  | MessageRecord
  | ErrorRecord
  | CloseRecord
  | CloseCallRecord
  | ListenRecord
  | StreamEndRecord;

/**
 * Checks one record a page handed us. Everything from the page world is untrusted: a page can
 * forge records into its own log, never crash the background or grow it without bound.
 * `payloadCap` bounds `data` (base64 of a capped binary is 4/3 of the cap).
 */
export function isHookRecord(x: unknown, payloadCap: number = LIMITS.payloadCapBytes): x is HookRecord {
  if (!isObj(x) || !isInt(x.c) || (x.c as number) < 0 || !isNum(x.t)) return false;
  switch (x.k) {
    case 'create':
      return (
        (x.kind === 'websocket' || x.kind === 'eventsource' || x.kind === 'fetch-stream') &&
        optStr(x.method, 32) &&
        (x.api === undefined || (x.api === 'xhr' && x.kind === 'fetch-stream') || (x.api === 'websocketstream' && x.kind === 'websocket')) &&
        isStr(x.url, LIMITS.maxUrlChars) &&
        isStr(x.frameUrl, LIMITS.maxUrlChars) &&
        (x.protocols === undefined || (Array.isArray(x.protocols) && x.protocols.length <= 64 && x.protocols.every((p) => isStr(p, 256)))) &&
        (x.withCredentials === undefined || typeof x.withCredentials === 'boolean') &&
        optStr(x.stack, LIMITS.maxStackChars)
      );
    case 'open':
      return (
        optStr(x.protocol, 1024) &&
        optStr(x.extensions, 4096) &&
        (x.status === undefined || isInt(x.status)) &&
        optStr(x.statusText, 1024) &&
        optStr(x.contentType, 1024) &&
        optStr(x.contentEncoding, 256) &&
        optStr(x.responseUrl, LIMITS.maxUrlChars) &&
        (x.streamFormat === undefined || x.streamFormat === 'sse' || x.streamFormat === 'ndjson' || x.streamFormat === 'json-seq')
      );
    case 'message':
      return (
        (x.dir === 'in' || x.dir === 'out') &&
        optStr(x.data, Math.ceil(payloadCap / 3) * 4 + 4) &&
        (x.binary === undefined || x.binary === true) &&
        (x.size === undefined ? typeof x.data === 'string' && x.binary === undefined && x.truncated === undefined : isInt(x.size) && (x.size as number) >= 0) &&
        (x.truncated === undefined || x.truncated === true) &&
        optStr(x.eventType, LIMITS.maxEventTypeChars) &&
        optStr(x.lastEventId, LIMITS.maxLastEventIdChars) &&
        optStr(x.origin, LIMITS.maxUrlChars) &&
        (x.bufferedAmount === undefined || (isInt(x.bufferedAmount) && (x.bufferedAmount as number) >= 0))
      );
    case 'error':
      return isInt(x.readyState);
    case 'close':
      return isInt(x.code) && isStr(x.reason, LIMITS.maxReasonChars) && typeof x.wasClean === 'boolean';
    case 'close-call':
      return (x.code === undefined || isInt(x.code)) && optStr(x.reason, LIMITS.maxReasonChars);
    case 'listen':
      return isStr(x.eventType, LIMITS.maxEventTypeChars);
    case 'fault':
      return (
        isStr(x.f, 64) &&
        FAULT_WHATS.includes(x.what as FaultWhat) &&
        optStr(x.action, 32) &&
        optStr(x.mode, 32) &&
        optStr(x.note, 1024) &&
        optStr(x.data, Math.ceil(payloadCap / 3) * 4 + 4) &&
        [x.count, x.delayMs, x.outageMs, x.code].every((v) => v === undefined || (isInt(v) && (v as number) >= 0))
      );
    case 'stream-end':
      return (x.by === 'server' || x.by === 'cancel' || x.by === 'abort' || x.by === 'error') && optStr(x.error, 128);
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Relay ↔ background, over a runtime port named RELAY_PORT.
// ---------------------------------------------------------------------------------------------

export const RELAY_PORT = 'ri-relay';

/** Sent first on every (re)connect. `sourceId` is made by the relay: the page cannot read or forge it. */
export interface HelloMessage {
  v: number;
  type: 'hello';
  sourceId: string;
  frameUrl: string;
  isTop: boolean;
  /** performance.timeOrigin of the document: tells a new top-level load from a reconnect. */
  timeOrigin: number;
  /**
   * An empty ArrayBuffer: it arrives as one only when extension messaging uses structured clone
   * (Firefox always; Chromium with the manifest's `message_serialization`), as `{}` under JSON.
   * The background says which in its `welcome`.
   */
  probe?: unknown;
}

/** How extension messages are serialized between this relay and the background. */
export type MessageSerialization = 'structured-clone' | 'json';

export function serializationOf(hello: HelloMessage): MessageSerialization {
  return hello.probe instanceof ArrayBuffer ? 'structured-clone' : 'json';
}

/** A hook batch, forwarded unparsed; `batchNo` counts 1, 2, 3 … per source. */
export interface BatchMessage {
  v: number;
  type: 'batch';
  sourceId: string;
  batchNo: number;
  payload: string;
}

/** Answer to a FlushRequest: every batch the relay had was posted before this message. */
export interface FlushedMessage {
  v: number;
  type: 'flushed';
  flushId: number;
}

export type RelayToBackground = HelloMessage | BatchMessage | FlushedMessage;

export function isRelayToBackground(x: unknown): x is RelayToBackground {
  if (!isObj(x) || x.v !== PROTOCOL_VERSION) return false;
  switch (x.type) {
    case 'hello':
      return isStr(x.sourceId, 64) && isStr(x.frameUrl, LIMITS.maxUrlChars) && typeof x.isTop === 'boolean' && isNum(x.timeOrigin);
    case 'batch':
      return isStr(x.sourceId, 64) && isInt(x.batchNo) && x.batchNo > 0 && isStr(x.payload, LIMITS.maxBatchChars);
    case 'flushed':
      return isInt(x.flushId);
    default:
      return false;
  }
}

export interface AckMessage {
  type: 'ack';
  /** Every batch up to and including this number is durably stored. */
  upTo: number;
}

export interface FlushRequest {
  type: 'flush';
  flushId: number;
}

/** The answer to every hello: which serialization the port really uses (see HelloMessage.probe). */
export interface WelcomeMessage {
  type: 'welcome';
  serialization: MessageSerialization;
  /**
   * The user's payload cap (settings.payloadCapBytes), for the hook: with a lower cap the page
   * copies and posts less. Ingest applies it too, to what came before the hook knew it.
   */
  payloadCapBytes?: number;
}

/** A fault for one connection of this relay's document: `command` goes to the hook as it is. */
export interface FaultCommandMessage {
  type: 'fault';
  command: string;
}

export type BackgroundToRelay = AckMessage | FlushRequest | WelcomeMessage | FaultCommandMessage;

export function isBackgroundToRelay(x: unknown): x is BackgroundToRelay {
  if (!isObj(x)) return false;
  if (x.type === 'fault') return isStr(x.command, 128 * 1024);
  return (x.type === 'ack' && isInt(x.upTo)) || (x.type === 'flush' && isInt(x.flushId)) || (x.type === 'welcome' && (x.serialization === 'structured-clone' || x.serialization === 'json') && (x.payloadCapBytes === undefined || isInt(x.payloadCapBytes)));
}

// ---------------------------------------------------------------------------------------------
// Panel / exporter ↔ background. Panels read IndexedDB themselves; the port carries live updates.
// ---------------------------------------------------------------------------------------------

export const PANEL_PORT = 'ri-panel';

export interface SubscribeMessage {
  type: 'subscribe';
  tabId: number;
}

export type PanelToBackground = SubscribeMessage;

export function isPanelToBackground(x: unknown): x is PanelToBackground {
  return isObj(x) && x.type === 'subscribe' && isInt(x.tabId);
}

/** Live update after a commit: what changed for the subscribed tab. */
export interface UpdateMessage {
  type: 'update';
  tabId: number;
  pages: import('./model').PageRow[];
  connections: import('./model').ConnectionRow[];
  events: import('./model').EventRow[];
}

/**
 * The analysis of the subscribed tab (docs/findings.md), sent after commits (debounced) and on
 * subscribe. Replaces the previous one: findings are recomputed over the tab's whole session.
 * `pressure` findings may name connections of other tabs (the 6-per-origin pool is shared).
 */
export interface AnalysisMessage {
  type: 'analysis';
  tabId: number;
  findings: import('./session-log-format').LogFinding[];
  lineages: Array<{ connectionId: string; lineageId: string; attempt: number }>;
  /** Per connection: delivery lag, detected sequence field, and the last minute of 1-s rates. */
  stats: import('./session-log-format').LogConnectionStats[];
  /** Set when the tab's session was too large to analyse live (export still analyses it). */
  skipped?: string;
  /** One recovery verdict per fault applied in the tab (docs/faults.md). */
  verdicts?: import('./session-log-format').LogVerdict[];
}

export type BackgroundToPanel = UpdateMessage | AnalysisMessage;

/** Rows come from our own background: shape is checked, not content. */
export function isBackgroundToPanel(x: unknown): x is BackgroundToPanel {
  const rowsWith = (rows: unknown, key: string) => Array.isArray(rows) && rows.every((r) => isObj(r) && key in r);
  if (isObj(x) && x.type === 'analysis') {
    return (
      isInt(x.tabId) &&
      rowsWith(x.findings, 'kind') &&
      rowsWith(x.lineages, 'lineageId') &&
      rowsWith(x.stats, 'rates') &&
      (x.skipped === undefined || typeof x.skipped === 'string')
    );
  }
  return (
    isObj(x) &&
    x.type === 'update' &&
    isInt(x.tabId) &&
    rowsWith(x.pages, 'id') &&
    rowsWith(x.connections, 'id') &&
    rowsWith(x.events, 'seq')
  );
}

/**
 * The background registered a panel's subscription. The panel reads IndexedDB only after this:
 * a commit published before it is already in what the panel reads, one after it comes over the
 * port. (Reading right after posting `subscribe` left a window where a commit was in neither.)
 */
export interface SubscribedMessage {
  type: 'subscribed';
  tabId: number;
}

export function isSubscribedMessage(x: unknown): x is SubscribedMessage {
  return isObj(x) && x.type === 'subscribed' && isInt(x.tabId);
}

/** One-shot requests over runtime.sendMessage (exporter page, recorder, tests). */
export interface FlushAllRequest {
  type: 'ri:flush-all';
  timeoutMs?: number;
}
export interface FlushAllResponse {
  ok: boolean;
  /** Sources that did not answer in time (closed tabs answer nothing and lose nothing: their batches were posted already). */
  unanswered: number;
}

/** Who is running: a new instanceId after every background restart. */
export interface StatusRequest {
  type: 'ri:status';
}
/** What the background counted since it started (invalid = dropped by validation). */
export interface IngestStats {
  batches: number;
  /** Characters of the accepted batches' strings: what the pages' threads sent. */
  batchChars: number;
  records: number;
  invalidRecords: number;
  invalidBatches: number;
  replayedBatches: number;
  outOfOrderBatches: number;
}
export interface StatusResponse extends IngestStats {
  /** Relay hellos since the background started, by the serialization their port used. */
  serialization: Record<MessageSerialization, number>;
  instanceId: string;
  startedAt: number;
  committedEvents: number;
  failedTransactions: number;
}

/** Options page: delete every recorded row (answered with ClearAllResponse once done). */
export interface ClearAllRequest {
  type: 'ri:clear-all';
}
export interface ClearAllResponse {
  ok: boolean;
  pages: number;
}

/**
 * Apply a fault (docs/faults.md) to one connection: by id, or the newest open one of the tab (or
 * of any tab) whose URL contains `urlIncludes`.
 */
export interface FaultRequest {
  type: 'ri:fault';
  connectionId?: string;
  tabId?: number;
  urlIncludes?: string;
  action: FaultAction;
}
export type FaultResponse =
  | { ok: true; faultId: string; connectionId: string; url: string; /** drop with refuseMs: when new connections are accepted again (epoch ms). */ refusedUntil?: number; refuseFilter?: string }
  | { ok: false; error: string };

/** What our own pages ask the background with runtime.sendMessage (one listener, one own-page check). */
export type RuntimeRequest = FlushAllRequest | StatusRequest | ClearAllRequest | FaultRequest;

export function isRuntimeRequest(x: unknown): x is RuntimeRequest {
  if (!isObj(x)) return false;
  if (x.type === 'ri:status' || x.type === 'ri:clear-all') return true;
  if (x.type === 'ri:fault') {
    return (
      (x.connectionId === undefined || isStr(x.connectionId, 64)) &&
      (x.tabId === undefined || isInt(x.tabId)) &&
      (x.urlIncludes === undefined || isStr(x.urlIncludes, LIMITS.maxUrlChars)) &&
      (x.connectionId !== undefined || x.urlIncludes !== undefined) &&
      isFaultAction(x.action)
    );
  }
  return x.type === 'ri:flush-all' && (x.timeoutMs === undefined || isInt(x.timeoutMs));
}

// ---------------------------------------------------------------------------------------------
// Viewer → background: importing a session from a file (docs/viewer.md). The viewer parses the
// file and sends its rows in batches; the background stores them under a new negative tabId and
// writes the ImportRow last, or deletes everything it wrote if the import fails or the port drops.
// ---------------------------------------------------------------------------------------------

export const IMPORT_PORT = 'ri-import';

export interface ImportBeginMessage {
  type: 'import-begin';
  fileName: string;
  format: import('./model').ImportRow['format'];
  /** What the file says about itself (producer, exportedAt, sanitized), shown in the viewer. */
  meta: Record<string, unknown>;
}
/**
 * Rows in the file's own ids; `lastSeq` = how many events of the connection follow, or null when
 * the sender does not know yet (a streamed NDJSON file): the background then counts them.
 */
export interface ImportRowsMessage {
  type: 'import-rows';
  pages: import('./session-log-format').LogPage[];
  connections: Array<{ connection: import('./session-log-format').LogConnection; lastSeq: number | null }>;
  events: import('./session-log-format').LogEvent[];
}
export interface ImportCommitMessage {
  type: 'import-commit';
}
export interface ImportDeleteMessage {
  type: 'import-delete';
  tabId: number;
}
export type ViewerToBackground = ImportBeginMessage | ImportRowsMessage | ImportCommitMessage | ImportDeleteMessage;

export function isViewerToBackground(x: unknown): x is ViewerToBackground {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'import-begin':
      return isStr(x.fileName, 1024) && (x.format === 'session-log' || x.format === 'har' || x.format === 'ndjson') && isObj(x.meta);
    case 'import-rows':
      return (
        Array.isArray(x.pages) &&
        x.pages.every(isLogPage) &&
        Array.isArray(x.connections) &&
        x.connections.every((c) => isObj(c) && (c.lastSeq === null || (isInt(c.lastSeq) && (c.lastSeq as number) >= 0)) && isLogConnection(c.connection)) &&
        Array.isArray(x.events) &&
        x.events.every(isLogEvent)
      );
    case 'import-commit':
      return true;
    case 'import-delete':
      return isInt(x.tabId) && (x.tabId as number) < 0;
    default:
      return false;
  }
}

export type BackgroundToViewer =
  | { type: 'import-begun'; tabId: number }
  /** A rows batch is stored: send the next (flow control, bounded memory in the background). */
  | { type: 'import-stored' }
  | { type: 'import-done'; tabId: number; connections: number; events: number }
  | { type: 'import-failed'; message: string }
  | { type: 'import-deleted'; tabId: number };

/** Checks what the viewer receives (the background is ours, but a message is still `unknown` until checked). */
export function isBackgroundToViewer(x: unknown): x is BackgroundToViewer {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'import-begun':
    case 'import-deleted':
      return isInt(x.tabId);
    case 'import-stored':
      return true;
    case 'import-done':
      return isInt(x.tabId) && isInt(x.connections) && isInt(x.events);
    case 'import-failed':
      return typeof x.message === 'string';
    default:
      return false;
  }
}

/** Batches stay far below the browsers' message size limits. */
export const IMPORT_BATCH_MAX_CHARS = 8 * 1024 * 1024;
