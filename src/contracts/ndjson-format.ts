// The NDJSON export's own records (docs/ndjson.md): a header line first and an `end` line last;
// pages, connections, events and findings in between use the session log's shapes. Shared by the
// writer (src/export/ndjson-writer.ts) and the readers (src/formats/ndjson-*.ts).

import type { LogSanitized, SessionLog } from './session-log-format';

export const NDJSON_FORMAT = 'realtime-inspector.ndjson';
export const NDJSON_VERSION = 1;

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
