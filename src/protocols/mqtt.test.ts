import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { Aedes } from 'aedes';
import mqttClient from 'mqtt';
import mqttPacket from 'mqtt-packet';
import { createMqttDecoder } from './mqtt';
import { startTap, until, type Tap } from './test-tap';
import type { FrameDecode, FrameInput, ProtocolMessage } from './types';

const decode = (frames: readonly FrameInput[]): FrameDecode[] => {
  const d = createMqttDecoder();
  return frames.map((f) => d.push(f));
};

describe('MQTT 3.1.1: MQTT.js against the aedes broker', () => {
  let tap: Tap;
  let broker: Aedes;
  let wss: WebSocketServer;
  let decoded: FrameDecode[] = [];
  let msgs: ProtocolMessage[] = [];
  beforeAll(async () => {
    broker = await Aedes.createBroker({
      authorizeSubscribe: (_c, sub, cb) => cb(null, sub.topic.startsWith('forbidden') ? null : sub),
    });
    const http = createServer();
    wss = new WebSocketServer({ server: http });
    wss.on('connection', (ws, req) => broker.handle(createWebSocketStream(ws), req));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    tap = await startTap(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    const client = mqttClient.connect(`${tap.url}/mqtt`, { protocolVersion: 4, keepalive: 1, clientId: 'inspector-test', reconnectPeriod: 0 });
    await new Promise<void>((r) => client.on('connect', () => r()));
    await client.subscribeAsync({ 'room/1': { qos: 1 }, 'room/2': { qos: 0 } });
    // MQTT.js rejects a SUBACK that refuses a topic: the refusal is what the test wants to see.
    await client.subscribeAsync({ 'room/3': { qos: 0 }, 'forbidden/x': { qos: 0 } }).catch(() => undefined);
    let got = 0;
    client.on('message', () => got++);
    await client.publishAsync('room/1', JSON.stringify({ text: 'hi' }), { qos: 1 });
    await until(() => got === 1);
    // keepalive 1 s: MQTT.js sends PINGREQ after a second without packets. Wait for the whole
    // PINGRESP as the decoder sees it, not for a frame starting with its first byte: aedes may
    // write the fixed header and the length in separate frames (it does under load), and the
    // tap may not have forwarded the second piece yet.
    const seen = (type: string) => decode(tap.frames).some((d) => d.messages.some((m) => m.type === type));
    await until(() => seen('PINGRESP'), 4000);
    await client.endAsync();
    // endAsync resolves on the client's side; the tap records DISCONNECT when it forwards it.
    await until(() => seen('DISCONNECT'));
    decoded = decode(tap.frames);
    msgs = decoded.flatMap((d) => d.messages);
  }, 15_000);
  afterAll(async () => {
    await tap.close();
    wss.close();
    await new Promise<void>((r) => broker.close(() => r()));
  });

  it('reads the packets of the whole conversation in order', () => {
    const types = msgs.map((m) => m.type);
    expect(types.slice(0, 3)).toEqual(['CONNECT', 'CONNACK', 'SUBSCRIBE']);
    for (const t of ['SUBACK', 'PUBLISH', 'PUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT']) expect(types).toContain(t);
    expect(decoded.every((d) => d.error === undefined)).toBe(true);
  });

  it('joins packets that aedes wrote in several WebSocket frames', () => {
    // The case: aedes writes a packet's parts separately, so frames hold pieces.
    expect(decoded.some((d) => d.partial !== undefined)).toBe(true);
    const connack = msgs.find((m) => m.type === 'CONNACK')!;
    expect(connack.body).toEqual({ sessionPresent: false, returnCode: 0 });
  });

  it('names topics, pairs QoS 1 PUBLISH with PUBACK and reports the refused subscription', () => {
    const pub = msgs.find((m) => m.type === 'PUBLISH' && m.kind === 'request' && m.name === 'room/1')!;
    expect(pub.body).toMatchObject({ topic: 'room/1', qos: 1, payload: { text: 'hi' } });
    expect(msgs.some((m) => m.type === 'PUBACK' && m.id === pub.id)).toBe(true);
    const subacks = msgs.filter((m) => m.type === 'SUBACK');
    // 3.1.1 SUBACK: granted QoS per topic, 0x80 for a refusal, in SUBSCRIBE's order.
    expect(subacks.map((m) => [m.kind, (m.body as { granted: number[] }).granted])).toEqual([
      ['reply', [1, 0]],
      ['error', [0, 0x80]],
    ]);
  });

  it('classifies only PINGREQ and PINGRESP as keep-alives: pieces of other packets are data', () => {
    const keepalive = decoded.filter((d) => d.messages.length > 0 && d.messages.every((m) => m.kind === 'keepalive'));
    expect(keepalive.length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < decoded.length; i++) {
      const d = decoded[i]!;
      if (d.messages.some((m) => m.kind === 'keepalive')) expect(tap.frames[i]!.bytes![0]! >> 4).toBeGreaterThanOrEqual(12);
    }
  });
  it('reads the same conversation however its bytes were cut into frames', () => {
    // Real chunking varies with load (aedes writes pieces); one byte per frame is the worst case.
    const bytewise: FrameInput[] = [];
    for (const f of tap.frames) for (const b of f.bytes!) bytewise.push({ seq: bytewise.length + 1, direction: f.direction, bytes: new Uint8Array([b]) });
    const again = decode(bytewise).flatMap((d) => d.messages.map((m) => `${m.type} ${m.name ?? ''}`));
    expect(again).toEqual(msgs.map((m) => `${m.type} ${m.name ?? ''}`));
  });
});

describe('MQTT 5 (frames from mqtt-packet, the encoder of MQTT.js and aedes)', () => {
  const gen = (p: object, direction: 'in' | 'out', seq: number): FrameInput => ({ seq, direction, bytes: new Uint8Array(mqttPacket.generate(p as mqttPacket.Packet, { protocolVersion: 5 })) });
  it('reads properties, reason codes and topic aliases', () => {
    const frames = [
      gen({ cmd: 'connect', protocolVersion: 5, clientId: 'c5', clean: true, keepalive: 30, properties: { sessionExpiryInterval: 60, userProperties: { app: 'x' } } }, 'out', 1),
      gen({ cmd: 'connack', sessionPresent: false, reasonCode: 0, properties: { topicAliasMaximum: 10 } }, 'in', 2),
      gen({ cmd: 'publish', topic: 'sensors/t', payload: Buffer.from('21.5'), qos: 0, retain: false, dup: false, properties: { topicAlias: 3 } }, 'in', 3),
      gen({ cmd: 'publish', topic: '', payload: Buffer.from('22'), qos: 0, retain: false, dup: false, properties: { topicAlias: 3 } }, 'in', 4),
      gen({ cmd: 'suback', messageId: 9, granted: [0x87], properties: { reasonString: 'no' } }, 'in', 5),
    ];
    const msgs = decode(frames).flatMap((d) => d.messages);
    expect(msgs[0]?.body).toMatchObject({ protocolLevel: 5, clientId: 'c5', properties: { sessionExpiryInterval: 60, userProperties: [['app', 'x']] } });
    expect(msgs[1]?.body).toMatchObject({ reasonCode: 0, properties: { topicAliasMaximum: 10 } });
    expect(msgs.slice(2, 4).map((m) => [m.name, m.body && (m.body as { payload: unknown }).payload])).toEqual([['sensors/t', '21.5'], ['sensors/t', '22']]);
    expect(msgs[4]).toMatchObject({ type: 'SUBACK', kind: 'error', id: '9', body: { granted: [0x87], properties: { reasonString: 'no' } } });
  });

  it('splits several packets in one frame and one packet over many frames', () => {
    const a = mqttPacket.generate({ cmd: 'pingreq' });
    const b = mqttPacket.generate({ cmd: 'publish', topic: 't', payload: Buffer.alloc(300, 1), qos: 1, messageId: 5, retain: false, dup: false });
    const all = new Uint8Array(Buffer.concat([a, b, a]));
    const d = createMqttDecoder();
    // Byte by byte: every frame but the ones completing a packet is a partial.
    const out = Array.from(all, (x, i) => d.push({ seq: i + 1, direction: 'out', bytes: new Uint8Array([x]) }));
    expect(out.flatMap((o) => o.messages).map((m) => m.type)).toEqual(['PINGREQ', 'PUBLISH', 'PINGREQ']);
    expect(out.filter((o) => o.partial).length).toBe(all.length - 3);
    const one = createMqttDecoder().push({ seq: 1, direction: 'out', bytes: all });
    expect(one.messages.map((m) => m.type)).toEqual(['PINGREQ', 'PUBLISH', 'PINGREQ']);
    expect((one.messages[1]!.body as { payload: unknown }).payload).toMatchObject({ binary: 300 });
  });

  it('never shows the password', () => {
    const f = gen({ cmd: 'connect', protocolVersion: 4, clientId: 'c', username: 'u', password: Buffer.from('secret'), clean: true, keepalive: 0 }, 'out', 1);
    const m = createMqttDecoder().push(f).messages[0]!;
    expect(JSON.stringify(m.body)).not.toContain('secret');
    expect(m.body).toMatchObject({ username: 'u', password: '(6 bytes)' });
  });
});
