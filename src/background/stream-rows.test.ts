import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import type { ConnectionRow } from '../contracts/model';
import { PROTOCOL_VERSION, type HookRecord } from '../contracts/protocol';
import { DB_NAME, openInspectorDb, type Db } from '../store/db';
import { readEvents } from '../store/event-chunks';
import { newConnectionRow } from './connection-rows';
import { Ingest, type RelayEndpoint } from './ingest';
import { idbStorage } from './storage';
import { StreamRows } from './stream-rows';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const chunk = (t: number, bytes: Buffer | string): HookRecord => {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return { k: 'message', c: 1, t, dir: 'in', data: buf.toString('base64'), binary: true, size: buf.length };
};

function conn(streamFormat: ConnectionRow['streamFormat']): ConnectionRow {
  const row = newConnectionRow({ k: 'create', c: 1, t: 0, kind: 'fetch-stream', url: 'http://127.0.0.1/chat', frameUrl: 'http://127.0.0.1/', method: 'POST' }, { id: 'c1', pageId: 'p', tabId: 1, sourceId: 's', frameId: 0, sourceFrameUrl: 'http://127.0.0.1/' });
  row.streamFormat = streamFormat;
  return row;
}

describe('StreamRows', () => {
  it('stores one chunk event per read and one message per SSE event, across a UTF-8 sequence and a CRLF split between reads', () => {
    const rows = new StreamRows();
    const c = conn('sse');
    const text = Buffer.from('data: {"d":"é"}\r\n\r\nevent: done\r\ndata: [DONE]\r\n\r\n', 'utf8');
    const cut1 = text.indexOf(0xa9); // inside the two bytes of "é"
    const cut2 = text.indexOf(0x0a); // between the CR and LF of the first CRLF
    const evs = [
      ...rows.apply(c, chunk(10, text.subarray(0, cut1)) as never),
      ...rows.apply(c, chunk(20, text.subarray(cut1, cut2)) as never),
      ...rows.apply(c, chunk(30, text.subarray(cut2)) as never),
      ...rows.apply(c, { k: 'stream-end', c: 1, t: 40, by: 'server' }),
    ];
    expect(evs.map((e) => [e.seq, e.type, e.t, e.eventType, e.data])).toEqual([
      [1, 'chunk', 10, undefined, 'data: {"d":"'],
      [2, 'chunk', 20, undefined, 'é"}\r'],
      [3, 'chunk', 30, undefined, '\n\r\nevent: done\r\ndata: [DONE]\r\n\r\n'],
      [4, 'message', 30, 'message', '{"d":"é"}'],
      [5, 'message', 30, 'done', '[DONE]'],
      [6, 'close', 40, undefined, undefined],
    ]);
    expect(evs[5]!.endedBy).toBe('server');
    expect(c).toMatchObject({ chunks: 3, messagesIn: 2, bytesIn: text.length, state: 'closed', closedAt: 40, streamEnd: { t: 40, by: 'server' }, lastSeq: 6 });
  });

  it('keeps an event cut off by an abort as an unterminated message before the end', () => {
    const rows = new StreamRows();
    const c = conn('sse');
    rows.apply(c, chunk(1, 'retry: 3000\nid: 4\ndata: par') as never);
    const evs = rows.apply(c, { k: 'stream-end', c: 1, t: 2, by: 'abort', error: 'AbortError' });
    expect(evs.map((e) => [e.type, e.data, e.lastEventId, e.unterminated, e.endedBy, e.reason])).toEqual([
      ['message', 'data: par', '4', true, undefined, undefined],
      ['close', undefined, undefined, undefined, 'abort', 'AbortError'],
    ]);
    expect(c.sseRetryMs).toBe(3000);
    expect(c.streamEnd).toEqual({ t: 2, by: 'abort', error: 'AbortError' });
  });

  it('splits NDJSON into one message per line', () => {
    const rows = new StreamRows();
    const c = conn('ndjson');
    const evs = [...rows.apply(c, chunk(1, '{"a":1}\n{"b"') as never), ...rows.apply(c, chunk(2, ':2}\n') as never)];
    expect(evs.filter((e) => e.type === 'message').map((e) => e.data)).toEqual(['{"a":1}', '{"b":2}']);
  });
});

describe('Ingest of a fetch stream', () => {
  let db: Db;
  beforeEach(async () => {
    db?.close();
    await deleteDB(DB_NAME);
    db = await openInspectorDb();
  });

  it('validates and stores the records the hook sends for a streamed fetch', async () => {
    const ingest = new Ingest({ storage: idbStorage(db), onError: (e) => { throw e; } });
    const relay: RelayEndpoint = { postMessage() {} };
    await ingest.hello(relay, { tabId: 3, frameId: 0 }, { v: PROTOCOL_VERSION, type: 'hello', sourceId: 's', frameUrl: 'http://127.0.0.1/', isTop: true, timeOrigin: 0 });
    const records: HookRecord[] = [
      { k: 'create', c: 1, t: 1, kind: 'fetch-stream', url: 'http://127.0.0.1/chat', frameUrl: 'http://127.0.0.1/', method: 'POST' },
      { k: 'open', c: 1, t: 2, status: 200, statusText: 'OK', contentType: 'text/event-stream; charset=utf-8', responseUrl: 'http://127.0.0.1/chat', streamFormat: 'sse' },
      { k: 'message', c: 1, t: 3, dir: 'in', data: b64('data: hi\n\n'), binary: true, size: 10 },
      { k: 'stream-end', c: 1, t: 4, by: 'cancel' },
    ];
    await ingest.batch(relay, { v: PROTOCOL_VERSION, type: 'batch', sourceId: 's', batchNo: 1, payload: JSON.stringify(records) });
    await ingest.idle();
    expect(ingest.stats.invalidRecords).toBe(0);
    const [row] = await db.getAll('connections');
    expect(row).toMatchObject({ kind: 'fetch-stream', method: 'POST', status: 200, contentType: 'text/event-stream; charset=utf-8', streamFormat: 'sse', streamEnd: { t: 4, by: 'cancel' }, state: 'closed' });
    const evs = await readEvents(db, row!.id, 1, row!.lastSeq);
    expect(evs.map((e) => [e.type, e.data])).toEqual([['open', undefined], ['chunk', 'data: hi\n\n'], ['message', 'hi'], ['close', undefined]]);
  });
});
