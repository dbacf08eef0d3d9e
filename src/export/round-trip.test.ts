import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportSession, deleteImportedTab } from '../background/imports';
import { DB_NAME, openInspectorDb, type Db } from '../store/db';
import { toChunks } from '../store/event-chunks';
import type { ConnectionRow, EventRow } from '../contracts/model';
import type { BackgroundToViewer, ViewerToBackground } from '../contracts/protocol';
import { SESSION_LOG_VERSION, type SessionLog } from '../contracts/session-log-format';
import { sessionLogToHar } from '../formats/har-writer';
import { ndjsonParts } from './ndjson-writer';
import { buildSessionLog } from './session-log-builder';
import { importMessages } from '../formats/import-messages';
import { ndjsonImportMessages, textLines } from '../formats/ndjson-stream';
import { readImportFile } from '../formats/read-import-file';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.c2ln';

/** A small recorded tab: a WebSocket that drops abnormally and reconnects, and an SSE feed. */
async function record(db: Db): Promise<void> {
  await db.put('pages', { id: 'p1', tabId: 3, url: 'http://h/app', startedAt: 1000 });
  const base = { pageId: 'p1', tabId: 3, sourceId: 's', frameUrl: 'http://h/app', frameId: 0, bytesIn: 0, bytesOut: 0, errors: 0, reconnects: 0, messagesOut: 0 } as const;
  const conns: ConnectionRow[] = [
    { ...base, id: 'w1', localId: 1, kind: 'websocket', url: 'ws://h/ws?token=abc', origin: 'ws://h', createdAt: 1010, openedAt: 1011, closedAt: 1500, close: { code: 1006, reason: '', wasClean: false }, state: 'closed', lastSeq: 4, messagesIn: 2 },
    { ...base, id: 'w2', localId: 2, kind: 'websocket', url: 'ws://h/ws?token=abc', origin: 'ws://h', createdAt: 1600, openedAt: 1601, state: 'open', lastSeq: 2, messagesIn: 1 },
    { ...base, id: 'e1', localId: 3, kind: 'eventsource', url: 'http://h/sse', origin: 'http://h', createdAt: 1020, openedAt: 1021, state: 'open', lastSeq: 4, messagesIn: 3, listenedTypes: ['tick'] },
  ];
  const events: EventRow[] = [
    { connectionId: 'w1', seq: 1, t: 1011, type: 'open', size: 0, protocol: '', extensions: '' },
    { connectionId: 'w1', seq: 2, t: 1100.5, type: 'message', direction: 'in', data: `{"n":1,"auth":"${JWT}"}`, size: 60 },
    { connectionId: 'w1', seq: 3, t: 1200.25, type: 'message', direction: 'in', data: 'AAEC', binary: true, size: 3 },
    { connectionId: 'w1', seq: 4, t: 1500, type: 'close', size: 0, code: 1006, reason: '', wasClean: false },
    { connectionId: 'w2', seq: 1, t: 1601, type: 'open', size: 0, protocol: '', extensions: '' },
    { connectionId: 'w2', seq: 2, t: 1700, type: 'message', direction: 'out', data: 'ping', size: 4, bufferedAmount: 0 },
    { connectionId: 'e1', seq: 1, t: 1021, type: 'open', size: 0 },
    { connectionId: 'e1', seq: 2, t: 1030, type: 'message', direction: 'in', eventType: 'tick', lastEventId: '1', data: '{"seq":1}', size: 9, origin: 'http://h' },
    { connectionId: 'e1', seq: 3, t: 1040, type: 'message', direction: 'in', eventType: 'tick', lastEventId: '3', data: '{"seq":3}', size: 9, origin: 'http://h' },
    { connectionId: 'e1', seq: 4, t: 1050, type: 'message', direction: 'in', eventType: 'tick', lastEventId: '4', data: 'x'.repeat(50), size: 5000, truncated: true, origin: 'http://h' },
  ];
  for (const c of conns) await db.put('connections', c);
  const tx = db.transaction('eventChunks', 'readwrite');
  for (const chunk of toChunks(events)) void tx.store.put(chunk);
  await tx.done;
}

async function importText(db: Db, text: string, fileName: string, maxChars?: number): Promise<BackgroundToViewer[]> {
  const posted: BackgroundToViewer[] = [];
  const session = new ImportSession(async () => db, { postMessage: (m) => posted.push(m) });
  for (const m of importMessages(readImportFile(text), fileName, maxChars)) session.receive(m);
  await session.settled();
  return posted;
}

/** Like the viewer's streamed import: lines in chunks, batches sent as read; a failure drops the port. */
async function importStreamed(db: Db, text: string, maxChars: number): Promise<BackgroundToViewer[]> {
  const posted: BackgroundToViewer[] = [];
  const session = new ImportSession(async () => db, { postMessage: (m) => posted.push(m) });
  async function* chunks() {
    for (let i = 0; i < text.length; i += 97) yield text.slice(i, i + 97);
  }
  let sentRows = 0;
  try {
    for await (const m of ndjsonImportMessages(textLines(chunks()), 'a.ndjson', maxChars)) {
      session.receive(m);
      if (m.type === 'import-rows') sentRows++;
      await session.settled();
    }
  } catch (error) {
    expect(sentRows).toBeGreaterThan(0); // it failed after rows were stored
    await session.disconnected();
    throw error;
  }
  return posted;
}

async function ndjsonText(db: Db, opts: Parameters<typeof buildSessionLog>[1]): Promise<string> {
  let text = '';
  for await (const part of ndjsonParts(db, opts)) text += part;
  return text;
}

const withoutExportedAt = (log: SessionLog) => ({ ...log, exportedAt: '' });
const opts = { browser: 'Chromium 156', version: '0.1.0' };

describe('export → import → export', () => {
  let db: Db;
  beforeEach(async () => {
    await deleteDB(DB_NAME);
    db = await openInspectorDb();
    await record(db);
  });
  afterEach(() => db.close());

  for (const includeSensitive of [false, true]) {
    it(`gives the same session log (includeSensitive ${includeSensitive}), twice, with distinct ids`, async () => {
      const first = await buildSessionLog(db, { ...opts, tabIds: [3], includeSensitive });
      expect(first.findings.length).toBeGreaterThan(0); // the round trip covers findings too
      const posted = await importText(db, JSON.stringify(first, null, 2), 'a.json', 300);
      expect(posted.filter((m) => m.type === 'import-stored').length).toBeGreaterThan(1); // batched
      expect(posted.at(-1)).toEqual({ type: 'import-done', tabId: -1, connections: 3, events: 10 });
      const again = await importText(db, JSON.stringify(first), 'a.json');
      expect(again.at(-1)).toMatchObject({ type: 'import-done', tabId: -2 });
      for (const tabId of [-1, -2]) {
        const second = await buildSessionLog(db, { ...opts, tabIds: [tabId], includeSensitive });
        expect(withoutExportedAt(second)).toEqual(withoutExportedAt(first));
      }
      // The recorded tab is untouched, and all-tabs exports leave imports out.
      expect((await buildSessionLog(db, opts)).connections.map((c) => c.id)).toEqual(['w1', 'e1', 'w2']);
      const imports = await db.getAll('imports');
      expect(imports.map((i) => [i.tabId, i.fileName, i.format, i.meta?.tabIds])).toEqual([
        [-2, 'a.json', 'session-log', { p1: 3 }],
        [-1, 'a.json', 'session-log', { p1: 3 }],
      ]);
    });
  }

  it('round-trips through HAR and through NDJSON', async () => {
    const first = await buildSessionLog(db, { ...opts, tabIds: [3] });
    await importText(db, JSON.stringify(sessionLogToHar(first)), 'a.har');
    expect(withoutExportedAt(await buildSessionLog(db, { ...opts, tabIds: [-1] }))).toEqual(withoutExportedAt(first));
    const nd = await ndjsonText(db, { ...opts, tabIds: [3] });
    const posted = await importText(db, nd, 'a.ndjson');
    expect(posted.at(-1)).toMatchObject({ type: 'import-done', tabId: -2 });
    expect(withoutExportedAt(await buildSessionLog(db, { ...opts, tabIds: [-2] }))).toEqual(withoutExportedAt(first));
    expect((await db.get('imports', -1))?.format).toBe('har');
    expect((await db.get('imports', -2))?.format).toBe('ndjson');
  });

  it('NDJSON holds the same records as the session log, one per line, header first and end last', async () => {
    const log = await buildSessionLog(db, { ...opts, tabIds: [3], now: () => new Date(5) });
    const lines = (await ndjsonText(db, { ...opts, tabIds: [3], now: () => new Date(5) })).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ record: 'header', format: 'realtime-inspector.ndjson', version: 1, sessionLogVersion: SESSION_LOG_VERSION, exportedAt: log.exportedAt, producer: log.producer, sanitized: log.sanitized });
    const of = (r: string) => lines.filter((l) => l.record === r).map(({ record: _r, ...rest }) => rest);
    expect(of('page')).toEqual(log.pages);
    expect(of('connection')).toEqual(log.connections);
    expect(of('event')).toEqual(log.events);
    expect(of('finding')).toEqual(log.findings);
    expect(lines.at(-1)).toEqual({ record: 'end', pages: 1, connections: 3, events: 10, findings: log.findings.length });
  });

  it('an import that fails midway, or whose viewer goes away, leaves nothing behind', async () => {
    const log = await buildSessionLog(db, { ...opts, tabIds: [3] });
    const posted: BackgroundToViewer[] = [];
    const session = new ImportSession(async () => db, { postMessage: (m) => posted.push(m) });
    const messages = [...importMessages(readImportFile(JSON.stringify(log)), 'x.json', 300)];
    // A batch with a hole in seq: the background refuses it and rolls back.
    const bad = messages.map((m): ViewerToBackground => (m.type === 'import-rows' && m.events.length ? { ...m, events: m.events.map((e) => ({ ...e, seq: e.seq + 1 })) } : m));
    for (const m of bad) session.receive(m);
    await session.settled();
    expect(posted.at(-1)).toMatchObject({ type: 'import-failed' });
    const left = async () => (await db.getAll('pages')).filter((p) => p.tabId < 0).length + (await db.getAll('connections')).filter((c) => c.tabId < 0).length + (await db.count('imports'));
    expect(await left()).toBe(0);
    const chunks = await db.getAllKeys('eventChunks');
    expect(chunks.every(([id]) => !id.startsWith('import'))).toBe(true);

    const dropped = new ImportSession(async () => db, { postMessage: () => undefined });
    for (const m of messages.slice(0, -1)) dropped.receive(m); // no commit
    await dropped.disconnected();
    expect(await left()).toBe(0);
  });

  it('streams NDJSON in small batches: the same log, connections counted by the background', async () => {
    const first = await buildSessionLog(db, { ...opts, tabIds: [3] });
    const nd = await ndjsonText(db, { ...opts, tabIds: [3] });
    const posted = await importStreamed(db, nd, 300);
    expect(posted.filter((m) => m.type === 'import-stored').length).toBeGreaterThan(2);
    expect(posted.at(-1)).toEqual({ type: 'import-done', tabId: -1, connections: 3, events: 10 });
    expect(withoutExportedAt(await buildSessionLog(db, { ...opts, tabIds: [-1] }))).toEqual(withoutExportedAt(first));
    const counted = (await db.getAll('connections')).filter((c) => c.tabId === -1);
    expect(Object.fromEntries(counted.map((c) => [c.id, c.lastSeq]))).toEqual({ 'import1:w1': 4, 'import1:w2': 2, 'import1:e1': 4 });
  });

  it('a streamed NDJSON file cut short, or with a line missing, fails after its first batches and leaves nothing', async () => {
    const lines = (await ndjsonText(db, { ...opts, tabIds: [3] })).trimEnd().split('\n');
    const cut = lines.slice(0, -1).join('\n'); // no end record
    const missing = [...lines.slice(0, 6), ...lines.slice(7)].join('\n'); // an event line gone: seq hole
    const wrongCount = [...lines.slice(0, -1), lines.at(-1)!.replace(/"events":10/, '"events":11')].join('\n');
    for (const [text, message] of [
      [cut, /^Truncated NDJSON: no end record/],
      [missing, /event seq \d+ follows/],
      [wrongCount, /^Truncated NDJSON: the end record counts 11 events, the file holds 10/],
    ] as const) {
      await expect(importStreamed(db, text, 300)).rejects.toThrow(message);
      expect((await db.getAll('connections')).filter((c) => c.tabId < 0)).toEqual([]);
      expect((await db.getAllKeys('eventChunks')).every(([id]) => !id.startsWith('import'))).toBe(true);
      expect(await db.count('imports')).toBe(0);
    }
  });

  it('deletes an import', async () => {
    const log = await buildSessionLog(db, { ...opts, tabIds: [3] });
    await importText(db, JSON.stringify(log), 'a.json');
    await deleteImportedTab(db, -1);
    expect(await db.count('imports')).toBe(0);
    expect((await db.getAll('connections')).map((c) => c.id).sort()).toEqual(['e1', 'w1', 'w2']);
    expect((await db.getAllKeys('eventChunks')).every(([id]) => !id.startsWith('import'))).toBe(true);
  });
});
