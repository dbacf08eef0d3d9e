// The exported session log: a stable, versioned, documented format (docs/session-log.md,
// docs/session-log.schema.json). Version 1 fields are fixed; later versions only add fields.
// Version 2 adds the `fetch-stream` connection kind (with its request / response / end fields)
// and the `chunk` event type; version 3 adds the `fault` event type (with `fault`), `verdicts`
// (docs/faults.md) and `api` (`xhr`: a stream read through XMLHttpRequest). Each version is
// additive: an older log is a valid newer log.

import type { ChannelKind, CloseInfo, Direction, EventType } from './model';

export const SESSION_LOG_FORMAT = 'realtime-inspector.session-log';
export const SESSION_LOG_VERSION = 3;

export interface SessionLog {
  format: typeof SESSION_LOG_FORMAT;
  version: number;
  exportedAt: string;
  producer: { name: string; version: string; browser: string };
  pages: LogPage[];
  connections: LogConnection[];
  events: LogEvent[];
  findings: LogFinding[];
  /** What retention, quota relief or "clear all" removed (optional; see docs/session-log.md). */
  notices?: LogNotice[];
  /** Additive: whether secrets were masked on export, and by which rules (docs/session-log.md). */
  sanitized?: LogSanitized;
  /** Version 3: one recovery verdict per fault applied on purpose (docs/faults.md). */
  verdicts?: LogVerdict[];
}

/** How the app came back after a fault (src/analysis/faults/): computed, never read back on import. */
export interface LogVerdict {
  faultId: string;
  /** The fault kind (drop, messages, …) and, for message faults, the mode. */
  action: string;
  mode?: string;
  connectionId: string;
  lineageId: string;
  t: number;
  /** recovered: the app came back whole; defect: it came back with a problem or did not; waiting: too early to say; info: nothing to judge. */
  status: 'recovered' | 'defect' | 'waiting' | 'info';
  /** Named defects: not-reconnected, tight-loop, not-resumed, missed-events, duplicated-events, not-resubscribed, not-noticed. */
  defects: string[];
  /** The app-visible outcome in one sentence. */
  message: string;
  /** What the sentence rests on: times, attempts and delays, ids, the events (connectionId + seq). */
  evidence: Record<string, unknown>;
}

/** Something the extension itself did to the recorded data: a reader must know a part is missing. */
export interface LogNotice {
  t: number;
  kind: 'retention' | 'quota' | 'cleared' | 'payload-cap';
  /** The tab it concerns; 0 = every tab. */
  tabId: number;
  message: string;
  details?: Record<string, unknown>;
}

export interface LogSanitized {
  applied: boolean;
  /** Rule names: url-secret-params, jwt, credential-headers, json-secret-keys, json-user-keys. */
  rules: string[];
  /** The character every masked character was replaced with. */
  mask?: string;
  /** The user's extra JSON keys (settings.redactJsonKeys) when `json-user-keys` applied. */
  jsonKeys?: string[];
}

/** A finding (docs/findings.md): what went wrong, in one sentence, with the events that prove it. */
export interface LogFinding {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'error';
  t: number;
  connectionIds: string[];
  message: string;
  evidence: Record<string, unknown>;
}

export interface LogPage {
  id: string;
  tabId: number;
  url: string;
  startedAt: number;
}

export interface LogConnection {
  id: string;
  pageId: string;
  kind: ChannelKind;
  url: string;
  origin: string;
  frameUrl: string;
  createdAt: number;
  openedAt?: number;
  closedAt?: number;
  protocol?: string;
  close?: CloseInfo;
  // Additive fields (v1 readers ignore what they do not know).
  tabId?: number;
  state?: string;
  ended?: 'page-unloaded' | 'tab-closed';
  counts?: { messagesIn: number; messagesOut: number; bytesIn: number; bytesOut: number; errors: number; reconnects: number };
  extensions?: string;
  requestedProtocols?: string[];
  withCredentials?: boolean;
  stack?: string;
  closeCall?: { t: number; code?: number; reason?: string };
  listenedTypes?: string[];
  /** The frame that created it (0 = top frame); lineages are per frame. */
  frameId?: number;
  /** Connections that replace one another (a client reconnecting) share a lineage. */
  lineageId?: string;
  /** 1 for the first connection of a lineage, 2 for its first reconnect, … */
  attempt?: number;
  stats?: LogConnectionStats;
  // Version 2, fetch-stream only (src/contracts/model.ts ConnectionRow has their meaning).
  method?: string;
  /** Version 3: `xhr` when the stream was read through XMLHttpRequest (absent: fetch()). */
  api?: 'xhr' | 'websocketstream';
  /** Version 3: `network` when only webRequest saw it (a Worker / SharedWorker connection; model.ts ConnectionRow). */
  seenBy?: 'network';
  noTab?: true;
  workerScript?: string;
  status?: number;
  statusText?: string;
  contentType?: string;
  contentEncoding?: string;
  responseUrl?: string;
  streamFormat?: 'sse' | 'ndjson' | 'json-seq';
  streamEnd?: { t: number; by: 'server' | 'cancel' | 'abort' | 'error'; error?: string };
  sseRetryMs?: number;
  chunks?: number;
  /** Version 3, fetch-stream, from webRequest: the Last-Event-ID request header. */
  requestLastEventId?: string;
  /** fetch-stream, from webRequest: when the request was sent and its response headers arrived (epoch ms). */
  requestStartedAt?: number;
  responseStartedAt?: number;
}

/** Rates in 1-s buckets (only buckets with traffic) and delivery lag where messages carry a timestamp. */
export interface LogConnectionStats {
  connectionId: string;
  rates: Array<{ t: number; messagesIn: number; messagesOut: number; bytesIn: number; bytesOut: number }>;
  lag?: { path: string; source: string; unit: string; count: number; p50: number; p95: number; max: number };
  sequenceField?: { path: string; source: string };
}

export interface LogEvent {
  connectionId: string;
  seq: number;
  t: number;
  type: EventType;
  direction?: Direction;
  eventType?: string;
  lastEventId?: string;
  data?: string;
  binary?: true;
  size: number;
  truncated?: true;
  origin?: string;
  bufferedAmount?: number;
  protocol?: string;
  extensions?: string;
  readyState?: number;
  code?: number;
  reason?: string;
  wasClean?: boolean;
  /** Version 2, fetch-stream: a last event / line cut off before its end. */
  unterminated?: true;
  /** Version 2, fetch-stream close: who ended the body. */
  endedBy?: 'server' | 'cancel' | 'abort' | 'error';
  /** Version 3, type `fault`: what a fault applied on purpose did (docs/faults.md). */
  fault?: import('./fault').FaultMark;
  /** Optional, derived on export: what the connection's protocol decoder read in this frame (docs/protocols.md). Never read back on import. */
  decoded?: LogDecoded;
}

/** The protocol-level reading of one frame: types, names and ids only (payloads stay in `data`). */
export interface LogDecoded {
  protocol: string;
  messages: Array<{ type: string; kind: string; name?: string; id?: string; channel?: string }>;
  /** A piece of a message that continues in later frames. */
  partial?: { type: string; name?: string };
  /** Why the frame is not read as that protocol. */
  error?: string;
}
