import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../contracts/model';
import { HeartbeatDetector, RHYTHM_REPEATS, heartbeatShape } from './heartbeat';

let seq = 0;
function msg(data: string, over: Partial<EventRow> = {}): EventRow {
  return { connectionId: 'c', seq: ++seq, t: seq * 1000, type: 'message', direction: 'in', data, size: new TextEncoder().encode(data).length, ...over };
}

describe('heartbeatShape', () => {
  it.each([
    ['plain words', 'ping'],
    ['upper case', 'PONG'],
    ['quoted', '"heartbeat"'],
    ['engine.io ping', '2'],
    ['engine.io pong', '3'],
    ['engine.io probe', '2probe'],
    ['SockJS heartbeat frame', 'h'],
    ['graphql-ws', '{"type":"ping"}'],
    ['graphql-ws pong with payload', '{"type":"pong","payload":{}}'],
    ['subscriptions-transport-ws keep-alive', '{"type":"ka"}'],
    ['Action Cable', '{"type":"ping","message":1733043600}'],
    ['SignalR ping record', '{"type":6}\u001e'],
    ['Phoenix object', '{"topic":"phoenix","event":"heartbeat","payload":{},"ref":"12"}'],
    ['Phoenix array', '[null,"12","phoenix","heartbeat",{}]'],
    ['Discord-like op', '{"op":"heartbeat","d":42}'],
    ['Binance-like', '{"ping":1733043600000}'],
    ['STOMP EOL', '\n'],
    ['empty', ''],
  ])('%s: %j', (_name, data) => {
    expect(heartbeatShape(msg(data))).toBe(true);
  });

  it.each([
    ['ordinary JSON', '{"type":"trade","price":1}'],
    ['a word that contains ping', 'shipping'],
    ['a number other than 2/3', '42'],
    ['JSON with a ping field among others', '{"ping":1,"data":"x"}'],
    ['broken JSON', '{"type":"ping"'],
    ['Socket.IO event (engine.io message packet)', '42["ping"]'],
  ])('not %s: %j', (_name, data) => {
    expect(heartbeatShape(msg(data))).toBe(false);
  });

  it('SSE keep-alive events by name, lifecycle events never, big payloads never', () => {
    expect(heartbeatShape(msg('1733043600', { eventType: 'ping' }))).toBe(true);
    expect(heartbeatShape(msg('{"a":1}', { eventType: 'keepalive' }))).toBe(true);
    expect(heartbeatShape(msg('ping', { eventType: 'message' }))).toBe(true); // by its data
    expect(heartbeatShape(msg('x', { eventType: 'update' }))).toBe(false);
    expect(heartbeatShape({ type: 'open', size: 0 })).toBe(false);
    expect(heartbeatShape(msg(`{"type":"ping","pad":"${'x'.repeat(200)}"}`))).toBe(false);
  });

  it('binary: only empty or one-byte frames', () => {
    expect(heartbeatShape({ type: 'message', binary: true, data: 'AA==', size: 1 })).toBe(true);
    expect(heartbeatShape({ type: 'message', binary: true, data: 'AQID', size: 3 })).toBe(false);
  });
});

describe('HeartbeatDetector', () => {
  it('hides an unknown tiny payload once it repeats at a steady interval', () => {
    const d = new HeartbeatDetector();
    const out: boolean[] = [];
    for (let i = 0; i < RHYTHM_REPEATS + 3; i++) out.push(d.isHeartbeat(msg('♥', { t: 10_000 + i * 5000 + (i % 2) * 300 })));
    // The first RHYTHM_REPEATS copies are shown (that is how the rhythm is learnt), the rest hidden.
    expect(out).toEqual([...Array<boolean>(RHYTHM_REPEATS).fill(false), true, true, true]);
  });

  it('does not hide bursts, irregular repeats, other directions or larger payloads', () => {
    const d = new HeartbeatDetector();
    const burst = Array.from({ length: 10 }, (_, i) => d.isHeartbeat(msg('x', { t: 1000 + i })));
    expect(burst.some(Boolean)).toBe(false);
    const irregular = [0, 1000, 9000, 9500, 30000, 31000].map((t) => d.isHeartbeat(msg('y', { t })));
    expect(irregular.some(Boolean)).toBe(false);
    const long = 'a status line that is longer';
    expect(Array.from({ length: 8 }, (_, i) => d.isHeartbeat(msg(long, { t: i * 1000 }))).some(Boolean)).toBe(false);
  });

  it('known shapes are heartbeats from the first one', () => {
    expect(new HeartbeatDetector().isHeartbeat(msg('{"type":"ping"}'))).toBe(true);
  });
});
