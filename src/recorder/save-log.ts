// Writes what the extension recorded to a file in one of the three export formats, and sums it up
// in one line. Shared by record() (the CLI), the Playwright fixture (on a failing test) and
// puppeteer users' afterEach hooks, so every path writes the same bytes.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { SessionLog } from '../contracts/session-log-format';
import type { ExportFormat, ExportRequest } from './exporter-page';
import { findingsSummary } from './findings-check';

/** What can export: an InspectedBrowser (puppeteer) or the Playwright fixture's `inspector`. */
export interface LogSource {
  exportSessionLog(opts?: ExportRequest): Promise<SessionLog>;
  exportHar(opts?: ExportRequest): Promise<unknown>;
  exportNdjson(opts?: ExportRequest): Promise<string>;
}

/** File name and media type per format, for attachments and default paths. */
export const LOG_FILES: Readonly<Record<ExportFormat, { fileName: string; contentType: string }>> = {
  'session-log': { fileName: 'session-log.json', contentType: 'application/json' },
  har: { fileName: 'session.har', contentType: 'application/json' },
  ndjson: { fileName: 'session.ndjson', contentType: 'application/x-ndjson' },
};

export interface SaveLogOptions extends ExportRequest {
  /** Default 'session-log' (JSON, docs/session-log.md). */
  format?: ExportFormat;
  /** The session log already exported with the same scope, to avoid a second export. */
  sessionLog?: SessionLog;
}

export interface SavedLog {
  /** Absolute path written. */
  path: string;
  format: ExportFormat;
  /** The session log (also for HAR and NDJSON files: the findings come from it). */
  sessionLog: SessionLog;
  /** findingsSummary() of it: one line for the test output. */
  summary: string;
}

/** Exports (sanitized unless `includeSensitive: true`) and writes `out`, creating its folder. */
export async function saveSessionLog(source: LogSource, out: string, opts: SaveLogOptions = {}): Promise<SavedLog> {
  const { format = 'session-log', sessionLog: given, ...scope } = opts;
  const sessionLog = given ?? (await source.exportSessionLog(scope));
  const text =
    format === 'session-log'
      ? `${JSON.stringify(sessionLog, null, 2)}\n`
      : format === 'har'
        ? `${JSON.stringify(await source.exportHar(scope), null, 2)}\n`
        : await source.exportNdjson(scope);
  const path = resolve(out);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return { path, format, sessionLog, summary: findingsSummary(sessionLog) };
}
