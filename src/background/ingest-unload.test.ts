// What the background records while a page load goes away (issue 13): the leaving page's records
// may arrive after the next load's hello, and the browser ends the leaving page's connections
// itself (Chromium: error CLOSED on EventSources; Firefox: WebSocket close 1001).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openInspectorDb, type Db } from '../store/db';
import { PROTOCOL_VERSION, type BackgroundToRelay, type BatchMessage, type HelloMessage, type HookRecord } from '../contracts/protocol';
import { buildSessionLog } from '../export/session-log-builder';
import { Ingest, type RelayEndpoint } from './ingest';
import { idbStorage } from './storage';

class FakeRelay implements RelayEndpoint {
  postMessage(_m: BackgroundToRelay) {}
}
const hello = (sourceId: string, timeOrigin: number): HelloMessage => ({
  v: PROTOCOL_VERSION, type: 'hello', sourceId, frameUrl: 'http://127.0.0.1/page', isTop: true, timeOrigin,
});
const batch = (sourceId: string, batchNo: number, records: HookRecord[]): BatchMessage => ({
  v: PROTOCOL_VERSION, type: 'batch', sourceId, batchNo, payload: JSON.stringify(records),
});
const create = (c: number, t: number, kind: 'websocket' | 'eventsource' = 'websocket'): HookRecord =>
  ({ k: 'create', c, t, kind, url: kind === 'websocket' ? `ws://127.0.0.1:1/x${c}` : `http://127.0.0.1:1/s${c}`, frameUrl: 'http://127.0.0.1/page' });

let db: Db;
beforeEach(async () => {
  db?.close();
  await deleteDB(DB_NAME);
  db = await openInspectorDb();
});

async function connections() {
  const log = await buildSessionLog(db, { browser: 'test', version: '0' });
  return Object.fromEntries(log.connections.map((c) => [c.url.slice(-3), { state: c.state, ended: c.ended, closedAt: c.closedAt }]));
}

describe('Ingest while a page load goes away', () => {
  it('marks a close that came during the unload (before the next hello) as the page going away', async () => {
    const ingest = new Ingest({ storage: idbStorage(db), onError: (e) => { throw e; } });
    const relay = new FakeRelay();
    await ingest.hello(relay, { tabId: 1, frameId: 0 }, hello('old', 1000));
    await ingest.batch(relay, batch('old', 1, [create(1, 1100), { k: 'open', c: 1, t: 1110 }, create(2, 1100), { k: 'open', c: 2, t: 1110 }]));
    // The server closed x2 long before the navigation; the browser closed x1 with 1001 during it.
    await ingest.batch(relay, batch('old', 2, [{ k: 'close', c: 2, t: 1500, code: 1011, reason: '', wasClean: true }, { k: 'close', c: 1, t: 2040, code: 1001, reason: '', wasClean: true }]));
    await ingest.hello(new FakeRelay(), { tabId: 1, frameId: 0 }, hello('new', 2000));
    await ingest.idle();
    expect(await connections()).toEqual({
      '/x1': { state: 'closed', ended: 'page-unloaded', closedAt: 2040 },
      '/x2': { state: 'closed', ended: undefined, closedAt: 1500 },
    });
  });

  it('never reopens a connection of a load that is gone, nor leaves one created during its unload open', async () => {
    const ingest = new Ingest({ storage: idbStorage(db), onError: (e) => { throw e; } });
    const relay = new FakeRelay();
    await ingest.hello(relay, { tabId: 1, frameId: 0 }, hello('old', 1000));
    await ingest.batch(relay, batch('old', 1, [create(1, 1100, 'eventsource'), create(2, 1100)]));
    await ingest.hello(new FakeRelay(), { tabId: 1, frameId: 0 }, hello('new', 2000));
    // The leaving page's last batch arrives after the next load's hello: an open, the browser's
    // error (CLOSED) and a close, and a socket its client created from that close.
    await ingest.batch(relay, batch('old', 2, [
      { k: 'open', c: 1, t: 1990 }, { k: 'error', c: 1, t: 2030, readyState: 2 },
      { k: 'open', c: 2, t: 1995 }, { k: 'close', c: 2, t: 2040, code: 1001, reason: '', wasClean: true },
      create(3, 2041), { k: 'open', c: 3, t: 2050 },
    ]));
    await ingest.idle();
    expect(await connections()).toEqual({
      '/s1': { state: 'closed', ended: 'page-unloaded', closedAt: 2000 },
      '/x2': { state: 'closed', ended: 'page-unloaded', closedAt: 2000 },
      '/x3': { state: 'closed', ended: 'page-unloaded', closedAt: 2041 },
    });
  });

  it('a page back from the back/forward cache creates connections that are open again', async () => {
    const ingest = new Ingest({ storage: idbStorage(db), onError: (e) => { throw e; } });
    const relay = new FakeRelay();
    await ingest.hello(relay, { tabId: 1, frameId: 0 }, hello('old', 1000));
    await ingest.batch(relay, batch('old', 1, [create(1, 1100)]));
    await ingest.hello(new FakeRelay(), { tabId: 1, frameId: 0 }, hello('new', 2000));
    // Back: the old document's relay says hello again and its page opens a new socket much later.
    await ingest.hello(relay, { tabId: 1, frameId: 0 }, hello('old', 1000));
    await ingest.batch(relay, batch('old', 2, [create(2, 9000), { k: 'open', c: 2, t: 9010 }]));
    await ingest.idle();
    expect((await connections())['/x2']).toEqual({ state: 'open', ended: undefined, closedAt: undefined });
  });
});
