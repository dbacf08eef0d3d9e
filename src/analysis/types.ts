// The analysis contract: what goes in (connections and events as stored or imported, plus
// optional request observations from the background's webRequest listener), what comes out
// (findings, lineages, per-connection stats). Pure data: no browser or extension types.

import type { ChannelKind } from '../contracts/protocol';
import type { CloseInfo, EventRow, RequestRow } from '../contracts/model';
import type { FieldOverride } from '../contracts/settings';

/** The fields of a stored ConnectionRow (or an imported LogConnection) that analysis reads. */
export interface AnalysisConnection {
  id: string;
  tabId: number;
  pageId: string;
  kind: ChannelKind;
  url: string;
  origin: string;
  frameUrl: string;
  /** When known, distinguishes two frames that show the same URL. */
  frameId?: number;
  createdAt: number;
  openedAt?: number;
  closedAt?: number;
  close?: CloseInfo;
  closeCall?: { t: number; code?: number; reason?: string };
  state?: string;
  ended?: 'page-unloaded' | 'tab-closed';
  listenedTypes?: string[];
  requestedProtocols?: string[];
  protocol?: string;
  /** fetch-stream only (src/contracts/model.ts ConnectionRow). */
  method?: string;
  /** `xhr`: read through XMLHttpRequest (the findings name it so). */
  api?: 'xhr' | 'websocketstream';
  /** The Last-Event-ID header the request sent (webRequest): a client resuming an SSE stream. */
  requestLastEventId?: string;
  /** `network`: only webRequest saw it (model.ts). */
  seenBy?: 'network';
  streamFormat?: 'sse' | 'ndjson' | 'json-seq';
  streamEnd?: { t: number; by: 'server' | 'cancel' | 'abort' | 'error'; error?: string };
  requestStartedAt?: number;
  responseStartedAt?: number;
}

export type AnalysisEvent = EventRow;

/**
 * One HTTP request of a realtime connection as seen by webRequest (never blocking): a stored
 * RequestRow, with the connection it belongs to when the background could tell.
 */
export interface RequestObservation extends Omit<RequestRow, 'id'> {
  connectionId?: string;
}

export type { FieldOverride } from '../contracts/settings';

export interface AnalysisOptions {
  /** WebSocket JSON sequence field per URL pattern (first match wins), overriding detection. */
  sequenceFields?: FieldOverride[];
  /** Timestamp field for delivery lag per URL pattern (first match wins), overriding detection. */
  timestampFields?: FieldOverride[];
  /** Protocol per URL pattern (first match wins): a decoder id, or null for no decoding; else detected. */
  protocolOverrides?: FieldOverride[];
  /** Extra query parameter names that do not make a WebSocket endpoint different. */
  volatileParams?: string[];
  /** "Now" for connections still open (default: the latest time in the input). */
  now?: number;
  /** The wall clock for recovery verdicts (docs/faults.md): "never reconnected" needs time to pass without events. Default: `now`. */
  verdictNow?: number;
}

export interface AnalysisInput {
  connections: AnalysisConnection[];
  /** Grouped by connection, in seq order (other orders are accepted and sorted). */
  events: AnalysisEvent[];
  requests?: RequestObservation[];
  options?: AnalysisOptions;
}

export type Severity = 'info' | 'warning' | 'error';

export const FINDING_KINDS = [
  'reconnect',
  'reconnect-storm',
  'eventsource-fatal',
  'event-id-gap',
  'event-id-duplicate',
  'event-id-out-of-order',
  'event-id-reset',
  'resume-mismatch',
  'connection-limit-pressure',
  'stalled-connect',
  'websocket-ceiling',
  'abnormal-close',
  'server-going-away',
  'credential-expired',
  'backpressure',
  'unidirectional-websocket',
  'stream-timing',
  'stream-stall',
  'stream-incomplete',
  'stream-resume',
  'unanswered-request',
  'protocol-error',
  'subscription-lost',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

/** Names one recorded event. */
export interface EventRef {
  connectionId: string;
  seq: number;
}

export type EvidenceValue = string | number | boolean | null | EventRef | EvidenceValue[] | { [key: string]: EvidenceValue };
export type Evidence = { [key: string]: EvidenceValue };

export interface Finding {
  /** Stable: the same input gives the same id, and a finding that grows keeps its id. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  t: number;
  connectionIds: string[];
  /** One plain sentence. */
  message: string;
  evidence: Evidence;
}

export interface LineageEntry {
  connectionId: string;
  /** The id of the first connection of the lineage. */
  lineageId: string;
  /** 1 for the first connection of a lineage, 2 for the socket that replaced it, … */
  attempt: number;
}

export interface RateBucket {
  /** Start of the 1-second bucket (epoch ms, a multiple of 1000). */
  t: number;
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
}

export interface DetectedField {
  path: string;
  source: 'detected' | 'option';
}

export interface LagStats extends DetectedField {
  /** How the field's values were read. */
  unit: 'ms' | 's' | 'iso';
  count: number;
  /** Receive time minus the message's timestamp (ms); negative means the clocks disagree. */
  p50: number;
  p95: number;
  max: number;
}

export interface ConnectionStats {
  connectionId: string;
  /** Only buckets with traffic, ascending. */
  rates: RateBucket[];
  lag?: LagStats;
  sequenceField?: DetectedField;
}

export interface AnalysisResult {
  findings: Finding[];
  lineages: LineageEntry[];
  stats: ConnectionStats[];
  /** One per fault applied on purpose (src/analysis/recovery/, docs/faults.md). */
  verdicts: import('../contracts/session-log-format').LogVerdict[];
}
