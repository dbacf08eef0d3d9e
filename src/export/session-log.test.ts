import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openInspectorDb } from '../shared/db';
import type { ConnectionRow, EventRow } from '../shared/model';
import { sessionLogErrors } from '../../test/harness/schema';
import { toChunks } from '../shared/event-chunks';
import { buildSessionLog } from './session-log';

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
