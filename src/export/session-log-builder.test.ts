import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openInspectorDb } from '../store/db';
import type { ConnectionRow, EventRow } from '../contracts/model';
import { sessionLogErrors } from '../../test/harness/schema';
import { toChunks } from '../store/event-chunks';
import { buildSessionLog } from './session-log-builder';

const conn = (id: string, pageId: string, tabId: number, lastSeq: number): ConnectionRow => ({
  id, pageId, tabId, sourceId: 's', localId: 1, kind: 'websocket', url: 'ws://h/x', origin: 'ws://h', frameUrl: 'http://h/',
  frameId: 0, createdAt: 10, state: 'open', lastSeq, messagesIn: lastSeq, messagesOut: 0, bytesIn: 0, bytesOut: 0, errors: 0, reconnects: 0,
});
const ev = (connectionId: string, seq: number): EventRow => ({ connectionId, seq, t: 10 + seq, type: 'message', direction: 'in', data: `m${seq}`, size: 2 });

describe('buildSessionLog', () => {
  it('selects tabs, reads events in chunks in seq order, and validates against the schema', async () => {
    await deleteDB(DB_NAME);
    const db = await openInspectorDb();
    await db.put('pages', { id: 'p1', tabId: 1, url: 'http://h/', startedAt: 1 });
    await db.put('pages', { id: 'p2', tabId: 2, url: 'http://h/2', startedAt: 2 });
    await db.put('connections', conn('c1', 'p1', 1, 12000));
    await db.put('connections', conn('c2', 'p2', 2, 1));
    const rows: EventRow[] = [];
    for (let s = 1; s <= 12000; s++) rows.push(ev('c1', s));
    rows.push(ev('c2', 1));
    const tx = db.transaction('eventChunks', 'readwrite');
    // Written newest first: reads must order by seq, not by insertion.
    for (const chunk of toChunks(rows).reverse()) void tx.store.put(chunk);
    await tx.done;
    const log = await buildSessionLog(db, { tabIds: [1], browser: 'Test 1', version: '9', now: () => new Date(0) });
    expect(sessionLogErrors(log)).toEqual([]);
    expect(log.exportedAt).toBe('1970-01-01T00:00:00.000Z');
    expect(log.pages.map((p) => p.id)).toEqual(['p1']);
    expect(log.connections.map((c) => c.id)).toEqual(['c1']);
    expect(log.events).toHaveLength(12000);
    expect(log.events.every((e, i) => e.seq === i + 1)).toBe(true);
    const all = await buildSessionLog(db, { browser: 'Test 1' });
    expect(all.connections).toHaveLength(2);
    db.close();
  });
});

describe('buildSessionLog scopes and sanitizing', () => {
  const wsConn = (id: string, pageId: string, tabId: number, createdAt: number, url = 'ws://h/x?token=abc'): ConnectionRow => ({
    ...conn(id, pageId, tabId, 2), url, createdAt, state: 'closed', messagesIn: 1,
  });
  const closeEv = (connectionId: string, t: number): EventRow => ({ connectionId, seq: 2, t, type: 'close', size: 0, code: 1006, reason: '', wasClean: false });
  const msg = (connectionId: string, t: number): EventRow => ({ connectionId, seq: 1, t, type: 'message', direction: 'in', data: '{"password":"hunter2","n":1}', size: 28 });

  async function fixture() {
    await deleteDB(DB_NAME);
    const db = await openInspectorDb();
    await db.put('pages', { id: 'p1', tabId: 1, url: 'http://h/?session=s1', startedAt: 1 });
    await db.put('pages', { id: 'p2', tabId: 1, url: 'http://h/', startedAt: 100 });
    await db.put('pages', { id: 'p3', tabId: 2, url: 'http://h/', startedAt: 2 });
    await db.put('pages', { id: 'import1:p9', tabId: -1, url: 'http://h/', startedAt: 3 });
    // a1 → a2 reconnect (same endpoint, same frame, created after a1 closed); b1 a different endpoint.
    const rows: ConnectionRow[] = [wsConn('a1', 'p1', 1, 10), wsConn('a2', 'p1', 1, 30), wsConn('b1', 'p1', 1, 11, 'ws://h/other'), wsConn('d1', 'p2', 1, 101), wsConn('e1', 'p3', 2, 5), wsConn('import1:z', 'import1:p9', -1, 6)];
    const events: EventRow[] = [];
    for (const r of rows) {
      await db.put('connections', r);
      events.push(msg(r.id, r.createdAt + 1), closeEv(r.id, r.createdAt + 5));
    }
    const tx = db.transaction('eventChunks', 'readwrite');
    for (const chunk of toChunks(events)) void tx.store.put(chunk);
    await tx.done;
    await db.put('imports', { tabId: -1, fileName: 'f.json', format: 'session-log', importedAt: 1, connections: 1, events: 2, meta: { tabIds: { p9: 7 } } });
    return db;
  }
  const ids = (log: { connections: Array<{ id: string }> }) => log.connections.map((c) => c.id);

  it('exports a connection, a lineage, a page load, a tab, all recorded tabs', async () => {
    const db = await fixture();
    const base = { browser: 'T', version: '1' };
    expect(ids(await buildSessionLog(db, { ...base, tabIds: [1], connectionIds: ['a2'] }))).toEqual(['a2']);
    expect(ids(await buildSessionLog(db, { ...base, tabIds: [1], lineageIds: ['a1'] }))).toEqual(['a1', 'a2']);
    const page = await buildSessionLog(db, { ...base, pageIds: ['p2'] });
    expect([page.pages.map((p) => p.id), ids(page)]).toEqual([['p2'], ['d1']]);
    expect(ids(await buildSessionLog(db, { ...base, tabIds: [1] }))).toEqual(['a1', 'b1', 'a2', 'd1']);
    // All tabs: recorded ones only; an imported session is exported when asked for by its tab.
    expect(ids(await buildSessionLog(db, base))).toEqual(['e1', 'a1', 'b1', 'a2', 'd1']);
    db.close();
  });

  it('is sanitized by default and keeps secrets only with includeSensitive', async () => {
    const db = await fixture();
    const log = await buildSessionLog(db, { browser: 'T', tabIds: [1], connectionIds: ['a1'] });
    expect(sessionLogErrors(log)).toEqual([]);
    expect(log.sanitized).toMatchObject({ applied: true });
    expect(log.pages[0]!.url).toBe('http://h/?session=**');
    expect(log.connections[0]!.url).toBe('ws://h/x?token=***');
    expect(log.events[0]).toMatchObject({ data: '{"password":"*******","n":1}', size: 28 });
    const raw = await buildSessionLog(db, { browser: 'T', tabIds: [1], connectionIds: ['a1'], includeSensitive: true });
    expect(raw.sanitized).toEqual({ applied: false, rules: [] });
    expect(raw.connections[0]!.url).toBe('ws://h/x?token=abc');
    expect(raw.events[0]!.data).toBe('{"password":"hunter2","n":1}');
    db.close();
  });

  it('exports an imported tab with the ids and tab ids of its file', async () => {
    const db = await fixture();
    const log = await buildSessionLog(db, { browser: 'T', tabIds: [-1] });
    expect(log.pages).toEqual([{ id: 'p9', tabId: 7, url: 'http://h/', startedAt: 3 }]);
    expect(log.connections.map((c) => [c.id, c.pageId, c.tabId])).toEqual([['z', 'p9', 7]]);
    expect(log.events.map((e) => e.connectionId)).toEqual(['z', 'z']);
    db.close();
  });
});
