// Builds the session log from IndexedDB. The one export path: the panel's Export button, the
// exporter page used by the recorder API / CLI, and tests all call this.

import { analyzeSession, type AnalysisInput, type AnalysisOptions, type AnalysisResult } from '../analysis';
import { readAnalysisInput } from './analysis-input';
import type { Db } from '../store/db';
import { readLogNotices } from './log-notices';
import { readEvents } from '../store/event-chunks';
import type { ConnectionRow, EventRow, PageRow } from '../contracts/model';
import {
  SESSION_LOG_FORMAT,
  SESSION_LOG_VERSION,
  type LogConnection,
  type LogEvent,
  type LogPage,
  type SessionLog,
} from '../contracts/session-log-format';
import { restoreImported } from '../store/imported-ids';
import { createRedactor } from '../formats/redact';
import { selectScope, type ExportScope } from './select';

export interface ExportOptions extends ExportScope {
  /** Producer browser, e.g. "Chromium 156". */
  browser: string;
  version?: string;
  now?: () => Date;
  /** Keep secrets as recorded. Default false: the export is sanitized (src/formats/redact.ts). */
  includeSensitive?: boolean;
  /** The user's extra JSON keys to redact (settings.redactJsonKeys). */
  redactJsonKeys?: readonly string[];
  /** The user's per-URL sequence / timestamp field overrides (settings), for the findings. */
  fieldOverrides?: Pick<AnalysisOptions, 'sequenceFields' | 'timestampFields'>;
}

/** Events are read per connection in chunks of this many (bounded memory per read). */
const EVENT_CHUNK = 5000;

export async function buildSessionLog(db: Db, opts: ExportOptions): Promise<SessionLog> {
  const selection = await selectScope(db, opts);
  const rows: EventRow[] = [];
  for (const c of selection.connections) {
    for (let from = 1; from <= c.lastSeq; from += EVENT_CHUNK) {
      const chunk = await readEvents(db, c.id, from, Math.min(c.lastSeq, from + EVENT_CHUNK - 1));
      for (const ev of chunk) rows.push(ev);
    }
  }
  // Imported tabs are exported with the ids and tab ids their file had (imported-ids.ts).
  const restored = restoreImported(selection.pages, selection.connections, selection.imports);
  const connections = restored.connections;
  const events = restored.event ? rows.map(restored.event) : rows;
  // The same pure analysis the panel runs live; over the exported scope only, before redaction
  // (findings need the real payloads; their texts are redacted below). An imported session
  // has no webRequest observations of its own.
  const input: AnalysisInput =
    restored.event ? { connections, events, requests: [] } : await readAnalysisInput(db, connections, events);
  // The user's field overrides apply to recorded data; an imported log keeps the findings its data gives.
  if (opts.fieldOverrides && !restored.event) input.options = { ...input.options, sequenceFields: opts.fieldOverrides.sequenceFields, timestampFields: opts.fieldOverrides.timestampFields };
  const analysis = analyzeSession(input);
  const redact = createRedactor(opts);
  const toAnalysed = analysedLogConnection(analysis);
  const logConnections = connections.map((c) => redact.connection(toAnalysed(c)));
  return {
    format: SESSION_LOG_FORMAT,
    version: SESSION_LOG_VERSION,
    exportedAt: (opts.now?.() ?? new Date()).toISOString(),
    producer: { name: 'Realtime Inspector', version: opts.version ?? __RI_VERSION__, browser: opts.browser },
    pages: restored.pages.map((p) => redact.page(toLogPage(p))),
    connections: logConnections,
    events: events.map((e) => redact.event(toLogEvent(e))),
    findings: analysis.findings.map((f) => redact.finding(f)),
    sanitized: redact.sanitized,
    ...(await readLogNotices(db, opts.tabIds)),
  };
}

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
  out.counts = { messagesIn: c.messagesIn, messagesOut: c.messagesOut, bytesIn: c.bytesIn, bytesOut: c.bytesOut, errors: c.errors, reconnects: c.reconnects };
  return out;
}

const EVENT_FIELDS = [
  'direction', 'eventType', 'lastEventId', 'data', 'binary', 'truncated', 'origin', 'bufferedAmount',
  'protocol', 'extensions', 'readyState', 'code', 'reason', 'wasClean',
] as const;

export function toLogEvent(ev: EventRow): LogEvent {
  const out: LogEvent = { connectionId: ev.connectionId, seq: ev.seq, t: ev.t, type: ev.type, size: ev.size };
  const o = out as unknown as Record<string, unknown>;
  const e = ev as unknown as Record<string, unknown>;
  for (const k of EVENT_FIELDS) if (e[k] !== undefined) o[k] = e[k];
  return out;
}
