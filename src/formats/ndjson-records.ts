// Checks an NDJSON export (src/export/ndjson-writer.ts) one line at a time, so a file of a million events
// can be validated as it streams in: header first, then pages, connections (each of a page seen
// before), events (each of a connection seen before, seq 1, 2, 3 … per connection), findings, and
// the `end` record last with counts that must match what came before (else the file was cut
// short). Keeps only ids and per-connection seqs, never the rows. Pure.

import type { LogConnection, LogEvent, LogFinding, LogPage, SessionLog } from '../contracts/session-log-format';
import { connectionProblem, eventProblem, pageProblem } from '../contracts/session-log-check';
import { NDJSON_FORMAT, NDJSON_VERSION, type NdjsonEnd, type NdjsonHeader } from '../contracts/ndjson-format';
import { ImportError, notOurs } from './import-error';
import { parseJsonText } from './json-text';
import { checkVersion, invalid } from './session-log-reader';

export type NdjsonRecord =
  | { record: 'page'; row: LogPage }
  | { record: 'connection'; row: LogConnection }
  | { record: 'event'; row: LogEvent }
  | { record: 'finding'; row: LogFinding }
  | { record: 'end'; row: NdjsonEnd };

/** What the header says about the file, as a session log's top-level fields. */
export type NdjsonHead = Pick<SessionLog, 'version' | 'exportedAt' | 'producer' | 'sanitized'>;

export class NdjsonRecordReader {
  private lineNo = 0;
  private headValue: NdjsonHead | null = null;
  private end: NdjsonEnd | null = null;
  private readonly pageIds = new Set<string>();
  /** Connection id → seq of its last event so far. */
  private readonly lastSeq = new Map<string, number>();
  private readonly counts = { pages: 0, connections: 0, events: 0, findings: 0 };

  get head(): NdjsonHead | null {
    return this.headValue;
  }

  /** Seq of the last event of each connection read so far. */
  get seqs(): ReadonlyMap<string, number> {
    return this.lastSeq;
  }

  /** Reads the next line: null for the header, else the record it holds. Throws an ImportError. */
  line(text: string): NdjsonRecord | null {
    const n = ++this.lineNo;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (n === 1) {
      this.readHeader(text);
      return null;
    }
    if (this.end) throw invalid(`line ${n} follows the end record`);
    const rec = parseJsonText(text, `line ${n}`) as Record<string, unknown> | null;
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) throw invalid(`line ${n} is not a record`);
    const { record, ...row } = rec;
    switch (record) {
      case 'page': {
        const problem = pageProblem(row);
        if (problem) throw invalid(`line ${n}: page: ${problem}`);
        const page = row as unknown as LogPage;
        if (this.pageIds.has(page.id)) throw invalid(`page id "${page.id}" appears twice`);
        this.pageIds.add(page.id);
        this.counts.pages++;
        return { record, row: page };
      }
      case 'connection': {
        const problem = connectionProblem(row);
        if (problem) throw invalid(`line ${n}: connection: ${problem}`);
        const c = row as unknown as LogConnection;
        if (!this.pageIds.has(c.pageId)) throw invalid(`connection "${c.id}" belongs to page "${c.pageId}", which is not in the file before it`);
        if (this.lastSeq.has(c.id)) throw invalid(`connection id "${c.id}" appears twice`);
        this.lastSeq.set(c.id, 0);
        this.counts.connections++;
        return { record, row: c };
      }
      case 'event': {
        const problem = eventProblem(row);
        if (problem) throw invalid(`line ${n}: event: ${problem}`);
        const e = row as unknown as LogEvent;
        const last = this.lastSeq.get(e.connectionId);
        if (last === undefined) throw invalid(`line ${n}: event of connection "${e.connectionId}", which is not in the file before it`);
        if (e.seq !== last + 1) throw invalid(`connection "${e.connectionId}": event seq ${e.seq} follows ${last} (events must be 1, 2, 3 … in order)`);
        this.lastSeq.set(e.connectionId, e.seq);
        this.counts.events++;
        return { record, row: e };
      }
      case 'finding': {
        if (typeof row.kind !== 'string' || typeof row.id !== 'string') throw invalid(`line ${n}: finding needs id and kind`);
        this.counts.findings++;
        return { record, row: row as unknown as LogFinding };
      }
      case 'end':
        this.end = rec as unknown as NdjsonEnd;
        return { record, row: this.end };
      default:
        throw invalid(`line ${n}: unknown record ${JSON.stringify(record)}`);
    }
  }

  /** After the last line: the end record must be there and count exactly what was read. */
  finish(): NdjsonEnd {
    if (this.lineNo === 0) throw notOurs('the file is empty');
    const end = this.end;
    if (!end) throw new ImportError('truncated', `Truncated NDJSON: no end record after ${this.lineNo} lines (the file was cut short).`);
    for (const k of ['pages', 'connections', 'events', 'findings'] as const) {
      if (end[k] !== this.counts[k]) throw new ImportError('truncated', `Truncated NDJSON: the end record counts ${String(end[k])} ${k}, the file holds ${this.counts[k]}.`);
    }
    return end;
  }

  private readHeader(text: string): void {
    let header: Partial<NdjsonHeader> | null = null;
    try {
      header = JSON.parse(text) as Partial<NdjsonHeader> | null;
    } catch {
      // A first line that is not JSON: not our NDJSON (said below).
    }
    if (header?.record !== 'header' || header.format !== NDJSON_FORMAT) throw notOurs('its first line is not a Realtime Inspector NDJSON header');
    // The NDJSON framing has its own version; the records inside follow a session log version.
    checkVersion(header.version, 'NDJSON file', NDJSON_VERSION);
    if (header.sessionLogVersion !== undefined) checkVersion(header.sessionLogVersion, 'NDJSON file');
    if (typeof header.producer !== 'object' || header.producer === null) throw invalid('the header has no "producer"');
    const head: NdjsonHead = { version: header.sessionLogVersion ?? 1, exportedAt: header.exportedAt ?? '', producer: header.producer };
    if (header.sanitized) head.sanitized = header.sanitized;
    this.headValue = head;
  }
}
