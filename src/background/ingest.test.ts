import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openInspectorDb, type Db } from '../store/db';
import { PROTOCOL_VERSION, type BackgroundToRelay, type BatchMessage, type HelloMessage, type HookRecord } from '../contracts/protocol';
import { buildSessionLog } from '../export/session-log-builder';
import { fromChunk } from '../store/event-chunks';
import { Ingest, type RelayEndpoint } from './ingest';
import { idbStorage, type Storage } from './storage';

class FakeRelay implements RelayEndpoint {
  acks: number[] = [];
  postMessage(m: BackgroundToRelay) {
    if (m.type === 'ack') this.acks.push(m.upTo);
  }
}

const hello = (sourceId: string, isTop = true, timeOrigin = 1000): HelloMessage => ({
  v: PROTOCOL_VERSION, type: 'hello', sourceId, frameUrl: 'http://127.0.0.1/page', isTop, timeOrigin,
});
const batch = (sourceId: string, batchNo: number, records: unknown[]): BatchMessage => ({
  v: PROTOCOL_VERSION, type: 'batch', sourceId, batchNo, payload: JSON.stringify(records),
});
const create = (c: number, url = 'ws://127.0.0.1:1/x'): HookRecord => ({ k: 'create', c, t: 1, kind: 'websocket', url, frameUrl: 'http://127.0.0.1/page' });
const msg = (c: number, data: string, t = 2): HookRecord => ({ k: 'message', c, t, dir: 'in', data });

let db: Db;
beforeEach(async () => {
  db?.close();
  await deleteDB(DB_NAME);
  db = await openInspectorDb();
});

const allEvents = async () => (await db.getAll('eventChunks')).flatMap((c) => fromChunk(c));
const newIngest = (storage: Storage = idbStorage(db)) => new Ingest({ storage, onError: (e) => { throw e; } });

describe('Ingest', () => {
  it('stores a connection with contiguous seq and acknowledges after commit', async () => {
    const ingest = newIngest();
    const relay = new FakeRelay();
    await ingest.hello(relay, { tabId: 7, frameId: 0 }, hello('s1'));
    await ingest.batch(relay, batch('s1', 1, [create(1), { k: 'open', c: 1, t: 2, protocol: 'chat', extensions: '' }, msg(1, 'héllo'), msg(1, 'b')]));
    await ingest.batch(relay, batch('s1', 2, [{ k: 'close', c: 1, t: 5, code: 4001, reason: 'bye', wasClean: true }]));
    await ingest.idle();
    expect(relay.acks.at(-1)).toBe(2);
    const log = await buildSessionLog(db, { browser: 'test', version: '0' });
    expect(log.pages).toHaveLength(1);
    expect(log.pages[0]!.tabId).toBe(7);
    expect(log.connections).toHaveLength(1);
    const c = log.connections[0]!;
    expect(c).toMatchObject({ kind: 'websocket', origin: 'ws://127.0.0.1:1', protocol: 'chat', close: { code: 4001, reason: 'bye', wasClean: true }, state: 'closed' });
    expect(log.events.map((e) => [e.seq, e.type, e.size])).toEqual([[1, 'open', 0], [2, 'message', 6], [3, 'message', 1], [4, 'close', 0]]);
  });

  it('drops a replayed batch and keeps seq contiguous after a restart', async () => {
    const relay = new FakeRelay();
    const first = newIngest();
    await first.hello(relay, { tabId: 1, frameId: 0 }, hello('s1'));
    await first.batch(relay, batch('s1', 1, [create(1), msg(1, 'a')]));
    await first.idle();
    // The service worker restarts: a new Ingest with empty memory; the relay replays batch 1 and sends 2.
    const second = newIngest();
    const relay2 = new FakeRelay();
    await second.hello(relay2, { tabId: 1, frameId: 0 }, hello('s1'));
    await second.batch(relay2, batch('s1', 1, [create(1), msg(1, 'a')]));
    await second.batch(relay2, batch('s1', 2, [msg(1, 'b'), msg(1, 'c')]));
    await second.idle();
    expect(relay2.acks).toContain(1);
    expect(relay2.acks.at(-1)).toBe(2);
    expect(second.stats.replayedBatches).toBe(1);
    const log = await buildSessionLog(db, { browser: 'test' });
    expect(log.connections).toHaveLength(1);
    expect(log.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(log.events.map((e) => e.data)).toEqual(['a', 'b', 'c']);
  });

  it('ignores a batch that skips a number until the missing one is resent', async () => {
    const ingest = newIngest();
    const relay = new FakeRelay();
    await ingest.hello(relay, { tabId: 1, frameId: 0 }, hello('s1'));
    await ingest.batch(relay, batch('s1', 2, [create(1)]));
    await ingest.idle();
    expect(ingest.stats.outOfOrderBatches).toBe(1);
    expect(await db.count('connections')).toBe(0);
    await ingest.batch(relay, batch('s1', 1, [create(1)]));
    await ingest.batch(relay, batch('s1', 2, [msg(1, 'x')]));
    await ingest.idle();
    expect(await allEvents()).toHaveLength(1);
  });

  it('never lets a batch write into a source announced on another port', async () => {
    const ingest = newIngest();
    const owner = new FakeRelay();
    const intruder = new FakeRelay();
    await ingest.hello(owner, { tabId: 1, frameId: 0 }, hello('s1'));
    await ingest.batch(intruder, batch('s1', 1, [create(1)]));
    await ingest.idle();
    expect(await db.count('connections')).toBe(0);
  });

  it('drops invalid records and keeps the valid ones of the same batch', async () => {
    const ingest = newIngest();
    const relay = new FakeRelay();
    await ingest.hello(relay, { tabId: 1, frameId: 0 }, hello('s1'));
    await ingest.batch(relay, batch('s1', 1, [create(1), { k: 'message', c: 1, t: 1, dir: 'sideways' }, { k: 'nope' }, msg(1, 'ok'), msg(99, 'no such connection')]));
    const junk: BatchMessage = { ...batch('s1', 2, []), payload: '{not json' };
    await ingest.batch(relay, junk);
    await ingest.idle();
    expect(ingest.stats.invalidRecords).toBe(3);
    expect(ingest.stats.invalidBatches).toBe(1);
    expect(relay.acks.at(-1)).toBe(2); // junk is acknowledged too, or the relay would resend it forever
    expect((await allEvents()).map((e) => e.data)).toEqual(['ok']);
  });

  it('attributes sub-frames to the tab page and starts a new page on a new top-level load', async () => {
    const ingest = newIngest();
    const top = new FakeRelay();
    const frame = new FakeRelay();
    await ingest.hello(top, { tabId: 3, frameId: 0 }, hello('top1'));
    await ingest.hello(frame, { tabId: 3, frameId: 5 }, { ...hello('f1', false), frameUrl: 'http://other/frame' });
    await ingest.batch(frame, batch('f1', 1, [create(1)]));
    await ingest.batch(top, batch('top1', 1, [create(1), { k: 'open', c: 1, t: 3 }]));
    await ingest.idle();
    const reload = new FakeRelay();
    await ingest.hello(reload, { tabId: 3, frameId: 0 }, hello('top2', true, 5000));
    await ingest.batch(reload, batch('top2', 1, [create(1)]));
    await ingest.idle();
    const pages = await db.getAll('pages');
    expect(pages).toHaveLength(2);
    const conns = await db.getAll('connections');
    const first = conns.filter((c) => c.pageId !== conns.find((x) => x.sourceId === 'top2')!.pageId);
    expect(first).toHaveLength(2);
    expect(first.every((c) => c.state === 'closed' && c.ended === 'page-unloaded')).toBe(true);
    expect(conns.find((c) => c.sourceId === 'f1')!.frameId).toBe(5);
  });

  it('recovers from a failed transaction without holes: the relay resends and seq stays contiguous', async () => {
    const real = idbStorage(db);
    let failNext = false;
    const flaky: Storage = { ...real, commit: async (c) => { if (failNext) { failNext = false; throw new Error('QuotaExceededError'); } return real.commit(c); } };
    const ingest = new Ingest({ storage: flaky, onError: () => {} });
    const relay = new FakeRelay();
    await ingest.hello(relay, { tabId: 1, frameId: 0 }, hello('s1'));
    await ingest.batch(relay, batch('s1', 1, [create(1), msg(1, 'a')]));
    await ingest.idle();
    failNext = true;
    await ingest.batch(relay, batch('s1', 2, [msg(1, 'b')]));
    await ingest.idle();
    expect(relay.acks.at(-1)).toBe(1);
    // The relay's resend timer replays batch 2, then sends 3.
    await ingest.batch(relay, batch('s1', 2, [msg(1, 'b')]));
    await ingest.batch(relay, batch('s1', 3, [msg(1, 'c')]));
    await ingest.idle();
    expect(relay.acks.at(-1)).toBe(3);
    const events = await allEvents();
    expect(events.map((e) => [e.seq, e.data])).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
  });

  it('computes UTF-8 size for text the hook sent without one, and keeps binary sizes', async () => {
    const ingest = newIngest();
    const relay = new FakeRelay();
    await ingest.hello(relay, { tabId: 1, frameId: 0 }, hello('s1'));
    await ingest.batch(relay, batch('s1', 1, [create(1), msg(1, '€'), { k: 'message', c: 1, t: 3, dir: 'out', data: 'AAEC', binary: true, size: 3, bufferedAmount: 3 }]));
    await ingest.idle();
    const [c] = await db.getAll('connections');
    expect(c).toMatchObject({ messagesIn: 1, messagesOut: 1, bytesIn: 3, bytesOut: 3 });
  });
});
