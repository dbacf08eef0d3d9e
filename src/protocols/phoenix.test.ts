import { describe, expect, it } from 'vitest';
import { Socket } from 'phoenix';
import { createPhoenixDecoder } from './phoenix';
import type { FrameInput } from './types';

// The phoenix client's own serializer (Socket#encode) writes the client frames.
type Codec = { encode(m: never, cb: (x: string | ArrayBuffer) => void): void; decode(b: ArrayBuffer, cb: (x: { topic: string; event: string }) => void): void };
// encode/decode are the socket's serializer: set at construction, untyped in @types/phoenix.
const socket = new Socket('/socket', { transport: class {} as never }) as unknown as Codec;
const encode = (msg: object): string | ArrayBuffer => {
  let out: string | ArrayBuffer = '';
  socket.encode(msg as never, (x: string | ArrayBuffer) => (out = x));
  return out;
};
const frame = (x: string | ArrayBuffer, seq: number, direction: 'in' | 'out' = 'out'): FrameInput =>
  typeof x === 'string' ? { seq, direction, text: x } : { seq, direction, bytes: new Uint8Array(x) };

describe('Phoenix channels', () => {
  it('reads v2 array frames written by the phoenix client: join, push, heartbeat', () => {
    const d = createPhoenixDecoder();
    const msgs = [
      encode({ join_ref: '1', ref: '1', topic: 'room:lobby', event: 'phx_join', payload: {} }),
      encode({ join_ref: '1', ref: '2', topic: 'room:lobby', event: 'new_msg', payload: { body: 'hi' } }),
      encode({ join_ref: null, ref: '3', topic: 'phoenix', event: 'heartbeat', payload: {} }),
    ].flatMap((x, i) => d.push(frame(x, i + 1)).messages);
    expect(msgs.map((m) => [m.type, m.kind, m.name, m.id])).toEqual([
      ['phx_join', 'subscribe', 'room:lobby', '1'],
      ['new_msg', 'request', 'room:lobby', '2'],
      ['heartbeat', 'keepalive', 'phoenix', '3'],
    ]);
  });

  it('reads server replies, errors and broadcasts as the Phoenix server writes them (v2 and v1)', () => {
    const d = createPhoenixDecoder();
    const frames = [
      '["1","1","room:lobby","phx_reply",{"status":"ok","response":{}}]',
      '[null,"3","phoenix","phx_reply",{"status":"ok","response":{}}]',
      '["1","4","room:secret","phx_reply",{"status":"error","response":{"reason":"unauthorized"}}]',
      '[null,null,"room:lobby","new_msg",{"body":"hi"}]',
      '{"topic":"room:lobby","event":"phx_error","payload":{},"ref":"1"}',
    ];
    const kinds = frames.flatMap((t, i) => d.push({ seq: i + 1, direction: 'in', text: t }).messages).map((m) => m.kind);
    expect(kinds).toEqual(['reply', 'keepalive', 'error', 'data', 'error']);
  });

  it('reads binary pushes from the client serializer, with the ref a client push carries', () => {
    const bin = encode({ join_ref: '1', ref: '5', topic: 'room:1', event: 'upload', payload: new Uint8Array([1, 2, 3]).buffer });
    expect(bin).toBeInstanceOf(ArrayBuffer);
    const m = createPhoenixDecoder().push(frame(bin, 1)).messages[0];
    expect(m).toMatchObject({ type: 'upload', name: 'room:1', id: '5', body: { payload: { binary: 3 } } });
  });

  it('reads a server broadcast in binary (kind 2: topic size, event size, topic, event, payload)', () => {
    const enc = new TextEncoder();
    const bytes = new Uint8Array([2, 6, 4, ...enc.encode('room:1'), ...enc.encode('tick'), 9, 9]);
    expect(socket.decode).toBeTypeOf('function');
    let viaClient: { topic?: string; event?: string } = {};
    socket.decode(bytes.buffer as ArrayBuffer, (x) => (viaClient = x));
    const m = createPhoenixDecoder().push({ seq: 1, direction: 'in', bytes }).messages[0];
    expect([m?.name, m?.type]).toEqual([viaClient.topic, viaClient.event]);
  });

  it('refuses what is not Phoenix', () => {
    expect(createPhoenixDecoder().push({ seq: 1, text: '["a","b"]' }).error).toBeDefined();
    expect(createPhoenixDecoder().push({ seq: 1, bytes: new Uint8Array([7]) }).error).toBeDefined();
  });
});
