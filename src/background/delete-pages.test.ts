import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, openInspectorDb, type Db } from '../store/db';
import type { ConnectionRow } from '../contracts/model';
import { deleteAllRecorded } from './delete-pages';

let db: Db;
beforeEach(async () => {
  db?.close();
  await deleteDB(DB_NAME);
  db = await openInspectorDb();
});

const conn = (id: string, pageId: string, tabId: number): ConnectionRow =>
  ({ id, pageId, tabId, sourceId: 's', localId: 1, kind: 'websocket', url: 'ws://x/', origin: '', frameUrl: '', frameId: 0, createdAt: 0, state: 'open', lastSeq: 1, messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, errors: 0, reconnects: 0 }) as ConnectionRow;

describe('deleteAllRecorded', () => {
  it('deletes every recorded row and leaves imported sessions, notices, sources and tabs', async () => {
    await db.put('pages', { id: 'p1', tabId: 3, url: 'http://a/', startedAt: 1, storedBytes: 100 });
    await db.put('pages', { id: 'imp', tabId: -1, url: 'http://b/', startedAt: 1 });
    await db.put('connections', conn('c1', 'p1', 3));
    await db.put('connections', conn('ci', 'imp', -1));
    await db.put('eventChunks', { connectionId: 'c1', firstSeq: 1, lastSeq: 1, json: '[]' });
    await db.put('eventChunks', { connectionId: 'ci', firstSeq: 1, lastSeq: 1, json: '[]' });
    await db.put('requests', { tabId: 3, url: 'http://a/sse', t: 1 });
    await db.put('imports', { tabId: -1, fileName: 'f.json', format: 'session-log', importedAt: 1, connections: 1, events: 1 });
    await db.put('sources', { sourceId: 's', tabId: 3, frameId: 0, pageId: 'p1', frameUrl: 'http://a/', isTop: true, timeOrigin: 1, lastBatchNo: 4 });
    await db.put('tabs', { tabId: 3, pageId: 'p1', url: 'http://a/', startedAt: 1 });
    await db.add('notices', { tabId: 0, t: 1, kind: 'retention', message: 'x' });

    expect(await deleteAllRecorded(db)).toEqual({ pages: 1, connections: 1, bytes: 100 });
    expect((await db.getAll('pages')).map((p) => p.id)).toEqual(['imp']);
    expect((await db.getAll('connections')).map((c) => c.id)).toEqual(['ci']);
    expect((await db.getAll('eventChunks')).map((c) => c.connectionId)).toEqual(['ci']);
    expect(await db.count('requests')).toBe(0);
    expect(await db.count('imports')).toBe(1);
    expect(await db.count('sources')).toBe(1);
    expect(await db.count('tabs')).toBe(1);
    expect(await db.count('notices')).toBe(1);
  });
});
