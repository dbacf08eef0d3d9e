// NDJSON export, streamed: an async generator reads IndexedDB one chunk of events at a time and
// yields text parts of whole lines, so a session of a million events is never in memory at once
// (the caller turns the parts into a Blob, or writes them to a file). docs/ndjson.md.
//
// Line 1 is a header record; then one record per line: pages, connections, events (grouped by
// connection in seq order), findings; the last line is an `end` record with the counts, so a
// reader can tell a complete file from a truncated one.

import { analyzeSession, type AnalysisResult } from '../analysis';
import { readAnalysisInput } from './analysis-input';
import type { Db } from '../store/db';
import { readEvents } from '../store/event-chunks';
import type { EventRow } from '../contracts/model';
import type { LogSanitized, SessionLog } from '../contracts/session-log-format';
import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION } from '../contracts/session-log-format';
import { restoreImported } from '../store/imported-ids';
import { createRedactor } from '../formats/redact';
import { selectScope } from './select';
import { analysedLogConnection, toLogEvent, toLogPage, type ExportOptions } from './session-log-builder';

export const NDJSON_FORMAT = 'realtime-inspector.ndjson';
export const NDJSON_VERSION = 1;
/** Findings need every event in memory at once: above this many events they are skipped (said in the header). */
export const NDJSON_ANALYSIS_MAX_EVENTS = 200_000;
/** Events read from IndexedDB per step. */
const READ_EVENTS = 5000;
/** Lines are yielded in parts of about this many characters. */
const PART_CHARS = 1 << 20;

export interface NdjsonHeader {
  record: 'header';
  format: typeof NDJSON_FORMAT;
  version: number;
  /** The session log version whose page / connection / event / finding shapes the records use. */
  sessionLogVersion: number;
  exportedAt: string;
  producer: SessionLog['producer'];
  sanitized: LogSanitized;
  /** Set when findings (and lineages, stats) were not computed, with why. */
  findingsSkipped?: string;
}

export interface NdjsonEnd {
  record: 'end';
  pages: number;
  connections: number;
  events: number;
  findings: number;
}

export async function* ndjsonParts(db: Db, opts: ExportOptions, analysisMaxEvents = NDJSON_ANALYSIS_MAX_EVENTS): AsyncGenerator<string, NdjsonEnd> {
  const selection = await selectScope(db, opts);
  const restored = restoreImported(selection.pages, selection.connections, selection.imports);
  const total = selection.connections.reduce((n, c) => n + c.lastSeq, 0);
  const header: NdjsonHeader = {
    record: 'header',
    format: NDJSON_FORMAT,
    version: NDJSON_VERSION,
    sessionLogVersion: SESSION_LOG_VERSION,
    exportedAt: (opts.now?.() ?? new Date()).toISOString(),
    producer: { name: 'Realtime Inspector', version: opts.version ?? __RI_VERSION__, browser: opts.browser },
    sanitized: createRedactor(opts).sanitized,
  };
  let analysis: AnalysisResult | null = null;
  if (total <= analysisMaxEvents) {
    const rows: EventRow[] = [];
    for (const c of selection.connections) rows.push(...(await readEvents(db, c.id, 1, c.lastSeq)));
    const events = restored.event ? rows.map(restored.event) : rows;
    const input = restored.event ? { connections: restored.connections, events, requests: [] } : await readAnalysisInput(db, restored.connections, events);
    // The user's field overrides (settings) apply to recorded data, as in buildSessionLog.
    if (opts.fieldOverrides && !restored.event) input.options = { ...input.options, sequenceFields: opts.fieldOverrides.sequenceFields, timestampFields: opts.fieldOverrides.timestampFields };
    analysis = analyzeSession(input);
  } else {
    header.findingsSkipped = `${total} events: findings are computed for at most ${analysisMaxEvents} (export the session log JSON of a smaller scope for them)`;
  }
  const redact = createRedactor(opts);
  const end: NdjsonEnd = { record: 'end', pages: 0, connections: 0, events: 0, findings: 0 };
  let part = JSON.stringify(header) + '\n';
  const line = (record: string, value: object) => {
    part += `{"record":${JSON.stringify(record)},${JSON.stringify(value).slice(1)}\n`;
  };

  for (const p of restored.pages) {
    line('page', redact.page(toLogPage(p)));
    end.pages++;
  }
  const toAnalysed = analysedLogConnection(analysis);
  for (const c of restored.connections) {
    line('connection', redact.connection(toAnalysed(c)));
    end.connections++;
  }
  for (const c of selection.connections) {
    for (let from = 1; from <= c.lastSeq; from += READ_EVENTS) {
      for (const e of await readEvents(db, c.id, from, Math.min(c.lastSeq, from + READ_EVENTS - 1))) {
        line('event', redact.event(toLogEvent(restored.event ? restored.event(e) : e)));
        end.events++;
      }
      if (part.length >= PART_CHARS) {
        yield part;
        part = '';
      }
    }
  }
  for (const f of analysis?.findings ?? []) {
    line('finding', redact.finding(f));
    end.findings++;
  }
  part += JSON.stringify(end) + '\n';
  yield part;
  return end;
}

/** Streams the NDJSON into a Blob (parts, never one big string). */
export async function ndjsonBlob(db: Db, opts: ExportOptions): Promise<{ blob: Blob; bytes: number; end: NdjsonEnd }> {
  const parts: Blob[] = [];
  const gen = ndjsonParts(db, opts);
  for (;;) {
    const next = await gen.next();
    if (next.done) {
      const blob = new Blob(parts, { type: 'application/x-ndjson' });
      return { blob, bytes: blob.size, end: next.value };
    }
    // Each part becomes a Blob at once so the browser may move it out of the JS heap.
    parts.push(new Blob([next.value]));
  }
}
