// NDJSON export, streamed: an async generator reads IndexedDB one chunk of events at a time and
// yields text parts of whole lines, so a session of a million events is never in memory at once
// (the caller turns the parts into a Blob, or writes them to a file). docs/ndjson.md.
//
// Line 1 is a header record; then one record per line: pages, connections, events (grouped by
// connection in seq order), findings; the last line is an `end` record with the counts, so a
// reader can tell a complete file from a truncated one.

import { NDJSON_FORMAT, NDJSON_VERSION, type NdjsonEnd, type NdjsonHeader } from '../contracts/ndjson-format';
import { SESSION_LOG_VERSION } from '../contracts/session-log-format';
import { analysedLogConnection, toLogEvent, toLogPage } from '../formats/log-rows';
import { createEventDecoder } from './decoded-fields';
import { producer } from '../formats/producer';
import { createRedactor } from '../formats/redact';
import type { Db } from '../store/db';
import { readEvents } from '../store/event-chunks';
import { EVENT_CHUNK, readAnalysedScope } from './analysed-scope';
import type { ExportOptions } from './export-options';

export { NDJSON_FORMAT, NDJSON_VERSION, type NdjsonEnd, type NdjsonHeader };

/** Findings need every event in memory at once: above this many events they are skipped (said in the header). */
export const NDJSON_ANALYSIS_MAX_EVENTS = 200_000;
/** Lines are yielded in parts of about this many characters. */
const PART_CHARS = 1 << 20;

export async function* ndjsonParts(db: Db, opts: ExportOptions, analysisMaxEvents = NDJSON_ANALYSIS_MAX_EVENTS): AsyncGenerator<string, NdjsonEnd> {
  const scope = await readAnalysedScope(db, opts, analysisMaxEvents);
  const { analysis, restoreEvent } = scope;
  // The analysis is done: let its copy of the events go before the events are written.
  scope.events = null;
  const header: NdjsonHeader = {
    record: 'header',
    format: NDJSON_FORMAT,
    version: NDJSON_VERSION,
    sessionLogVersion: SESSION_LOG_VERSION,
    exportedAt: (opts.now?.() ?? new Date()).toISOString(),
    producer: producer(opts),
    sanitized: createRedactor(opts).sanitized,
  };
  if (!analysis) header.findingsSkipped = `${scope.totalEvents} events: findings are computed for at most ${analysisMaxEvents} (export the session log JSON of a smaller scope for them)`;
  const redact = createRedactor(opts);
  const end: NdjsonEnd = { record: 'end', pages: 0, connections: 0, events: 0, findings: 0 };
  let part = JSON.stringify(header) + '\n';
  const line = (record: string, value: object) => {
    part += `{"record":${JSON.stringify(record)},${JSON.stringify(value).slice(1)}\n`;
  };

  for (const p of scope.pages) {
    line('page', redact.page(toLogPage(p)));
    end.pages++;
  }
  const toAnalysed = analysedLogConnection(analysis);
  const connections = scope.connections.map(toAnalysed);
  const decoder = createEventDecoder(connections, opts.fieldOverrides?.protocolOverrides);
  for (const c of connections) {
    line('connection', redact.connection(c));
    end.connections++;
  }
  // Events are read again chunk by chunk (not kept from the analysis, which may have been skipped).
  for (const c of scope.selection.connections) {
    for (let from = 1; from <= c.lastSeq; from += EVENT_CHUNK) {
      for (const e of await readEvents(db, c.id, from, Math.min(c.lastSeq, from + EVENT_CHUNK - 1))) {
        line('event', redact.event(decoder.annotate(toLogEvent(restoreEvent ? restoreEvent(e) : e))));
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
