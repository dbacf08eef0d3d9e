import { describe, expect, it } from 'vitest';
import { SAMPLE_LOG } from './har-writer.test';
import { sessionLogToHar } from './har-writer';
import { readImportFile } from './read-import-file';
import type { ImportError } from './import-error';

function errorOf(text: string): ImportError {
  try {
    readImportFile(text);
  } catch (e) {
    return e as ImportError;
  }
  throw new Error('no error');
}

describe('readImportFile', () => {
  const json = JSON.stringify(SAMPLE_LOG, null, 2);

  it('reads a session log and our HAR to the same log', () => {
    expect(readImportFile(json)).toEqual({ format: 'session-log', log: SAMPLE_LOG });
    const har = readImportFile(JSON.stringify(sessionLogToHar(SAMPLE_LOG)));
    expect(har.format).toBe('har');
    expect(har.log).toEqual(SAMPLE_LOG);
  });

  it('says when a file is not ours', () => {
    expect(errorOf('hello')).toMatchObject({ kind: 'not-ours' });
    expect(errorOf('')).toMatchObject({ kind: 'not-ours', message: 'Not a Realtime Inspector file: the file is empty.' });
    expect(errorOf('{"format":"something-else","version":1}').message).toBe('Not a Realtime Inspector file: its format is "something-else".');
    const chromeHar = { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries: [] } };
    expect(errorOf(JSON.stringify(chromeHar)).message).toBe('Not a Realtime Inspector file: a HAR made by WebInspector (only HARs exported by Realtime Inspector can be imported).');
  });

  it('says when a newer major version made it', () => {
    const e = errorOf(JSON.stringify({ ...SAMPLE_LOG, version: 4 }));
    expect(e).toMatchObject({ kind: 'newer-version' });
    expect(e.message).toContain('made by a newer major version (4)');
  });

  it('says when the JSON is truncated or invalid, and where', () => {
    expect(errorOf(json.slice(0, json.length / 2))).toMatchObject({ kind: 'truncated' });
    const broken = json.replace('"pages": [', '"pages": [,');
    const e = errorOf(broken);
    expect(e.kind).toBe('invalid-json');
    const line = broken.split('\n').findIndex((l) => l.includes('"pages": [,')) + 1;
    expect(e.message).toMatch(new RegExp(`^Invalid JSON at line ${line}, column \\d+`));
  });

  it('refuses inconsistent rows instead of importing part of them', () => {
    const hole = { ...SAMPLE_LOG, events: SAMPLE_LOG.events.filter((e) => !(e.connectionId === 'c1' && e.seq === 2)) };
    expect(errorOf(JSON.stringify(hole)).message).toBe('Invalid session: connection "c1": event seq 3 follows 1 (events must be 1, 2, 3 … in order).');
    const orphan = { ...SAMPLE_LOG, connections: SAMPLE_LOG.connections.slice(1) };
    expect(errorOf(JSON.stringify(orphan)).message).toContain('belongs to connection "c1", which is not in the file');
    const badType = { ...SAMPLE_LOG, events: [{ ...SAMPLE_LOG.events[0], t: 'soon' }] };
    expect(errorOf(JSON.stringify(badType)).message).toBe('Invalid session: event 0: t must be a number.');
  });

  it('says when an NDJSON file was cut short', () => {
    const lines = [
      JSON.stringify({ record: 'header', format: 'realtime-inspector.ndjson', version: 1, sessionLogVersion: 1, exportedAt: SAMPLE_LOG.exportedAt, producer: SAMPLE_LOG.producer, sanitized: SAMPLE_LOG.sanitized }),
      ...SAMPLE_LOG.pages.map((p) => JSON.stringify({ record: 'page', ...p })),
      ...SAMPLE_LOG.connections.map((c) => JSON.stringify({ record: 'connection', ...c })),
      ...SAMPLE_LOG.events.map((e) => JSON.stringify({ record: 'event', ...e })),
      ...SAMPLE_LOG.findings.map((f) => JSON.stringify({ record: 'finding', ...f })),
      JSON.stringify({ record: 'end', pages: 1, connections: 2, events: 7, findings: 1 }),
    ];
    expect(readImportFile(lines.join('\n') + '\n').log).toEqual(SAMPLE_LOG);
    expect(errorOf(lines.slice(0, -1).join('\n'))).toMatchObject({ kind: 'truncated' });
    expect(errorOf(lines.slice(0, -2).join('\n') + '\n' + lines.at(-2)!.slice(0, 10))).toMatchObject({ kind: 'truncated' });
    expect(errorOf([...lines.slice(0, 4), ...lines.slice(5)].join('\n'))).toMatchObject({ kind: 'invalid' }); // a row missing: what refers to it fails first
    expect(errorOf([...lines.slice(0, -2), lines.at(-1)].join('\n'))).toMatchObject({ kind: 'truncated', message: 'Truncated NDJSON: the end record counts 1 findings, the file holds 0.' });
    const hole = lines.map((l, i) => (i === 5 ? l.replace('"seq":2', '"seq":5') : l));
    expect(errorOf(hole.join('\n'))).toMatchObject({ kind: 'invalid' });
    expect(errorOf(lines[0]!.replace('"version":1', '"version":3'))).toMatchObject({ kind: 'newer-version' });
  });
});
