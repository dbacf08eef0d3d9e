// Reads a session log (docs/session-log.md) from parsed JSON: checks that it is ours, of a
// version we read, and complete and consistent (every row typed, every event of a known
// connection, seq 1, 2, 3 … without holes), so what is imported is exactly what the file holds.

import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION, type LogFinding, type SessionLog } from '../contracts/session-log-format';
import { connectionProblem, eventProblem, pageProblem } from '../contracts/session-log-check';
import { ImportError, newerVersion, notOurs } from './import-error';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

export function readSessionLog(doc: unknown): SessionLog {
  if (!isObj(doc) || doc.format !== SESSION_LOG_FORMAT) {
    throw notOurs(isObj(doc) && typeof doc.format === 'string' ? `its format is "${doc.format.slice(0, 80)}"` : 'it has no "format": "realtime-inspector.session-log"');
  }
  checkVersion(doc.version, 'session log');
  for (const k of ['pages', 'connections', 'events', 'findings'] as const) {
    if (!Array.isArray(doc[k])) throw invalid(`"${k}" must be an array`);
  }
  if (!isObj(doc.producer)) throw invalid('"producer" must be an object');
  const log = doc as unknown as SessionLog;
  checkRows(log);
  return log;
}

/** `supported`: the newest version this release reads (the session log's, unless the format has its own). */
export function checkVersion(version: unknown, what: string, supported: number = SESSION_LOG_VERSION): void {
  if (!Number.isSafeInteger(version) || (version as number) < 1) throw invalid(`"version" must be a positive integer`);
  if ((version as number) > supported) throw newerVersion(what, version as number, supported);
}

export function invalid(message: string): ImportError {
  return new ImportError('invalid', `Invalid session: ${message}.`);
}

/** Every row typed; references resolve; each connection's events are seq 1 … n. */
export function checkRows(log: Pick<SessionLog, 'pages' | 'connections' | 'events' | 'findings'>): void {
  const pageIds = new Set<string>();
  log.pages.forEach((p, i) => {
    const problem = pageProblem(p);
    if (problem) throw invalid(`page ${i}: ${problem}`);
    if (pageIds.has(p.id)) throw invalid(`page id "${p.id}" appears twice`);
    pageIds.add(p.id);
  });
  const lastSeq = new Map<string, number>();
  log.connections.forEach((c, i) => {
    const problem = connectionProblem(c);
    if (problem) throw invalid(`connection ${i}: ${problem}`);
    if (!pageIds.has(c.pageId)) throw invalid(`connection "${c.id}" belongs to page "${c.pageId}", which is not in the file`);
    if (lastSeq.has(c.id)) throw invalid(`connection id "${c.id}" appears twice`);
    lastSeq.set(c.id, 0);
  });
  log.events.forEach((e, i) => {
    const problem = eventProblem(e);
    if (problem) throw invalid(`event ${i}: ${problem}`);
    const last = lastSeq.get(e.connectionId);
    if (last === undefined) throw invalid(`event ${i} belongs to connection "${e.connectionId}", which is not in the file`);
    if (e.seq !== last + 1) throw invalid(`connection "${e.connectionId}": event seq ${e.seq} follows ${last} (events must be 1, 2, 3 … in order)`);
    lastSeq.set(e.connectionId, e.seq);
  });
  log.findings.forEach((f: LogFinding, i) => {
    if (!isObj(f) || typeof f.kind !== 'string' || typeof f.id !== 'string') throw invalid(`finding ${i}: needs id and kind`);
  });
}
