import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import mqttPacket from 'mqtt-packet';
import { DB_NAME, openInspectorDb } from '../store/db';
import type { ConnectionRow, EventRow } from '../contracts/model';
import { toChunks } from '../store/event-chunks';
import { importedEvent } from '../store/imported-rows';
import { sessionLogErrors } from '../../test/harness/schema';
import { sessionLogToHar } from '../formats/har-writer';
import { buildSessionLog } from './session-log-builder';
import { createEventDecoder } from './decoded-fields';

const conn = (id: string, url: string, lastSeq: number, protocol?: string): ConnectionRow => ({
  id, pageId: 'p1', tabId: 1, sourceId: 's', localId: 1, kind: 'websocket', url, origin: 'ws://h', frameUrl: 'http://h/',
  frameId: 0, createdAt: 10, state: 'open', lastSeq, messagesIn: lastSeq, messagesOut: 0, bytesIn: 0, bytesOut: 0, errors: 0, reconnects: 0, ...(protocol ? { protocol } : {}),
});
const bin = (connectionId: string, seq: number, direction: 'in' | 'out', b: Buffer): EventRow => ({ connectionId, seq, t: 10 + seq, type: 'message', direction, data: b.toString('base64'), binary: true, size: b.length });
const text = (connectionId: string, seq: number, direction: 'in' | 'out', data: string): EventRow => ({ connectionId, seq, t: 10 + seq, type: 'message', direction, data, size: data.length });

describe('decoded fields in exports', () => {
  it('adds what the decoder read to each event of a known protocol, validating against the schema', async () => {
    await deleteDB(DB_NAME);
    const db = await openInspectorDb();
    await db.put('pages', { id: 'p1', tabId: 1, url: 'http://h/', startedAt: 1 });
    const publish = mqttPacket.generate({ cmd: 'publish', topic: 'room/1', payload: Buffer.from('hi'), qos: 1, messageId: 3, retain: false, dup: false });
    const rows = [
      bin('m', 1, 'out', mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'c', clean: true, keepalive: 30 })),
      bin('m', 2, 'out', publish.subarray(0, 4)), // a piece…
      bin('m', 3, 'out', publish.subarray(4)), // …and the rest
      bin('m', 4, 'in', mqttPacket.generate({ cmd: 'pingresp' })),
      text('raw', 1, 'in', 'hello'),
    ];
    await db.put('connections', conn('m', 'ws://h/mqtt', 4, 'mqtt'));
    await db.put('connections', conn('raw', 'ws://h/raw', 1));
    const tx = db.transaction('eventChunks', 'readwrite');
    for (const chunk of toChunks(rows)) void tx.store.put(chunk);
    await tx.done;
    const log = await buildSessionLog(db, { tabIds: [1], browser: 'Test 1' });
    expect(sessionLogErrors(log)).toEqual([]);
    const byKey = new Map(log.events.map((e) => [`${e.connectionId}#${e.seq}`, e.decoded]));
    expect(byKey.get('m#1')).toEqual({ protocol: 'mqtt', messages: [{ type: 'CONNECT', kind: 'control', name: 'c' }] });
    expect(byKey.get('m#2')).toEqual({ protocol: 'mqtt', messages: [], partial: { type: 'PUBLISH' } });
    expect(byKey.get('m#3')).toEqual({ protocol: 'mqtt', messages: [{ type: 'PUBLISH', kind: 'request', name: 'room/1', id: '3', channel: 'room/1' }] });
    expect(byKey.get('m#4')?.messages).toEqual([{ type: 'PINGRESP', kind: 'keepalive' }]);
    // No known protocol: no field at all.
    expect(byKey.get('raw#1')).toBeUndefined();
    // HAR is unchanged: no decoded field in its extras.
    expect(JSON.stringify(sessionLogToHar(log))).not.toContain('"decoded"');
    // On import the derived field is dropped (it is decoded again on the next export).
    expect('decoded' in importedEvent(log.events.find((e) => e.decoded)!, -1)).toBe(false);
    db.close();
  });

  it('leaves EventSources and lifecycle events alone, and follows connections that interleave', () => {
    const d = createEventDecoder([
      { id: 'a', kind: 'websocket', url: 'ws://h/', protocol: 'v12.stomp' },
      { id: 'b', kind: 'websocket', url: 'ws://h/', protocol: 'v12.stomp' },
      { id: 'e', kind: 'eventsource', url: 'http://h/feed' },
    ]);
    const a1 = d.annotate({ connectionId: 'a', seq: 1, t: 1, type: 'message', direction: 'in', data: 'MESSAGE\ndestination:/a\n', size: 1 });
    const b1 = d.annotate({ connectionId: 'b', seq: 1, t: 1, type: 'message', direction: 'in', data: 'RECEIPT\nreceipt-id:1\n\n\u0000', size: 1 });
    const a2 = d.annotate({ connectionId: 'a', seq: 2, t: 2, type: 'message', direction: 'in', data: '\nx\u0000', size: 1 });
    expect([a1.decoded?.partial?.type, b1.decoded?.messages[0]?.type, a2.decoded?.messages[0]?.name]).toEqual(['MESSAGE', 'RECEIPT', '/a']);
    expect(d.annotate({ connectionId: 'e', seq: 1, t: 1, type: 'message', direction: 'in', data: 'ping', size: 4 }).decoded).toBeUndefined();
    expect(d.annotate({ connectionId: 'a', seq: 3, t: 3, type: 'close', size: 0 }).decoded).toBeUndefined();
  });
});
