import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, openInspectorDb, type Db } from '../../store/db';
import { readEvents, toChunks } from '../../store/event-chunks';
import type { EventRow } from '../../contracts/model';
import { EventWindow, PAGE_SIZE } from './event-window';

const ev = (seq: number): EventRow => ({ connectionId: 'a', seq, t: seq, type: 'message', direction: 'in', data: `m${seq}`, size: 2 });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function store(db: Db, seqs: number[]): Promise<void> {
  const tx = db.transaction('eventChunks', 'readwrite');
  for (const c of toChunks(seqs.map(ev))) void tx.store.put(c);
  await tx.done;
}

/** A window over connection "a" of the real (fake-indexeddb) database, counting its reads. */
function windowOf(db: Db, maxPages?: number) {
  const reads: Array<[number, number]> = [];
  let landed: () => void = () => {};
  const win = new EventWindow(
    (from, to) => {
      reads.push([from, to]);
      return readEvents(db, 'a', from, to);
    },
    () => landed(),
    maxPages,
  );
  /** Resolves at the next delivery of rows. */
  const next = () => new Promise<void>((r) => (landed = r));
  return { win, reads, next };
}

describe('EventWindow', () => {
  let db: Db;
  beforeEach(async () => {
    await deleteDB(DB_NAME);
    db = await openInspectorDb();
  });
  afterEach(() => db.close());

  it('reads only the pages of the wanted seqs, once, and serves them from the cache', async () => {
    await store(db, range(1, 5 * PAGE_SIZE));
    const { win, reads, next } = windowOf(db);
    expect(win.get(PAGE_SIZE + 10)).toBeUndefined();
    const landed = next();
    win.want(range(PAGE_SIZE + 10, PAGE_SIZE + 40), 5 * PAGE_SIZE);
    win.want(range(PAGE_SIZE + 10, PAGE_SIZE + 40), 5 * PAGE_SIZE); // in flight: not read twice
    await landed;
    expect(reads).toEqual([[PAGE_SIZE + 1, 2 * PAGE_SIZE]]);
    expect(win.get(PAGE_SIZE + 10)).toEqual(ev(PAGE_SIZE + 10));
    expect(win.get(2 * PAGE_SIZE)?.seq).toBe(2 * PAGE_SIZE);
    win.want(range(PAGE_SIZE + 1, PAGE_SIZE + 100), 5 * PAGE_SIZE);
    expect(reads).toHaveLength(1);
  });

  it('keeps at most maxPages pages, evicting the least recently used', async () => {
    await store(db, range(1, 4 * PAGE_SIZE));
    const { win, reads, next } = windowOf(db, 2);
    for (const p of [0, 1, 2]) {
      const landed = next();
      win.want([p * PAGE_SIZE + 1], 4 * PAGE_SIZE);
      await landed;
      if (p === 1) win.get(1); // page 0 used again: page 1 is now the oldest
    }
    expect(win.cachedPages).toBe(2);
    expect(win.get(1)?.seq).toBe(1);
    expect(win.get(PAGE_SIZE + 1)).toBeUndefined();
    expect(win.get(2 * PAGE_SIZE + 1)?.seq).toBe(2 * PAGE_SIZE + 1);
    expect(reads).toHaveLength(3);
  });

  it('live events extend cached pages without a read; a page read before newer events were stored is read again', async () => {
    await store(db, range(1, 10));
    const { win, reads, next } = windowOf(db);
    let landed = next();
    win.want(range(1, 10), 10);
    await landed;
    expect(reads).toEqual([[1, 10]]);
    win.put([ev(11), ev(12)]);
    expect(win.get(12)?.data).toBe('m12');
    win.want(range(1, 12), 12);
    expect(reads).toHaveLength(1);
    // 13–15 were stored but never came live (port reconnecting): wanting them re-reads the page.
    await store(db, range(11, 15));
    landed = next();
    win.want(range(1, 15), 15);
    await landed;
    expect(reads).toEqual([[1, 10], [1, 15]]);
    expect(range(1, 15).map((s) => win.get(s)?.seq)).toEqual(range(1, 15));
  });

  it('live events starting the next page open it without a read (the list follows the live end)', async () => {
    await store(db, range(1, PAGE_SIZE));
    const { win, reads, next } = windowOf(db);
    const landed = next();
    win.want([PAGE_SIZE], PAGE_SIZE);
    await landed;
    win.put([ev(PAGE_SIZE + 1), ev(PAGE_SIZE + 2)]);
    win.want([PAGE_SIZE + 1, PAGE_SIZE + 2], PAGE_SIZE + 2);
    expect(reads).toHaveLength(1);
    expect(win.get(PAGE_SIZE + 2)?.seq).toBe(PAGE_SIZE + 2);
    // A page whose first events were never seen live is not started (it is read when wanted).
    win.put([ev(3 * PAGE_SIZE + 5)]);
    expect(win.cachedPages).toBe(2);
  });

  it('does not re-read forever a seq that a fresh read did not find', async () => {
    await store(db, [1, 2]);
    const { win, reads, next } = windowOf(db);
    const landed = next();
    win.want([3], 3);
    await landed;
    win.want([3], 3);
    expect(reads).toHaveLength(1);
    expect(win.get(3)).toBeUndefined();
  });

  it('ignores seqs outside 1…lastSeq and delivers nothing after close', async () => {
    await store(db, range(1, 3));
    const { win, reads } = windowOf(db);
    win.want([0, 4, 99], 3);
    expect(reads).toHaveLength(0);
    win.want([1], 3);
    win.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(win.get(1)).toBeUndefined();
    expect(win.version).toBe(0);
  });
});
