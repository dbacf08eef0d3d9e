// Reads a HAR that Realtime Inspector wrote (src/formats/har-writer.ts) back into a session log: the
// connection and its lifecycle events from `_realtimeInspector`, messages from Chrome's
// `_webSocketMessages` / our `_eventSourceMessages` with their `_ri` extras. A HAR made by other
// tools (Chrome's own export) is refused: it lacks what the analysis needs (seq, open / close).

import type { HarEventSourceMessage, HarWebSocketMessage, RiHar, RiHarEntry } from './har-writer';
import type { LogEvent, SessionLog } from '../contracts/session-log-format';
import { notOurs } from './import-error';
import { checkRows, checkVersion, invalid } from './session-log-reader';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

export function isHar(doc: unknown): boolean {
  return isObj(doc) && isObj(doc.log) && Array.isArray(doc.log.entries);
}

export function readHar(doc: unknown): SessionLog {
  if (!isHar(doc)) throw notOurs('not a HAR (no log.entries)');
  const log = (doc as RiHar).log;
  if (!isObj(log._realtimeInspector)) {
    const creator = isObj(log.creator) && typeof log.creator.name === 'string' ? log.creator.name.slice(0, 80) : 'an unknown tool';
    throw notOurs(`a HAR made by ${creator} (only HARs exported by Realtime Inspector can be imported)`);
  }
  const meta = log._realtimeInspector;
  checkVersion(meta.version, 'HAR');
  if (!Array.isArray(meta.pages) || !Array.isArray(meta.findings)) throw invalid('_realtimeInspector needs pages and findings');
  const connections = [];
  const events: LogEvent[] = [];
  for (const [i, entry] of (log.entries as unknown[]).entries()) {
    if (!isObj(entry) || !isObj(entry._realtimeInspector) || !isObj(entry._realtimeInspector.connection) || !Array.isArray(entry._realtimeInspector.events)) {
      throw invalid(`HAR entry ${i} has no _realtimeInspector connection`);
    }
    const e = entry as unknown as RiHarEntry;
    const c = e._realtimeInspector.connection;
    connections.push(c);
    const messages: LogEvent[] = [];
    for (const m of e._webSocketMessages ?? []) messages.push(fromWs(c.id, m));
    for (const m of e._eventSourceMessages ?? []) messages.push(fromEs(c.id, m));
    events.push(...[...e._realtimeInspector.events, ...messages].sort((a, b) => a.seq - b.seq));
  }
  const out: SessionLog = {
    format: meta.format,
    version: meta.version,
    exportedAt: meta.exportedAt,
    producer: meta.producer,
    pages: meta.pages,
    connections,
    events,
    findings: meta.findings,
  };
  if (meta.sanitized) out.sanitized = meta.sanitized;
  checkRows(out);
  return out;
}

function message(connectionId: string, m: HarWebSocketMessage | HarEventSourceMessage, direction: 'in' | 'out', binary: boolean): LogEvent {
  if (!isObj(m) || !isObj(m._ri) || typeof m.data !== 'string') throw invalid(`a message of "${connectionId}" has no _ri fields`);
  const { noData, ...extra } = m._ri;
  const e = { connectionId, seq: extra.seq, t: extra.t, type: 'message', size: extra.size, direction } as LogEvent;
  Object.assign(e, extra);
  if (!noData) e.data = m.data;
  if (binary) e.binary = true;
  return e;
}

function fromWs(connectionId: string, m: HarWebSocketMessage): LogEvent {
  return message(connectionId, m, m.type === 'send' ? 'out' : 'in', m.opcode === 2);
}

function fromEs(connectionId: string, m: HarEventSourceMessage): LogEvent {
  return message(connectionId, m, 'in', false);
}
