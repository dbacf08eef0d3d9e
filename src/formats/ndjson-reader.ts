// Reads our NDJSON (src/export/ndjson-writer.ts) from a whole text into a session log. The viewer streams
// NDJSON files instead (ndjson-stream.ts); both check lines with NdjsonRecordReader.

import { SESSION_LOG_FORMAT, type SessionLog } from '../contracts/session-log-format';
import { NDJSON_FORMAT } from '../contracts/ndjson-format';
import { NdjsonRecordReader } from './ndjson-records';

export function looksLikeNdjson(text: string): boolean {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  return first.includes(`"record":"header"`) && first.includes(NDJSON_FORMAT);
}

export function readNdjson(text: string): SessionLog {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const reader = new NdjsonRecordReader();
  const log: SessionLog = { format: SESSION_LOG_FORMAT, version: 1, exportedAt: '', producer: { name: '', version: '', browser: '' }, pages: [], connections: [], events: [], findings: [] };
  for (const line of lines) {
    const r = reader.line(line);
    if (r?.record === 'page') log.pages.push(r.row);
    else if (r?.record === 'connection') log.connections.push(r.row);
    else if (r?.record === 'event') log.events.push(r.row);
    else if (r?.record === 'finding') log.findings.push(r.row);
  }
  reader.finish();
  return { ...log, ...reader.head! };
}
