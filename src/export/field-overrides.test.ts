// The settings' field overrides reach the export's findings (buildSessionLog fieldOverrides).
import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { Ingest } from '../background/ingest';
import { idbStorage } from '../background/storage';
import { analyzeTab } from '../background/tab-analysis';
import { DB_NAME, openInspectorDb, type Db } from '../store/db';
import { PROTOCOL_VERSION, type HookRecord } from '../contracts/protocol';
import { buildSessionLog } from './session-log-builder';

let db: Db;
beforeEach(async () => {
  db?.close();
  await deleteDB(DB_NAME);
  db = await openInspectorDb();
});

async function recordNumberedSocket(): Promise<void> {
  const ingest = new Ingest({ storage: idbStorage(db) });
  const relay = { postMessage: () => {} };
  await ingest.hello(relay, { tabId: 1, frameId: 0 }, { v: PROTOCOL_VERSION, type: 'hello', sourceId: 's', frameUrl: 'http://a.test/', isTop: true, timeOrigin: 1 });
  const ns = [1, 2, 3, 4, 5, 6, 9, 10, 11, 12];
  const records: HookRecord[] = [
    { k: 'create', c: 1, t: 1, kind: 'websocket', url: 'ws://a.test/feed', frameUrl: 'http://a.test/' },
    { k: 'open', c: 1, t: 2 },
    ...ns.map((n, i): HookRecord => ({ k: 'message', c: 1, t: 10 + i, dir: 'in', data: JSON.stringify({ n, text: `m${n}` }) })),
  ];
  await ingest.batch(relay, { v: PROTOCOL_VERSION, type: 'batch', sourceId: 's', batchNo: 1, payload: JSON.stringify(records) });
  await ingest.idle();
}

describe('field overrides in exports', () => {
  it('a detected sequence gap is reported, and "off" for the URL turns it off', async () => {
    await recordNumberedSocket();
    const detected = await buildSessionLog(db, { browser: 'test', version: '0' });
    expect(detected.findings.map((f) => f.kind)).toContain('event-id-gap');
    const off = await buildSessionLog(db, { browser: 'test', version: '0', fieldOverrides: { sequenceFields: [{ urlPattern: 'ws://a.test/*', path: null }], timestampFields: [] } });
    expect(off.findings.map((f) => f.kind)).not.toContain('event-id-gap');
  });

  it('the live analysis of a tab uses them too', async () => {
    await recordNumberedSocket();
    expect((await analyzeTab(db, 1)).findings.map((f) => f.kind)).toContain('event-id-gap');
    expect((await analyzeTab(db, 1, { sequenceFields: [{ urlPattern: 'ws://a.test/*', path: null }] })).findings.map((f) => f.kind)).not.toContain('event-id-gap');
  });
});
