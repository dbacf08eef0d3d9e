import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { Aedes } from 'aedes';
import mqttClient from 'mqtt';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { EventRow } from '../../contracts/model';
import { startTap, until } from '../../protocols/test-tap';
import { decodeFrames } from '../../protocols/registry';
import type { FrameInput } from '../../protocols/types';
import { NO_FILTER, createMatcher, type FilterSpec } from './message-filter';

// The issue's case, replayed on frames recorded from the real libraries: which rows "Hide
// heartbeats" hides, with the connection's protocol decoder and with the shape rule alone.

const asEvents = (frames: readonly FrameInput[]): EventRow[] =>
  frames.map((f, i) => ({
    connectionId: 'c',
    seq: i + 1,
    t: 1000 + i * 300,
    type: 'message',
    direction: f.direction!,
    ...(f.bytes ? { data: Buffer.from(f.bytes).toString('base64'), binary: true as const, size: f.bytes.length } : { data: f.text!, size: Buffer.byteLength(f.text!) }),
  }));

const hidden = (events: readonly EventRow[], spec: FilterSpec): number[] => {
  const m = createMatcher(spec);
  return events.filter((e) => !m.matches(e)).map((e) => e.seq);
};

describe('Hide heartbeats on MQTT (MQTT.js against aedes)', () => {
  let events: EventRow[] = [];
  let frames: FrameInput[] = [];
  const close: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    const broker = await Aedes.createBroker();
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (ws, req) => broker.handle(createWebSocketStream(ws), req));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const tap = await startTap(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    close.push(() => tap.close(), async () => void wss.close(), () => new Promise<void>((r) => broker.close(() => r())));
    const client = mqttClient.connect(`${tap.url}/mqtt`, { keepalive: 1, reconnectPeriod: 0 });
    await new Promise<void>((r) => client.on('connect', () => r()));
    await client.subscribeAsync({ 'room/1': { qos: 1 } });
    let got = 0;
    client.on('message', () => got++);
    for (let i = 0; i < 3; i++) await client.publishAsync('room/1', `m${i}`, { qos: 1 });
    await until(() => got === 3);
    await until(() => tap.frames.filter((f) => f.bytes?.[0] === 0xd0).length >= 1, 4000);
    await client.endAsync();
    frames = tap.frames.slice();
    events = asEvents(frames);
  }, 15_000);
  afterAll(async () => {
    for (const c of close) await c();
  });

  const isPing = (f: FrameInput): boolean => f.bytes?.length === 2 && (f.bytes[0] === 0xc0 || f.bytes[0] === 0xd0) && f.bytes[1] === 0;

  it('hides exactly the PINGREQ and PINGRESP frames when the decoder knows the protocol', () => {
    const spec = { ...NO_FILTER, hideHeartbeats: true, channel: { url: 'ws://127.0.0.1/mqtt' } };
    const expected = frames.filter(isPing).map((f) => f.seq);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(hidden(events, spec)).toEqual(expected);
  });

  it('(the bug it replaces) the shape rule alone hides one-byte pieces of other packets and keeps the pings', () => {
    const shapeOnly = hidden(events, { ...NO_FILTER, hideHeartbeats: true });
    const pieces = frames.filter((f) => f.bytes?.length === 1).map((f) => f.seq);
    expect(pieces.length).toBeGreaterThan(0); // aedes writes packets in pieces
    expect(shapeOnly).toEqual(expect.arrayContaining(pieces));
    expect(shapeOnly.some((s) => isPing(frames[s - 1]!))).toBe(false);
  });

  it('filters by packet type and topic', () => {
    const spec = { ...NO_FILTER, messageType: 'publish', messageName: 'room', channel: { url: 'ws://127.0.0.1/mqtt' } };
    const m = createMatcher(spec);
    const shown = events.filter((e) => m.matches(e)).map((e) => e.seq);
    // The frames that complete a PUBLISH on room/1: 3 sent, 3 delivered (a piece of one has no topic yet).
    const decoded = decodeFrames('mqtt', frames);
    const publishes = frames.filter((_, i) => decoded[i]!.messages.some((x) => x.type === 'PUBLISH' && x.name === 'room/1')).map((f) => f.seq);
    expect(decoded.flatMap((d) => d.messages).filter((x) => x.type === 'PUBLISH')).toHaveLength(6);
    expect(shown).toEqual(publishes);
  });
});

describe('Hide heartbeats on Socket.IO (real server and client)', () => {
  it('hides engine.io pings and pongs, and never an event', async () => {
    const http = createServer();
    const server = new Server(http, { pingInterval: 60, pingTimeout: 1000 });
    server.on('connection', (s) => s.on('say', (t: string) => s.emit('said', t)));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const tap = await startTap(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    const client = connect(tap.url, { transports: ['websocket'], forceNew: true });
    await until(() => client.connected);
    // "2" and "3" as event payloads: text the shape rule would take for engine.io pings.
    client.emit('say', '2');
    await until(() => tap.frames.some((f) => f.text?.startsWith('42["said"')));
    await new Promise((r) => setTimeout(r, 200));
    client.close();
    const events = asEvents(tap.frames);
    const spec = { ...NO_FILTER, hideHeartbeats: true, channel: { url: `${tap.url}/socket.io/?EIO=4&transport=websocket` } };
    const gone = hidden(events, spec).map((s) => tap.frames[s - 1]!.text);
    expect(gone.length).toBeGreaterThan(0);
    expect(new Set(gone)).toEqual(new Set(['2', '3']));
    const kept = events.filter((e) => !hidden(events, spec).includes(e.seq)).map((e) => e.data);
    expect(kept).toEqual(expect.arrayContaining(['42["say","2"]', '42["said","2"]']));
    await tap.close();
    server.close();
  });
});
