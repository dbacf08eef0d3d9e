// Reads our NDJSON (src/export/ndjson.ts) into a session log: header first, one record a line,
// the `end` record last with counts that must match (else the file was cut short).

import { SESSION_LOG_FORMAT, type LogConnection, type LogEvent, type LogFinding, type LogPage, type SessionLog } from '../../shared/session-log';
import { NDJSON_FORMAT, type NdjsonEnd, type NdjsonHeader } from '../ndjson';
import { ImportError, notOurs } from './import-error';
import { parseJsonText } from './json-text';
import { checkRows, checkVersion, invalid } from './session-log';

export function looksLikeNdjson(text: string): boolean {
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  return first.includes(`"record":"header"`) && first.includes(NDJSON_FORMAT);
}

export function readNdjson(text: string): SessionLog {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = parseJsonText(lines[0] ?? '', 'first line') as Partial<NdjsonHeader>;
  if (header.record !== 'header' || header.format !== NDJSON_FORMAT) throw notOurs('its first line is not a Realtime Inspector NDJSON header');
  checkVersion(header.version, 'NDJSON file');
  const pages: LogPage[] = [];
  const connections: LogConnection[] = [];
  const events: LogEvent[] = [];
  const findings: LogFinding[] = [];
  let end: NdjsonEnd | null = null;
  for (let i = 1; i < lines.length; i++) {
    if (end) throw invalid(`line ${i + 1} follows the end record`);
    const rec = parseJsonText(lines[i]!, `line ${i + 1}`) as { record?: unknown };
    const { record, ...row } = rec;
    if (record === 'page') pages.push(row as LogPage);
    else if (record === 'connection') connections.push(row as LogConnection);
    else if (record === 'event') events.push(row as LogEvent);
    else if (record === 'finding') findings.push(row as LogFinding);
    else if (record === 'end') end = rec as NdjsonEnd;
    else throw invalid(`line ${i + 1}: unknown record ${JSON.stringify(record)}`);
  }
  if (!end) throw new ImportError('truncated', `Truncated NDJSON: no end record after ${lines.length} lines (the file was cut short).`);
  const counts = { pages: pages.length, connections: connections.length, events: events.length, findings: findings.length };
  for (const k of ['pages', 'connections', 'events', 'findings'] as const) {
    if (end[k] !== counts[k]) throw new ImportError('truncated', `Truncated NDJSON: the end record counts ${end[k]} ${k}, the file holds ${counts[k]}.`);
  }
  const log: SessionLog = {
    format: SESSION_LOG_FORMAT,
    version: header.sessionLogVersion ?? 1,
    exportedAt: header.exportedAt ?? '',
    producer: header.producer!,
    pages,
    connections,
    events,
    findings,
  };
  if (header.sanitized) log.sanitized = header.sanitized;
  checkRows(log);
  return log;
}
