import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, openInspectorDb, type Db } from '../../store/db';
import { toChunks } from '../../store/event-chunks';
import type { EventRow } from '../../contracts/model';
import { createFilterJobs, type FilterReply } from './filter-jobs';
import { NO_FILTER, createMatcher, type FilterSpec } from './message-filter';

/** A realistic mix: JSON orders, heartbeats every 10th event, a close at the end of each 1000. */
function event(seq: number): EventRow {
  const base = { connectionId: 'a', seq, t: seq * 1000 };
  if (seq % 1000 === 0) return { ...base, type: 'close', code: 1011, reason: '', wasClean: true, size: 0 };
  if (seq % 10 === 0) return { ...base, type: 'message', direction: 'in', data: '{"type":"ping"}', size: 15 };
  const data = `{"order":${seq},"side":"${seq % 3 === 0 ? 'SELL' : 'buy'}"}`;
  return { ...base, type: 'message', direction: seq % 2 ? 'in' : 'out', data, size: data.length };
}

/** Stores events in chunks of varying size (as transactions of different lengths would). */
async function store(db: Db, from: number, to: number, per = 137): Promise<void> {
  const tx = db.transaction('eventChunks', 'readwrite');
  for (let s = from; s <= to; s += per) {
    const part: EventRow[] = [];
    for (let q = s; q <= Math.min(to, s + per - 1); q++) part.push(event(q));
    for (const c of toChunks(part)) void tx.store.put(c);
  }
  await tx.done;
}

/** Runs requests and collects replies until `done` (or a max). */
function harness(db: Db) {
  const replies: FilterReply[] = [];
  let wake: () => void = () => {};
  const handle = createFilterJobs(Promise.resolve(db), (r) => {
    replies.push(r);
    wake();
  });
  const until = async (pred: () => boolean) => {
    while (!pred()) await new Promise<void>((r) => (wake = r));
  };
  const seqs = (job: number) => replies.filter((r) => r.job === job).flatMap((r) => r.seqs);
  return { handle, replies, until, seqs };
}

/** The reference answer: the same matcher over every event in order. */
function expected(spec: FilterSpec, to: number): { seqs: number[]; hidden: number } {
  const m = createMatcher(spec);
  const seqs: number[] = [];
  for (let s = 1; s <= to; s++) if (m.matches(event(s))) seqs.push(s);
  return { seqs, hidden: m.hiddenHeartbeats };
}

describe('filter jobs over stored chunks', () => {
  let db: Db;
  beforeEach(async () => {
    await deleteDB(DB_NAME);
    db = await openInspectorDb();
  });
  afterEach(() => db.close());

  it.each<[string, Partial<FilterSpec>]>([
    ['text (chunks skipped unparsed when the needle is absent)', { text: 'SELL' }],
    ['rare text: most chunks skipped unparsed', { text: ':4321,' }],
    ['text found only in generated lifecycle text', { text: 'internal server error' }],
    ['regex', { text: '/"order":4\\d\\d,/' }],
    ['direction + hide heartbeats', { direction: 'in', hideHeartbeats: true }],
    ['kind', { kind: 'lifecycle' }],
  ])('%s: same result as matching every event, delivered progressively', async (_name, over) => {
    await store(db, 1, 5000);
    const spec = { ...NO_FILTER, ...over };
    const h = harness(db);
    h.handle({ type: 'scan', job: 1, connectionId: 'a', spec, toSeq: 5000 });
    await h.until(() => h.replies.some((r) => r.done));
    const want = expected(spec, 5000);
    expect(h.seqs(1)).toEqual(want.seqs);
    expect(h.replies.at(-1)!.hiddenHeartbeats).toBe(want.hidden);
    // Progressive: several replies, each scannedTo higher than the last.
    expect(h.replies.length).toBeGreaterThan(2);
    const scanned = h.replies.map((r) => r.scannedTo);
    expect(scanned).toEqual([...scanned].sort((a, b) => a - b));
    expect(scanned.at(-1)).toBe(5000);
  });

  it.each(['"side":"sell', 'sell', ':1234,'])('text %j over chunks written before 0.2 and after: same result as matching every event', async (text) => {
    // Seqs 1–2000 in the old format (one JSON array, payloads escaped inside), the rest in the new.
    const tx = db.transaction('eventChunks', 'readwrite');
    for (let s = 1; s <= 2000; s += 250) {
      const events = Array.from({ length: 250 }, (_, i) => event(s + i)).map(({ connectionId: _c, ...e }) => e);
      void tx.store.put({ connectionId: 'a', firstSeq: s, lastSeq: s + 249, json: JSON.stringify(events) });
    }
    await tx.done;
    await store(db, 2001, 4000);
    const spec = { ...NO_FILTER, text };
    const h = harness(db);
    h.handle({ type: 'scan', job: 3, connectionId: 'a', spec, toSeq: 4000 });
    await h.until(() => h.replies.some((r) => r.done));
    const want = expected(spec, 4000).seqs;
    expect(want.length).toBeGreaterThan(0);
    expect(h.seqs(3)).toEqual(want);
  });

  it('extends a finished job as the connection grows (live), without rescanning', async () => {
    await store(db, 1, 1200);
    const spec = { ...NO_FILTER, text: 'sell', hideHeartbeats: true };
    const h = harness(db);
    h.handle({ type: 'scan', job: 7, connectionId: 'a', spec, toSeq: 1200 });
    await h.until(() => h.replies.some((r) => r.done));
    const before = h.replies.length;
    // New events arrive in tiny chunks (one transaction each), as live traffic does.
    await store(db, 1201, 1300, 1);
    h.handle({ type: 'extend', job: 7, toSeq: 1300 });
    await h.until(() => h.replies.slice(before).some((r) => r.done));
    expect(h.seqs(7)).toEqual(expected(spec, 1300).seqs);
    expect(Math.min(...h.replies.slice(before).flatMap((r) => r.seqs))).toBeGreaterThan(1200);
  });

  it('a new scan replaces the running one; a cancelled job sends nothing more', async () => {
    await store(db, 1, 3000);
    const h = harness(db);
    h.handle({ type: 'scan', job: 1, connectionId: 'a', spec: { ...NO_FILTER, text: 'buy' }, toSeq: 3000 });
    h.handle({ type: 'scan', job: 2, connectionId: 'a', spec: { ...NO_FILTER, text: 'SELL' }, toSeq: 3000 });
    await h.until(() => h.replies.some((r) => r.job === 2 && r.done));
    expect(h.replies.filter((r) => r.job === 1)).toEqual([]);
    expect(h.seqs(2)).toEqual(expected({ ...NO_FILTER, text: 'SELL' }, 3000).seqs);
    h.handle({ type: 'cancel', job: 2 });
    const n = h.replies.length;
    h.handle({ type: 'extend', job: 2, toSeq: 4000 });
    await new Promise((r) => setTimeout(r, 30));
    expect(h.replies).toHaveLength(n);
  });

  it('an empty connection is done at once', async () => {
    const h = harness(db);
    h.handle({ type: 'scan', job: 3, connectionId: 'none', spec: { ...NO_FILTER, text: 'x' }, toSeq: 0 });
    expect(h.replies).toEqual([{ type: 'matches', job: 3, seqs: [], scannedTo: 0, hiddenHeartbeats: 0, done: true }]);
  });

  it('labels every frame of a known protocol, and stops reading one of no known protocol', async () => {
    // Connection "g": graphql-transport-ws, 3000 frames; connection "a" (the mix above): no protocol.
    const rows: EventRow[] = [];
    for (let seq = 1; seq <= 3000; seq++) {
      const text = seq % 10 === 0 ? '{"type":"ping"}' : `{"type":"next","id":"${seq % 3}","payload":{"data":{"n":${seq}}}}`;
      rows.push({ connectionId: 'g', seq, t: seq, type: 'message', direction: 'in', data: text, size: text.length });
    }
    const tx = db.transaction('eventChunks', 'readwrite');
    for (const c of toChunks(rows)) void tx.store.put(c);
    await tx.done;
    await store(db, 1, 5000);
    const h = harness(db);
    const spec = (url: string, protocol?: string): FilterSpec => ({ ...NO_FILTER, annotate: true, channel: { url, ...(protocol ? { protocol } : {}) } });
    h.handle({ type: 'scan', job: 1, connectionId: 'g', spec: spec('ws://h/graphql', 'graphql-transport-ws'), toSeq: 3000 });
    await h.until(() => h.replies.some((r) => r.job === 1 && r.done));
    const labels = h.replies.filter((r) => r.job === 1).flatMap((r) => r.labels ?? []);
    expect(labels).toHaveLength(3000);
    expect(labels[9]).toEqual({ seq: 10, type: 'ping', keepalive: true });
    expect(labels[0]).toEqual({ seq: 1, type: 'next' });
    expect(h.seqs(1)).toEqual([]); // a labelling scan sends no seqs
    expect(h.replies.filter((r) => r.job === 1).at(-1)?.protocol).toBe('graphql-transport-ws');

    const reads = h.replies.length;
    h.handle({ type: 'scan', job: 2, connectionId: 'a', spec: spec('ws://h/x'), toSeq: 5000 });
    await h.until(() => h.replies.some((r) => r.job === 2 && r.done));
    // Done after the first read (2 chunks of 137 events), not after reading all 5000.
    expect(h.replies.length - reads).toBe(1);
    expect(h.replies.at(-1)).toMatchObject({ job: 2, done: true, scannedTo: 5000, labels: [], protocol: '' });
    h.handle({ type: 'extend', job: 2, toSeq: 6000 });
    expect(h.replies.at(-1)).toMatchObject({ job: 2, done: true, scannedTo: 6000 });
  });
});

