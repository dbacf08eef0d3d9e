import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { DB_NAME, openInspectorDb, type Db } from '../store/db';
import { PROTOCOL_VERSION, type BackgroundToRelay, type HookRecord } from '../contracts/protocol';
import { buildSessionLog } from '../export/session-log-builder';
import { Ingest, type RelayEndpoint } from './ingest';
import type { NetworkConnection } from './network-connections';
import { idbStorage } from './storage';

class FakeRelay implements RelayEndpoint {
  postMessage(_m: BackgroundToRelay) {}
}

let db: Db;
beforeEach(async () => {
  db?.close();
  await deleteDB(DB_NAME);
  db = await openInspectorDb();
});

const records = (rs: HookRecord[]) => ({ v: PROTOCOL_VERSION, type: 'batch' as const, sourceId: 's1', batchNo: 1, payload: JSON.stringify(rs) });
const net = (over: Partial<NetworkConnection>): NetworkConnection => ({
  requestId: 'r1', kind: 'websocket', url: 'ws://127.0.0.1:1/ws?from=dw', tabId: 7, initiatorOrigin: 'http://127.0.0.1:1', requestStartedAt: 1010, openedAt: 1012, status: 101, ...over,
});

async function withPage() {
  const ingest = new Ingest({ storage: idbStorage(db), onError: (e) => { throw e; } });
  const relay = new FakeRelay();
  await ingest.hello(relay, { tabId: 7, frameId: 0 }, { v: PROTOCOL_VERSION, type: 'hello', sourceId: 's1', frameUrl: 'http://127.0.0.1:1/page', isTop: true, timeOrigin: 1000 });
  // The page's own WebSocket, recorded by the hook.
  await ingest.batch(relay, records([{ k: 'create', c: 1, t: 1005, kind: 'websocket', url: 'ws://127.0.0.1:1/ws?from=page', frameUrl: 'http://127.0.0.1:1/page' }]));
  return ingest;
}

describe('Ingest: connections only the network saw', () => {
  it('stores a worker’s WebSocket and EventSource, and not the network’s view of the page’s own WebSocket', async () => {
    const ingest = await withPage();
    await ingest.networkConnection(net({ requestId: 'p', url: 'ws://127.0.0.1:1/ws?from=page' })); // claimed by the hook's
    await ingest.networkConnection(net({}));
    const es = net({ requestId: 'e', kind: 'eventsource', url: 'http://127.0.0.1:1/sse', tabId: -1, documentUrl: 'http://127.0.0.1:1/shw.js', status: 200 });
    await ingest.networkConnection(es);
    es.endedAt = 1500;
    es.error = 'net::ERR_ABORTED';
    await ingest.networkEnded(es);
    await ingest.idle();
    const log = await buildSessionLog(db, { browser: 'test', version: '0' });
    const byUrl = Object.fromEntries(log.connections.map((c) => [c.url, c]));
    expect(log.connections).toHaveLength(3);
    expect(byUrl['ws://127.0.0.1:1/ws?from=page']!.seenBy).toBeUndefined();
    expect(byUrl['ws://127.0.0.1:1/ws?from=dw']).toMatchObject({ seenBy: 'network', tabId: 7, state: 'open', openedAt: 1012, status: 101, createdAt: 1010 });
    // A SharedWorker's request (no tab) goes to the tab whose page has its origin.
    expect(byUrl['http://127.0.0.1:1/sse']).toMatchObject({ seenBy: 'network', noTab: true, workerScript: 'http://127.0.0.1:1/shw.js', tabId: 7, state: 'closed', closedAt: 1500 });
    const esEvents = log.events.filter((e) => e.connectionId === byUrl['http://127.0.0.1:1/sse']!.id);
    // An EventSource's end is its closedAt: no close event (that would claim a close frame).
    expect(esEvents.map((e) => [e.seq, e.type])).toEqual([[1, 'open']]);
  });

  it('lets the hook’s EventSource claim each of its reconnect requests, and a fetch stream a request sent with Accept: text/event-stream', async () => {
    const ingest = await withPage();
    const relay = new FakeRelay();
    await ingest.hello(relay, { tabId: 7, frameId: 1 }, { v: PROTOCOL_VERSION, type: 'hello', sourceId: 's2', frameUrl: 'http://127.0.0.1:1/frame', isTop: false, timeOrigin: 1000 });
    await ingest.batch(relay, { ...records([
      { k: 'create', c: 1, t: 1005, kind: 'eventsource', url: 'http://127.0.0.1:1/feed', frameUrl: 'http://127.0.0.1:1/frame' },
      { k: 'create', c: 2, t: 1020, kind: 'fetch-stream', url: 'http://127.0.0.1:1/chat', frameUrl: 'http://127.0.0.1:1/frame' },
    ]), sourceId: 's2' });
    for (const [id, t] of [['a', 1010], ['b', 40_000], ['c', 90_000]] as const) await ingest.networkConnection(net({ requestId: id, kind: 'eventsource', url: 'http://127.0.0.1:1/feed', requestStartedAt: t, openedAt: t + 2, status: 200 }));
    // fetch-event-source's request: Accept text/event-stream, read by the page through fetch().
    await ingest.networkConnection(net({ requestId: 'f', kind: 'eventsource', url: 'http://127.0.0.1:1/chat', requestStartedAt: 1015, openedAt: 1018, status: 200 }));
    await ingest.idle();
    const log = await buildSessionLog(db, { browser: 'test', version: '0' });
    expect(log.connections.filter((x) => x.seenBy === 'network')).toEqual([]);
  });

  it('stores a stream that ended before it was handed over ended, and drops requests of no known tab', async () => {
    const ingest = await withPage();
    await ingest.networkConnection(net({ kind: 'fetch-stream', url: 'http://127.0.0.1:1/chat', status: 200, contentType: 'text/event-stream', endedAt: 1100 }));
    await ingest.networkConnection(net({ requestId: 'x', tabId: -1, initiatorOrigin: 'http://elsewhere' }));
    await ingest.idle();
    const log = await buildSessionLog(db, { browser: 'test', version: '0' });
    const c = log.connections.find((x) => x.seenBy === 'network');
    expect(log.connections.filter((x) => x.seenBy === 'network')).toHaveLength(1);
    expect(c).toMatchObject({ kind: 'fetch-stream', state: 'closed', streamEnd: { t: 1100, by: 'server' } });
  });

  it('never writes a deleted page back, nor a closed tab’s, and a swept or forgotten hook connection still claims its request', async () => {
    const ingest = await withPage();
    await ingest.idle();
    const pageId = (await buildSessionLog(db, { browser: 'test', version: '0' })).pages[0]!.id;
    // Retention deletes the page: the hook's WebSocket row is forgotten, its network view still matched.
    ingest.forgetPages(new Set([pageId]));
    await ingest.networkConnection(net({ requestId: 'p', url: 'ws://127.0.0.1:1/ws?from=page' }));
    // A worker's WebSocket of that deleted page load: nowhere to show it.
    await ingest.networkConnection(net({ requestId: 'w' }));
    await ingest.idle();
    expect((await buildSessionLog(db, { browser: 'test', version: '0' })).connections.filter((c) => c.seenBy === 'network')).toEqual([]);
    await ingest.tabClosed(7, 2000);
    await ingest.networkConnection(net({ requestId: 'x', url: 'ws://127.0.0.1:1/other' }));
    await ingest.idle();
    expect((await buildSessionLog(db, { browser: 'test', version: '0' })).connections.filter((c) => c.seenBy === 'network')).toEqual([]);
  });
});
