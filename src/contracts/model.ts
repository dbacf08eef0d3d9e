// What the background stores in IndexedDB and what panels and exports read. One "channel"
// model for every kind: WebSocket, EventSource and streamed fetch responses differ only in which
// optional fields are set.

/** `fetch-stream`: a fetch() response with a streamed content type (SSE, NDJSON) that the page read. */
export type ChannelKind = 'websocket' | 'eventsource' | 'fetch-stream';
export type Direction = 'in' | 'out';

/** One top-level load of a tab. */
export interface PageRow {
  id: string;
  tabId: number;
  url: string;
  startedAt: number;
  /**
   * Running estimate of the bytes its rows take (event chunks and connections), kept by the
   * background's commits for retention and quota decisions without scanning (page-bytes.ts).
   */
  storedBytes?: number;
}

export type ConnectionState = 'connecting' | 'open' | 'closing' | 'closed';

export interface CloseInfo {
  code: number;
  reason: string;
  wasClean: boolean;
}

export interface ConnectionRow {
  id: string;
  pageId: string;
  tabId: number;
  /** The relay's id of the document that created it, and the hook's number for it there. */
  sourceId: string;
  localId: number;
  kind: ChannelKind;
  url: string;
  origin: string;
  frameUrl: string;
  /** 0 for the top frame. */
  frameId: number;
  createdAt: number;
  openedAt?: number;
  closedAt?: number;
  protocol?: string;
  extensions?: string;
  requestedProtocols?: string[];
  withCredentials?: boolean;
  stack?: string;
  close?: CloseInfo;
  /** The page asked to close (close() call), with what it passed. */
  closeCall?: { t: number; code?: number; reason?: string };
  state: ConnectionState;
  /** Why a connection ended without a close event of its own: its page was left or its tab closed. */
  ended?: 'page-unloaded' | 'tab-closed';
  /** seq of the last stored event of this connection (events are 1 … lastSeq, no holes). */
  lastSeq: number;
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
  errors: number;
  /** EventSource: how many times the browser reconnected by itself (error → connecting → open). */
  reconnects: number;
  /** EventSource: the last message's lastEventId and origin (the hook sends them when they change). */
  lastEventId?: string;
  messageOrigin?: string;
  /** SSE event types the page listens to (others are invisible to the hook). */
  listenedTypes?: string[];
  /** fetch-stream: the request and response as the page saw them (src/contracts/protocol.ts OpenRecord). */
  method?: string;
  /** fetch-stream read through XMLHttpRequest (`xhr`); absent for fetch(). */
  api?: 'xhr' | 'websocketstream';
  /**
   * `network`: no hook of ours saw it, only webRequest (a connection made in a Worker or a
   * SharedWorker, or a stream the page did not read progressively): open / close times and the
   * handshake status, no messages (src/background/network-connections.ts).
   */
  seenBy?: 'network';
  /** seenBy network: the browser tied the request to no tab (a SharedWorker or a service worker). */
  noTab?: true;
  /** seenBy network, Firefox: the worker script that made the request, when the browser names it. */
  workerScript?: string;
  status?: number;
  statusText?: string;
  contentType?: string;
  contentEncoding?: string;
  responseUrl?: string;
  streamFormat?: 'sse' | 'ndjson' | 'json-seq';
  /** fetch-stream: how the body ended (server end of body, page cancel / abort, network error) and when. */
  streamEnd?: { t: number; by: 'server' | 'cancel' | 'abort' | 'error'; error?: string };
  /** fetch-stream SSE: the last `retry:` value the stream sent (ms). */
  sseRetryMs?: number;
  /** fetch-stream: raw chunks the page read (each also stored as a `chunk` event). */
  chunks?: number;
  /** fetch-stream, from webRequest: the Last-Event-ID request header (a client resuming, e.g. fetch-event-source). */
  requestLastEventId?: string;
  /** fetch-stream, from webRequest: when the request was sent and its response headers arrived (epoch ms). */
  requestStartedAt?: number;
  responseStartedAt?: number;
}

/** `chunk`: the raw bytes one read of a fetch-stream body returned (decoded as UTF-8 text). */
/** `fault`: a mark of a fault applied on purpose (docs/faults.md): never traffic, never counted as such. */
export type EventType = 'open' | 'message' | 'error' | 'close' | 'chunk' | 'fault';

export interface EventRow {
  connectionId: string;
  seq: number;
  t: number;
  type: EventType;
  direction?: Direction;
  eventType?: string;
  lastEventId?: string;
  origin?: string;
  data?: string;
  binary?: true;
  size: number;
  truncated?: true;
  bufferedAmount?: number;
  /** open: negotiated subprotocol / extensions (WebSocket). */
  protocol?: string;
  extensions?: string;
  /** error: readyState after it (0 = EventSource reconnecting by itself). */
  readyState?: number;
  /** close: RFC 6455 close code, reason and wasClean. */
  code?: number;
  reason?: string;
  wasClean?: boolean;
  /** fetch-stream message: the last event / line, cut off before its end (the spec would drop it). */
  unterminated?: true;
  /** fetch-stream close: who ended the body (reason holds the error's name). */
  endedBy?: 'server' | 'cancel' | 'abort' | 'error';
  /** fault: what the fault did (its injected / sent / held text is in `data`). */
  fault?: import('./fault').FaultMark;
}

/** Where a document's records come from; persisted so a restarted background keeps its place. */
export interface SourceRow {
  sourceId: string;
  tabId: number;
  frameId: number;
  pageId: string;
  frameUrl: string;
  isTop: boolean;
  timeOrigin: number;
  /** Highest batch number durably stored: replays at or below it are acknowledged and dropped. */
  lastBatchNo: number;
}

/** The current top-level load of a tab. Its page row is written when its first connection appears. */
export interface TabRow {
  tabId: number;
  pageId: string;
  url: string;
  startedAt: number;
  topSourceId?: string;
}

/**
 * One HTTP request of an EventSource as the background saw it with webRequest (never blocking):
 * the Last-Event-ID the browser sent, the response status and type, the HTTP version. Page
 * script cannot see these. Stored as analysis input (src/analysis RequestObservation).
 */
export interface RequestRow {
  id?: number;
  tabId: number;
  url: string;
  t: number;
  lastEventId?: string;
  statusCode?: number;
  contentType?: string;
  httpVersion?: string;
  error?: string;
}

/**
 * A session imported from a file (session log or HAR) for reading in the viewer. Its pages,
 * connections and events are stored like recorded ones under `tabId` (negative, never a real
 * tab). Written in the same transaction as the last of its rows, so a row here means "complete".
 */
export interface ImportRow {
  tabId: number;
  fileName: string;
  format: 'session-log' | 'har' | 'ndjson';
  importedAt: number;
  /** What the file said about itself (producer, exportedAt, sanitized rules), shown in the viewer. */
  meta?: Record<string, unknown>;
  connections: number;
  events: number;
}

/**
 * Something the extension did to recorded data that a reader must know about: retention removed
 * old sessions, the storage quota was hit and the oldest data was dropped, a payload was capped.
 * `tabId` is the tab the notice concerns, or -0 / undefined-like 0 for all tabs (stored as 0).
 */
export interface NoticeRow {
  id?: number;
  /** 0 when it concerns every tab. */
  tabId: number;
  t: number;
  kind: 'retention' | 'quota' | 'cleared' | 'payload-cap';
  message: string;
  /** What was removed, for the log: page ids, counts, bytes. */
  details?: Record<string, unknown>;
}

// Events are stored in chunks (src/store/event-chunks.ts): one row per run of consecutive events.
/** An event as stored inside its chunk (the chunk carries the connection id once). */
export type StoredEvent = Omit<EventRow, 'connectionId'>;

/**
 * A run of consecutive events of one connection, in two strings: one string is far cheaper for
 * IndexedDB to clone and write than thousands of small objects (measured in Firefox: most of the
 * storage cost of a burst was the structured clone of event objects).
 */
export type EventChunk = EventChunkV2 | EventChunkV1;

interface ChunkKey {
  connectionId: string;
  firstSeq: number;
  lastSeq: number;
}

/**
 * Since 0.2: the payloads are never JSON-escaped. `meta` is the JSON array of the events without
 * `data`, each with `dl`, the length of its payload in `data` (absent: no payload); `data` is
 * every payload of the chunk concatenated in seq order. Writing costs one copy of each payload,
 * and a text filter searches `data` without parsing anything.
 */
export interface EventChunkV2 extends ChunkKey {
  meta: string;
  data: string;
}

/** Before 0.2: the events (payloads included) as one JSON array of StoredEvent. Still read. */
export interface EventChunkV1 extends ChunkKey {
  json: string;
}
