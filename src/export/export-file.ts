// The three export formats behind one call, for the exporter page and the panel: a session log
// (JSON), a HAR, or NDJSON (streamed into a Blob). Sanitized unless includeSensitive.

import type { Db } from '../store/db';
import { sessionLogToHar } from '../formats/har-writer';
import { ndjsonBlob, type NdjsonEnd } from './ndjson-writer';
import type { ExportOptions } from './export-options';
import { buildSessionLog } from './session-log-builder';

export type ExportFormat = 'session-log' | 'har' | 'ndjson';

export const EXPORT_FORMATS: Record<ExportFormat, { label: string; extension: string; mime: string }> = {
  'session-log': { label: 'Session log (JSON)', extension: 'json', mime: 'application/json' },
  har: { label: 'HAR 1.2', extension: 'har', mime: 'application/json' },
  ndjson: { label: 'NDJSON (large sessions)', extension: 'ndjson', mime: 'application/x-ndjson' },
};

export interface ExportedFile {
  blob: Blob;
  /** Counts of what the file holds. */
  summary: { pages: number; connections: number; events: number; findings: number };
}

export async function exportFile(db: Db, format: ExportFormat, opts: ExportOptions, pretty = false): Promise<ExportedFile> {
  if (format === 'ndjson') {
    const { blob, end } = await ndjsonBlob(db, opts);
    return { blob, summary: counts(end) };
  }
  const log = await buildSessionLog(db, opts);
  const doc = format === 'har' ? sessionLogToHar(log) : log;
  const blob = new Blob([JSON.stringify(doc, null, pretty ? 2 : undefined)], { type: EXPORT_FORMATS[format].mime });
  return { blob, summary: { pages: log.pages.length, connections: log.connections.length, events: log.events.length, findings: log.findings.length } };
}

function counts(end: NdjsonEnd): ExportedFile['summary'] {
  return { pages: end.pages, connections: end.connections, events: end.events, findings: end.findings };
}
