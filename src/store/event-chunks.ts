// Events are stored in chunks: one IndexedDB row holds a run of consecutive events of one
// connection (those written in the same transaction). Writing one row per event made IndexedDB
// the dominant cost of recording a burst (measured: +4 s of a 50,000-message page in Chromium,
// against +1 s for everything else the background does); a chunk costs one put. Readers page by
// seq with the helpers below and never see chunks.

import type { Db } from './db';
import type { EventRow } from '../contracts/model';

/** A chunk holds at most this many events, so a read by seq touches a bounded key range. */
export const MAX_CHUNK_EVENTS = 1000;

export type { EventChunk, EventChunkV1, EventChunkV2, StoredEvent } from '../contracts/model';
import type { EventChunk, EventChunkV2, StoredEvent } from '../contracts/model';

/** An event in a v2 chunk's `meta`: its payload's length instead of the payload. */
type MetaEvent = Omit<StoredEvent, 'data'> & { dl?: number };

/** Groups events (each connection's in seq order) into chunks of consecutive seqs. Pure. */
export function toChunks(events: readonly EventRow[]): EventChunkV2[] {
  interface Open {
    connectionId: string;
    firstSeq: number;
    lastSeq: number;
    meta: MetaEvent[];
    data: string[];
  }
  const open = new Map<string, Open>();
  const runs: Open[] = [];
  for (const ev of events) {
    let run = open.get(ev.connectionId);
    if (!run || run.lastSeq + 1 !== ev.seq || run.meta.length >= MAX_CHUNK_EVENTS) {
      run = { connectionId: ev.connectionId, firstSeq: ev.seq, lastSeq: ev.seq - 1, meta: [], data: [] };
      open.set(ev.connectionId, run);
      runs.push(run);
    }
    const { connectionId: _omit, data, ...meta } = ev;
    if (data !== undefined) {
      (meta as MetaEvent).dl = data.length;
      run.data.push(data);
    }
    run.meta.push(meta);
    run.lastSeq = ev.seq;
  }
  return runs.map((r) => ({ connectionId: r.connectionId, firstSeq: r.firstSeq, lastSeq: r.lastSeq, meta: JSON.stringify(r.meta), data: r.data.join('') }));
}

export function fromChunk(chunk: EventChunk, fromSeq = 1, toSeq = Number.MAX_SAFE_INTEGER): EventRow[] {
  const out: EventRow[] = [];
  if ('json' in chunk) {
    for (const e of JSON.parse(chunk.json) as StoredEvent[]) {
      if (e.seq >= fromSeq && e.seq <= toSeq) out.push({ connectionId: chunk.connectionId, ...e });
    }
    return out;
  }
  let at = 0;
  for (const { dl, ...e } of JSON.parse(chunk.meta) as MetaEvent[]) {
    const start = at;
    if (dl !== undefined) at += dl;
    if (e.seq < fromSeq || e.seq > toSeq) continue;
    out.push(dl === undefined ? { connectionId: chunk.connectionId, ...e } : { connectionId: chunk.connectionId, ...e, data: chunk.data.slice(start, at) });
  }
  return out;
}

/** Characters a chunk stores (its two strings, or the old one), for the size estimates of retention. */
export function chunkChars(chunk: EventChunk): number {
  return 'json' in chunk ? chunk.json.length : chunk.meta.length + chunk.data.length;
}

/** Key range of the chunks that can hold events fromSeq..toSeq of a connection. */
export function chunkRange(connectionId: string, fromSeq = 1, toSeq = Number.MAX_SAFE_INTEGER): IDBKeyRange {
  return IDBKeyRange.bound([connectionId, Math.max(1, fromSeq - MAX_CHUNK_EVENTS + 1)], [connectionId, toSeq]);
}

/** Key range of the chunks after the one starting at `firstSeq`, up to `toSeq` (stored chunks never change). */
export function chunksAfter(connectionId: string, firstSeq: number, toSeq: number): IDBKeyRange {
  return IDBKeyRange.bound([connectionId, firstSeq], [connectionId, toSeq], true, false);
}

/** Events fromSeq..toSeq (inclusive) of one connection, in seq order. */
export async function readEvents(db: Db, connectionId: string, fromSeq = 1, toSeq = Number.MAX_SAFE_INTEGER): Promise<EventRow[]> {
  const chunks = await db.getAll('eventChunks', chunkRange(connectionId, fromSeq, toSeq));
  const out: EventRow[] = [];
  for (const c of chunks) if (c.lastSeq >= fromSeq) out.push(...fromChunk(c, fromSeq, toSeq));
  return out;
}

/** The last `count` events of a connection, oldest first, reading backwards chunk by chunk. */
export async function readLastEvents(db: Db, connectionId: string, count: number): Promise<EventRow[]> {
  const parts: EventRow[][] = [];
  let n = 0;
  let cursor = await db.transaction('eventChunks', 'readonly').store.openCursor(chunkRange(connectionId), 'prev');
  while (cursor && n < count) {
    const events = fromChunk(cursor.value);
    parts.push(events);
    n += events.length;
    cursor = await cursor.continue();
  }
  const all = parts.reverse().flat();
  return all.slice(Math.max(0, all.length - count));
}
