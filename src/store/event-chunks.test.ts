import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openInspectorDb } from './db';
import { MAX_CHUNK_EVENTS, fromChunk, readEvents, readLastEvents, toChunks } from './event-chunks';
import type { EventRow } from '../contracts/model';

const ev = (connectionId: string, seq: number): EventRow => ({ connectionId, seq, t: seq, type: 'message', direction: 'in', data: String(seq), size: 1 });

describe('toChunks', () => {
  it('groups consecutive events per connection and splits long runs', () => {
    const input = [ev('a', 1), ev('b', 1), ev('a', 2), ev('a', 3), ev('b', 2)];
    const chunks = toChunks(input);
    expect(chunks.map((c) => [c.connectionId, c.firstSeq, c.lastSeq])).toEqual([['a', 1, 3], ['b', 1, 2]]);
    expect(chunks[0]!.meta).not.toContain('connectionId');
    expect(fromChunk(chunks[0]!)).toEqual([ev('a', 1), ev('a', 2), ev('a', 3)]);
    const long = toChunks(Array.from({ length: MAX_CHUNK_EVENTS * 2 + 5 }, (_, i) => ev('a', i + 1)));
    expect(long.map((c) => c.lastSeq - c.firstSeq + 1)).toEqual([MAX_CHUNK_EVENTS, MAX_CHUNK_EVENTS, 5]);
  });
  it('keeps payloads as they are, never JSON-escaped, and round-trips every field', () => {
    const odd = 'a"b\\c\n\u2028 \ud800 lone, "quoted" 😀';
    const input: EventRow[] = [
      { connectionId: 'a', seq: 1, t: 1, type: 'open', size: 0, protocol: 'chat', extensions: '' },
      { connectionId: 'a', seq: 2, t: 2, type: 'message', direction: 'in', data: odd, size: 30 },
      { connectionId: 'a', seq: 3, t: 3, type: 'message', direction: 'out', data: '', size: 0 },
      { connectionId: 'a', seq: 4, t: 4, type: 'message', direction: 'in', size: 5, binary: true, truncated: true },
      { connectionId: 'a', seq: 5, t: 5, type: 'close', size: 0, code: 1000, reason: 'done', wasClean: true },
    ];
    const [chunk] = toChunks(input);
    expect(chunk!.data).toBe(odd); // the one payload, verbatim (the empty one adds nothing)
    expect(chunk!.meta).not.toContain('lone');
    expect(fromChunk(chunk!)).toEqual(input);
    expect(fromChunk(chunk!, 3, 4)).toEqual(input.slice(2, 4));
  });
  it('still reads chunks written before 0.2 (one JSON array, payloads inside)', () => {
    const events = [ev('a', 1), ev('a', 2)];
    const old = { connectionId: 'a', firstSeq: 1, lastSeq: 2, json: JSON.stringify(events.map(({ connectionId: _c, ...e }) => e)) };
    expect(fromChunk(old)).toEqual(events);
    expect(fromChunk(old, 2, 2)).toEqual([ev('a', 2)]);
  });
  it('starts a new chunk at a hole rather than hiding it', () => {
    expect(toChunks([ev('a', 1), ev('a', 3)]).map((c) => [c.firstSeq, c.lastSeq])).toEqual([[1, 1], [3, 3]]);
  });
});

describe('reading chunks by seq', () => {
  it('returns exactly the asked range, across chunk borders, and the tail', async () => {
    await deleteDB(DB_NAME);
    const db = await openInspectorDb();
    const tx = db.transaction('eventChunks', 'readwrite');
    // Three transactions' worth of chunks of different sizes, plus another connection.
    for (const part of [[1, 700], [701, 2500], [2501, 2503]] as const) {
      for (const c of toChunks(Array.from({ length: part[1] - part[0] + 1 }, (_, i) => ev('a', part[0] + i)))) void tx.store.put(c);
    }
    for (const c of toChunks([ev('b', 1)])) void tx.store.put(c);
    await tx.done;
    const seqs = (rows: EventRow[]) => rows.map((r) => r.seq);
    expect(seqs(await readEvents(db, 'a', 650, 760))).toEqual(Array.from({ length: 111 }, (_, i) => 650 + i));
    expect(seqs(await readEvents(db, 'a', 2499, 9999))).toEqual([2499, 2500, 2501, 2502, 2503]);
    expect((await readEvents(db, 'a')).length).toBe(2503);
    expect(seqs(await readLastEvents(db, 'a', 5))).toEqual([2499, 2500, 2501, 2502, 2503]);
    expect(seqs(await readLastEvents(db, 'b', 5))).toEqual([1]);
    expect((await readEvents(db, 'a', 1, 3)).every((e) => e.connectionId === 'a')).toBe(true);
    // A connection recorded before 0.2 and continued after it: old and new chunks read as one.
    const old = { connectionId: 'c', firstSeq: 1, lastSeq: 2, json: JSON.stringify([1, 2].map((seq) => ({ seq, t: seq, type: 'message', direction: 'in', data: String(seq), size: 1 }))) };
    await db.put('eventChunks', old);
    for (const c of toChunks([ev('c', 3), ev('c', 4)])) await db.put('eventChunks', c);
    expect(await readEvents(db, 'c')).toEqual([1, 2, 3, 4].map((n) => ev('c', n)));
    db.close();
  });
});
