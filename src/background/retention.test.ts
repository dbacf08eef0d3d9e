// Retention and quota relief against IndexedDB (fake-indexeddb) through the real Ingest: the
// pages chosen, the rows removed, the notices written, and that recording continues with
// contiguous seq. The real-quota version of the quota test runs in Chromium (test/settings.e2e.test.ts).
import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_NAME, openInspectorDb, type Db } from '../store/db';
import { fromChunk } from '../store/event-chunks';
import { PROTOCOL_VERSION, type BackgroundToRelay, type BatchMessage, type HookRecord } from '../contracts/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../contracts/settings';
import { isSiteRecorded } from '../settings/recording-scope';
import { Ingest, type RelayEndpoint } from './ingest';
import { Retention } from './retention';
import { idbStorage, type Storage } from './storage';

/** A relay that keeps unacknowledged batches and can resend them, like src/relay/relay.ts. */
class Relay implements RelayEndpoint {
  unacked: BatchMessage[] = [];
  next = 1;
  constructor(readonly ingest: Ingest, readonly sourceId: string) {}
  postMessage(m: BackgroundToRelay) {
    if (m.type === 'ack') this.unacked = this.unacked.filter((b) => b.batchNo > m.upTo);
  }
  async hello(tabId: number, url: string, timeOrigin: number) {
    await this.ingest.hello(this, { tabId, frameId: 0 }, { v: PROTOCOL_VERSION, type: 'hello', sourceId: this.sourceId, frameUrl: url, isTop: true, timeOrigin });
  }
  async send(records: HookRecord[]) {
    const b: BatchMessage = { v: PROTOCOL_VERSION, type: 'batch', sourceId: this.sourceId, batchNo: this.next++, payload: JSON.stringify(records) };
    this.unacked.push(b);
    await this.ingest.batch(this, b);
  }
  async resend() {
    for (const b of [...this.unacked]) await this.ingest.batch(this, b);
  }
}

const create = (c: number): HookRecord => ({ k: 'create', c, t: 1, kind: 'websocket', url: 'ws://127.0.0.1:1/x', frameUrl: 'http://127.0.0.1/page' });
const msg = (c: number, data: string): HookRecord => ({ k: 'message', c, t: 2, dir: 'in', data });

let db: Db;
beforeEach(async () => {
  db?.close();
  await deleteDB(DB_NAME);
  db = await openInspectorDb();
});

async function eventsOf(connectionId: string) {
  return (await db.getAll('eventChunks')).filter((c) => c.connectionId === connectionId).flatMap((c) => fromChunk(c));
}

describe('recording scope and payload cap at ingest', () => {
  it('drops records of sites that are not recorded, acknowledges them, and follows changes at once', async () => {
    let settings: Settings = { ...DEFAULT_SETTINGS, excludedSites: ['127.0.0.1'] };
    const ingest = new Ingest({ storage: idbStorage(db), policy: { isRecorded: (u) => isSiteRecorded(u, settings), payloadCapBytes: () => settings.payloadCapBytes } });
    const relay = new Relay(ingest, 's1');
    await relay.hello(1, 'http://127.0.0.1:8080/app', 1000);
    await relay.send([create(1), msg(1, 'secret')]);
    await ingest.idle();
    expect(relay.unacked).toEqual([]);
    expect(await db.count('connections')).toBe(0);
    expect(ingest.notRecorded).toBe(2);
    settings = { ...settings, excludedSites: [] };
    await relay.send([msg(1, 'still the unrecorded connection'), create(2), msg(2, 'recorded')]);
    await ingest.idle();
    const conns = await db.getAll('connections');
    expect(conns).toHaveLength(1);
    expect((await eventsOf(conns[0]!.id)).map((e) => [e.seq, e.data])).toEqual([[1, 'recorded']]);
    expect(ingest.stats.invalidRecords).toBe(0);
  });

  it('cuts payloads above the cap, keeping the full size', async () => {
    const ingest = new Ingest({ storage: idbStorage(db), policy: { isRecorded: () => true, payloadCapBytes: () => 4 } });
    const relay = new Relay(ingest, 's1');
    await relay.hello(1, 'http://a.test/', 1000);
    await relay.send([create(1), msg(1, 'abcdefgh'), msg(1, 'ab')]);
    await ingest.idle();
    const [c] = await db.getAll('connections');
    expect((await eventsOf(c!.id)).map((e) => [e.data, e.size, e.truncated])).toEqual([['abcd', 8, true], ['ab', 2, undefined]]);
  });
});

describe('retention', () => {
  async function recordPages(ingest: Ingest, n: number, perPage: number, t0: number): Promise<Relay[]> {
    const relays: Relay[] = [];
    for (let i = 0; i < n; i++) {
      const r = new Relay(ingest, `s${i}`);
      await r.hello(i + 1, `http://a.test/${i}`, t0 + i * 1000);
      await r.send([create(1), ...Array.from({ length: perPage }, (_, k) => msg(1, `p${i}-${k}-${'x'.repeat(200)}`))]);
      relays.push(r);
    }
    await ingest.idle();
    return relays;
  }

  it('keeps a running size per page and deletes the oldest pages above the size limit, never an open tab\'s current load', async () => {
    const ingest = new Ingest({ storage: idbStorage(db) });
    await recordPages(ingest, 4, 100, 1_000_000);
    const pages = (await db.getAll('pages')).sort((a, b) => a.startedAt - b.startedAt);
    expect(pages.every((p) => (p.storedBytes ?? 0) > 100 * 200)).toBe(true);
    const perPage = pages[0]!.storedBytes!;
    // Tab 1 (the oldest page) is still open on that load: protected.
    const settings = { ...DEFAULT_SETTINGS, retentionDays: 0, retentionMaxBytes: Math.floor(perPage * 2.5) };
    const retention = new Retention({ db: async () => db, settings: () => settings, openTabIds: async () => new Set([1]), ingest });
    const d = await retention.run();
    expect(d).toMatchObject({ pages: 2, connections: 2 });
    const left = (await db.getAll('pages')).map((p) => p.url).sort();
    expect(left).toEqual(['http://a.test/0', 'http://a.test/3']);
    expect((await db.getAll('connections')).map((c) => c.pageId).sort()).toEqual(left.map((u) => pages.find((p) => p.url === u)!.id).sort());
    const chunks = await db.getAll('eventChunks');
    const liveConns = new Set((await db.getAll('connections')).map((c) => c.id));
    expect(chunks.every((c) => liveConns.has(c.connectionId))).toBe(true);
    const notices = await db.getAll('notices');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ tabId: 0, kind: 'retention', details: { pages: 2, pageIds: [pages[1]!.id, pages[2]!.id] } });
    expect(notices[0]!.message).toMatch(/^Deleted 2 oldest recorded page loads \(2 connections, about 0\.\d MB\): recorded data was above the 0 MB limit\.$/);
  });

  it('deletes pages older than the age limit', async () => {
    const ingest = new Ingest({ storage: idbStorage(db) });
    const DAY = 86_400_000;
    await recordPages(ingest, 2, 1, 10 * DAY);
    const retention = new Retention({ db: async () => db, settings: () => ({ ...DEFAULT_SETTINGS, retentionDays: 7 }), openTabIds: async () => new Set(), ingest, now: () => 10 * DAY + 7 * DAY + 500 });
    expect(await retention.run()).toMatchObject({ pages: 1 });
    expect((await db.getAll('pages')).map((p) => p.url)).toEqual(['http://a.test/1']);
  });
});

describe('quota relief (QuotaExceededError simulated at the storage layer)', () => {
  it('deletes the oldest sessions, writes a notice, and the session being written continues with contiguous seq', async () => {
    const real = idbStorage(db);
    // A fake quota over the page rows' running size: a commit that would go past it fails the
    // way IndexedDB does (DOMException QuotaExceededError, nothing of the transaction stored).
    const QUOTA = 150_000;
    let failures = 0;
    const quotaStorage: Storage = {
      ...real,
      async commit(c) {
        const stored = (await db.getAll('pages')).reduce((n, p) => n + (p.storedBytes ?? 0), 0);
        const incoming = c.events.reduce((n, e) => n + (e.data?.length ?? 0) + 40, 0);
        if (stored + incoming > QUOTA) {
          failures++;
          throw new DOMException('quota', 'QuotaExceededError');
        }
        return real.commit(c);
      },
    };
    let retention: Retention | undefined;
    const ingest = new Ingest({ storage: quotaStorage, onWriteFailed: (e, c) => retention!.writeFailed(e, c) });
    retention = new Retention({ db: async () => db, settings: () => DEFAULT_SETTINGS, openTabIds: async () => new Set([9]), ingest });
    // Three old sessions in closed tabs, then a live one in tab 9 that keeps writing.
    for (let i = 0; i < 3; i++) {
      const r = new Relay(ingest, `old${i}`);
      await r.hello(i + 1, `http://a.test/old${i}`, 1000 + i);
      await r.send([create(1), ...Array.from({ length: 100 }, (_, k) => msg(1, `${k}${'o'.repeat(400)}`))]);
      await ingest.idle();
    }
    const live = new Relay(ingest, 'live');
    await live.hello(9, 'http://a.test/live', 5000);
    await live.send([create(1)]);
    const sent: string[] = [];
    for (let b = 0; b < 30; b++) {
      const batchMsgs = Array.from({ length: 10 }, (_, k) => `${b}-${k}-${'n'.repeat(300)}`);
      sent.push(...batchMsgs);
      await live.send(batchMsgs.map((d) => msg(1, d)));
      await ingest.idle();
      await retention.settled();
      // The relay's resend timer: replay what is not acknowledged.
      while (live.unacked.length > 0) {
        await live.resend();
        await ingest.idle();
        await retention.settled();
      }
    }
    expect(failures).toBeGreaterThan(0);
    const pages = await db.getAll('pages');
    const liveConn = (await db.getAll('connections')).find((c) => c.sourceId === 'live')!;
    const events = await eventsOf(liveConn.id);
    // The newest session is intact: every message, seq 1..n without a hole.
    expect(events.map((e) => e.data)).toEqual(sent);
    expect(events.map((e) => e.seq)).toEqual(sent.map((_, i) => i + 1));
    expect(liveConn.lastSeq).toBe(sent.length);
    // The oldest went first.
    const left = pages.map((p) => p.url).sort();
    expect(left).toContain('http://a.test/live');
    const deletedCount = 3 - left.filter((u) => u.includes('old')).length;
    expect(deletedCount).toBeGreaterThan(0);
    for (let i = 0; i < deletedCount; i++) expect(left).not.toContain(`http://a.test/old${i}`);
    const notices = await db.getAll('notices');
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n) => n.kind === 'quota')).toBe(true);
    expect(notices[0]!.message).toMatch(/^Storage quota reached: deleted 1 oldest recorded page load/);
  });
});
