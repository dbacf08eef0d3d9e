import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_NAME, openInspectorDb } from '../store/db';
import { toChunks } from '../store/event-chunks';
import type { EventRow } from '../contracts/model';
import { ndjsonParts } from './ndjson-writer';

describe('ndjsonParts', () => {
  it('streams in parts of whole lines, and says when findings were skipped for size', async () => {
    await deleteDB(DB_NAME);
    const db = await openInspectorDb();
    await db.put('pages', { id: 'p', tabId: 1, url: 'http://h/', startedAt: 1 });
    const n = 12_000;
    await db.put('connections', {
      id: 'c', pageId: 'p', tabId: 1, sourceId: 's', localId: 1, kind: 'websocket', url: 'ws://h/?key=k', origin: 'ws://h', frameUrl: 'http://h/',
      frameId: 0, createdAt: 1, state: 'open', lastSeq: n, messagesIn: n, messagesOut: 0, bytesIn: 0, bytesOut: 0, errors: 0, reconnects: 0,
    });
    const rows: EventRow[] = [];
    for (let seq = 1; seq <= n; seq++) rows.push({ connectionId: 'c', seq, t: 1 + seq, type: 'message', direction: 'in', data: `{"i":${seq},"pad":"${'x'.repeat(80)}"}`, size: 100 });
    const tx = db.transaction('eventChunks', 'readwrite');
    for (const chunk of toChunks(rows)) void tx.store.put(chunk);
    await tx.done;

    const parts: string[] = [];
    const gen = ndjsonParts(db, { browser: 'T', tabIds: [1] }, 1000);
    let next = await gen.next();
    for (; !next.done; next = await gen.next()) parts.push(next.value);
    expect(next.value).toEqual({ record: 'end', pages: 1, connections: 1, events: n, findings: 0 });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.endsWith('\n'))).toBe(true);
    const lines = parts.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1 + 1 + 1 + n + 1);
    expect(lines[0]!.findingsSkipped).toBe('12000 events: findings are computed for at most 1000 (export the session log JSON of a smaller scope for them)');
    expect(lines[2]).toMatchObject({ record: 'connection', url: 'ws://h/?key=*' });
    expect(lines.slice(3, -1).map((l) => l.seq)).toEqual(rows.map((r) => r.seq));
    db.close();
  });
});
