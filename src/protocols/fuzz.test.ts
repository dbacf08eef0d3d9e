import { describe, expect, it } from 'vitest';
import mqttPacket from 'mqtt-packet';
import { JsonHubProtocol, MessageType } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { PROTOCOLS } from './registry';
import { detectProtocol } from './detect';
import type { FrameDecode, FrameInput } from './types';

// Decoders see whatever a page sends: none may throw, on any input, in any state. The specs'
// own create() is used here, not the registry's guarded wrapper, so a throw fails the test.

/** Mulberry32: a seeded generator, so a failure replays. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = new TextEncoder();
const json = new JsonHubProtocol();
const mp = new MessagePackHubProtocol();
/** Real frames of every protocol, to truncate and mutate (truncated valid frames find the edge cases). */
const SEEDS: Uint8Array[] = [
  ...['2probe', '42/chat,1["msg",{"a":1}]', '451-["up",{"_placeholder":true,"num":0}]', '0{"sid":"x","pingInterval":1}'].map((s) => enc.encode(s)),
  ...['{"type":"subscribe","id":"1","payload":{"query":"subscription { a }"}}', '{"id":"1","type":"start","payload":{"query":"{a}"}}'].map((s) => enc.encode(s)),
  enc.encode('SEND\ndestination:/q\ncontent-length:3\n\nabc\u0000\n'),
  new Uint8Array(mqttPacket.generate({ cmd: 'connect', protocolVersion: 5, clientId: 'c', clean: true, keepalive: 1, properties: { sessionExpiryInterval: 5, userProperties: { a: 'b' } } }, { protocolVersion: 5 })),
  new Uint8Array(mqttPacket.generate({ cmd: 'publish', topic: 't/1', payload: Buffer.from('{"x":1}'), qos: 2, messageId: 7, retain: false, dup: false })),
  enc.encode(json.writeMessage({ type: MessageType.Invocation, invocationId: '1', target: 'T', arguments: [1], headers: {} })),
  new Uint8Array(mp.writeMessage({ type: MessageType.Invocation, invocationId: '1', target: 'T', arguments: [1], headers: {} })),
  enc.encode('["1","2","room:1","phx_join",{}]'),
  new Uint8Array([0, 1, 1, 6, 3, ...enc.encode('13room:1bin'), 0, 0]),
  enc.encode('{"command":"message","identifier":"{\\"channel\\":\\"C\\"}","data":"{\\"action\\":\\"x\\"}"}'),
  enc.encode('a["hi","there"]'),
  enc.encode('[48,1,{},"com.x",[1]]'),
  enc.encode('[{"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"0x1","result":{}}}]'),
];

function mutate(r: () => number, b: Uint8Array): Uint8Array {
  const choice = r();
  if (choice < 0.3) return b.subarray(0, Math.floor(r() * b.length)); // truncated
  if (choice < 0.6) {
    const c = b.slice();
    for (let i = 0; i < 1 + r() * 4; i++) c[Math.floor(r() * c.length)] = Math.floor(r() * 256); // flipped bytes
    return c;
  }
  if (choice < 0.8) return Uint8Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256)); // noise
  return new Uint8Array([...b, ...b.subarray(0, Math.floor(r() * b.length))]); // a frame and a piece of the next
}

function frame(r: () => number, seq: number, bytes: Uint8Array): FrameInput {
  const direction = r() < 0.5 ? 'in' : 'out';
  const truncated = r() < 0.05 ? true : undefined;
  // Half the frames as text (how text frames arrive), half as binary.
  return r() < 0.5 ? { seq, direction, text: new TextDecoder().decode(bytes), ...(truncated ? { truncated } : {}) } : { seq, direction, bytes, ...(truncated ? { truncated } : {}) };
}

function wellFormed(d: FrameDecode): boolean {
  return Array.isArray(d.messages) && d.messages.every((m) => typeof m.type === 'string' && typeof m.kind === 'string') && (d.error === undefined || typeof d.error === 'string');
}

describe('decoders on garbage', () => {
  for (const spec of PROTOCOLS) {
    it(`${spec.id}: 3,000 random, truncated and mutated frames, never a throw`, () => {
      const r = rng(spec.id.length * 7919 + 17);
      for (let run = 0; run < 30; run++) {
        // A fresh connection every 100 frames: decoders with state see many orders of frames.
        const d = spec.create({ url: r() < 0.5 ? '/socket.io/?EIO=3' : '/x' });
        for (let i = 0; i < 100; i++) {
          const seed = SEEDS[Math.floor(r() * SEEDS.length)]!;
          const bytes = r() < 0.2 ? seed : mutate(r, seed);
          const out = d.push(frame(r, run * 100 + i + 1, bytes));
          expect(wellFormed(out)).toBe(true);
        }
      }
    });
  }

  it('detection never throws either', () => {
    const r = rng(42);
    for (let i = 0; i < 500; i++) {
      const frames = Array.from({ length: Math.floor(r() * 6) }, (_, k) => frame(r, k + 1, mutate(r, SEEDS[Math.floor(r() * SEEDS.length)]!)));
      expect(() => detectProtocol({ url: r() < 0.5 ? 'wss://x/graphql' : 'wss://x/', frames })).not.toThrow();
    }
  });
});
