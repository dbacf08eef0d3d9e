import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, openInspectorDb, type Db } from '../../store/db';
import { toChunks } from '../../store/event-chunks';
import type { EventRow } from '../../contracts/model';
import type { FilterReply, FilterRequest } from './filter-jobs';
import { FilterRunner, inThreadTransport, type FilterTransport } from './filter-runner';
import { NO_FILTER } from './message-filter';

const ev = (seq: number): EventRow => ({ connectionId: 'a', seq, t: seq, type: 'message', direction: 'in', data: seq % 2 ? 'odd' : 'even', size: 4 });

async function store(db: Db, from: number, to: number): Promise<void> {
  const tx = db.transaction('eventChunks', 'readwrite');
  const rows: EventRow[] = [];
  for (let s = from; s <= to; s++) rows.push(ev(s));
  for (const c of toChunks(rows)) void tx.store.put(c);
  await tx.done;
}

describe('FilterRunner', () => {
  let db: Db;
  beforeEach(async () => {
    await deleteDB(DB_NAME);
    db = await openInspectorDb();
    performance.clearMarks();
  });
  afterEach(() => db.close());

  it('accumulates matches, follows growth, and marks first/done for the benchmark', async () => {
    await store(db, 1, 3000);
    let wake = () => {};
    const runner = new FilterRunner(inThreadTransport(db), () => wake());
    const settle = async () => {
      while (!runner.result?.done) await new Promise<void>((r) => (wake = r));
    };
    runner.start('a', { ...NO_FILTER, text: 'even' }, 3000);
    await settle();
    expect(runner.result!.seqs).toEqual(Array.from({ length: 1500 }, (_, i) => 2 * (i + 1)));
    expect(performance.getEntriesByName('ri:filter-first')).toHaveLength(1);
    expect(performance.getEntriesByName('ri:filter-done')).toHaveLength(1);
    await store(db, 3001, 3004);
    runner.grow('a', 3004);
    expect(runner.result!.done).toBe(false);
    await settle();
    expect(runner.result!.seqs.slice(-2)).toEqual([3002, 3004]);
    runner.grow('other', 9999); // another connection's growth is not ours
    expect(runner.result!.done).toBe(true);
    runner.close();
  });

  it('ignores replies of a superseded scan', () => {
    let listener: (r: FilterReply) => void = () => {};
    const posted: FilterRequest[] = [];
    const fake: FilterTransport = { post: (r) => posted.push(r), onReply: (l) => (listener = l), close: () => {} };
    const runner = new FilterRunner(fake, () => {});
    runner.start('a', { ...NO_FILTER, text: 'x' }, 10);
    const oldJob = (posted[0] as { job: number }).job;
    runner.start('a', { ...NO_FILTER, text: 'y' }, 10);
    expect(posted.map((p) => p.type)).toEqual(['scan', 'cancel', 'scan']);
    listener({ type: 'matches', job: oldJob, seqs: [1, 2], scannedTo: 10, hiddenHeartbeats: 0, done: true });
    expect(runner.result).toMatchObject({ seqs: [], done: false });
  });
});
