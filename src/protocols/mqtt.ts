// MQTT 3.1, 3.1.1 and 5 over WebSocket: binary control packets read from one byte stream per
// direction, since a packet may span WebSocket frames and a frame may hold several packets.

import { ByteReader } from './byte-reader';
import { ByteStream } from './byte-stream';
import { frameBytes } from './frames';
import { readProperties } from './mqtt-properties';
import { payloadView } from './payload-view';
import type { Decoder, FrameDecode, FrameInput, MessageKind, ProtocolMessage, ProtocolSpec } from './types';

export const PACKET_TYPES = ['', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH'] as const;

interface State {
  /** Protocol level from the CONNECT: 3 (3.1), 4 (3.1.1) or 5. */
  level: number;
  /** MQTT 5 topic aliases, per direction (each side sets its own). */
  aliases: { in: Map<number, string>; out: Map<number, string> };
}

/** Fixed header: type, flags and the whole packet's length; null while bytes are missing. */
export function readFixedHeader(b: Uint8Array): { type: number; flags: number; headerLen: number; total: number } | null | 'malformed' {
  if (b.length < 2) return null;
  let len = 0;
  for (let i = 1; i <= 4; i++) {
    if (i >= b.length) return null;
    const byte = b[i]!;
    len += (byte & 0x7f) * 128 ** (i - 1);
    if ((byte & 0x80) === 0) return { type: b[0]! >> 4, flags: b[0]! & 0x0f, headerLen: i + 1, total: i + 1 + len };
  }
  return 'malformed';
}

export function createMqttDecoder(): Decoder {
  const streams = { in: new ByteStream(), out: new ByteStream() };
  const state: State = { level: 4, aliases: { in: new Map(), out: new Map() } };
  return {
    push(f: FrameInput): FrameDecode {
      const dir = f.direction ?? 'in';
      const s = streams[dir];
      // MQTT over WebSocket is binary frames only (MQTT 3.1.1 §6 / 5.0 §6): text is not MQTT.
      if (!f.bytes) return { messages: [], error: 'a text frame: MQTT is sent in binary frames' };
      if (f.truncated) {
        s.reset();
        return { messages: [], error: 'payload truncated by the recorder: the packet stream is lost until the next frame' };
      }
      if (!s.append(frameBytes(f), f.seq)) return { messages: [], error: 'a packet longer than the stream limit' };
      const messages: ProtocolMessage[] = [];
      let error: string | undefined;
      for (;;) {
        const h = readFixedHeader(s.bytes);
        if (h === 'malformed' || (h && h.type === 0)) {
          s.reset();
          return { messages, error: 'not an MQTT packet (bad fixed header)' };
        }
        if (h === null || s.bytes.length < h.total) {
          if (s.bytes.length === 0) break;
          return { messages, partial: { type: PACKET_TYPES[s.bytes[0]! >> 4] ?? 'MQTT' }, ...(error ? { error } : {}) };
        }
        const packet = s.bytes.slice(h.headerLen, h.total);
        const seqs = s.take(h.total);
        const msg = decodePacket(h.type, h.flags, packet, state, dir);
        if ('error' in msg) error = msg.error;
        else {
          if (seqs.length > 1) msg.seqs = seqs;
          messages.push(msg);
        }
      }
      return error ? { messages, error } : { messages };
    },
  };
}

function decodePacket(type: number, flags: number, b: Uint8Array, state: State, dir: 'in' | 'out'): ProtocolMessage | { error: string } {
  const name = PACKET_TYPES[type]!;
  try {
    return readPacket(name, flags, new ByteReader(b), state, dir);
  } catch (e) {
    return { error: `${name}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function readPacket(type: (typeof PACKET_TYPES)[number], flags: number, r: ByteReader, st: State, dir: 'in' | 'out'): ProtocolMessage {
  const v5 = st.level === 5;
  const msg = (kind: MessageKind, body: Record<string, unknown>, extra: Partial<ProtocolMessage> = {}): ProtocolMessage => ({ type, kind, body, ...extra });
  switch (type) {
    case 'CONNECT': {
      const protocolName = r.lenString();
      const level = r.u8();
      if (level === 3 || level === 4 || level === 5) st.level = level;
      const cf = r.u8();
      const keepAlive = r.u16();
      const body: Record<string, unknown> = { protocolName, protocolLevel: level, cleanStart: (cf & 2) !== 0, keepAlive };
      if (level === 5) body['properties'] = readProperties(r);
      body['clientId'] = r.lenString();
      if (cf & 4) {
        if (level === 5) body['willProperties'] = readProperties(r);
        body['will'] = { topic: r.lenString(), payload: payloadView(r.lenBytes()), qos: (cf >> 3) & 3, retain: (cf & 0x20) !== 0 };
      }
      if (cf & 0x80) body['username'] = r.lenString();
      // Never shown: the password is a secret, and its length is enough to see one was sent.
      if (cf & 0x40) body['password'] = `(${r.lenBytes().length} bytes)`;
      return msg('control', body, { name: String(body['clientId']) || undefined });
    }
    case 'CONNACK': {
      const sessionPresent = (r.u8() & 1) === 1;
      const code = r.u8();
      const body: Record<string, unknown> = { sessionPresent, [v5 ? 'reasonCode' : 'returnCode']: code };
      if (v5 && r.left > 0) body['properties'] = readProperties(r);
      // 3.1.1: 0 accepted, 1–5 refused; 5: reason codes of 0x80 and above are failures.
      return msg(code === 0 ? 'control' : 'error', body, code === 0 ? {} : { name: connackReason(code, v5) });
    }
    case 'PUBLISH': {
      const qos = (flags >> 1) & 3;
      let topic = r.lenString();
      const body: Record<string, unknown> = { topic, qos, retain: (flags & 1) === 1, dup: (flags & 8) !== 0 };
      const id = qos > 0 ? String(r.u16()) : undefined;
      if (id !== undefined) body['packetId'] = Number(id);
      if (v5) {
        const props = readProperties(r);
        body['properties'] = props;
        const alias = props['topicAlias'];
        if (typeof alias === 'number') {
          const aliases = st.aliases[dir];
          if (topic === '') topic = aliases.get(alias) ?? '';
          else aliases.set(alias, topic);
          body['topic'] = topic;
        }
      }
      body['payload'] = payloadView(r.rest());
      // QoS 1 and 2 publications ask for a PUBACK / PUBREC with the packet id.
      return msg(qos > 0 ? 'request' : 'data', body, { name: topic, channel: topic, ...(id !== undefined ? { id } : {}) });
    }
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP': {
      const id = r.u16();
      const body: Record<string, unknown> = { packetId: id };
      if (v5 && r.left > 0) body['reasonCode'] = r.u8();
      if (v5 && r.left > 0) body['properties'] = readProperties(r);
      const failed = typeof body['reasonCode'] === 'number' && body['reasonCode'] >= 0x80;
      return msg(failed ? 'error' : type === 'PUBREL' ? 'request' : 'reply', body, { id: String(id) });
    }
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE': {
      const id = r.u16();
      const body: Record<string, unknown> = { packetId: id };
      if (v5) body['properties'] = readProperties(r);
      const topics: Array<{ topic: string; qos?: number }> = [];
      while (r.left > 0) {
        const topic = r.lenString();
        topics.push(type === 'SUBSCRIBE' ? { topic, qos: r.u8() & 3 } : { topic });
      }
      body['topics'] = topics;
      return msg(type === 'SUBSCRIBE' ? 'subscribe' : 'unsubscribe', body, { id: String(id), name: topics.map((t) => t.topic).join(', ') });
    }
    case 'SUBACK':
    case 'UNSUBACK': {
      const id = r.u16();
      const body: Record<string, unknown> = { packetId: id };
      if (v5) body['properties'] = readProperties(r);
      const codes = Array.from(r.rest());
      body[type === 'SUBACK' ? 'granted' : 'reasonCodes'] = codes;
      // 0x80 is "failure" in 3.1.1 SUBACK and every code from 0x80 on is one in MQTT 5.
      const failed = codes.some((c) => c >= 0x80);
      return msg(failed ? 'error' : 'reply', body, { id: String(id), ...(failed ? { name: `refused: ${codes.filter((c) => c >= 0x80).join(', ')}` } : {}) });
    }
    case 'PINGREQ':
    case 'PINGRESP':
      return msg('keepalive', {});
    case 'DISCONNECT':
    case 'AUTH': {
      const body: Record<string, unknown> = {};
      if (v5 && r.left > 0) body['reasonCode'] = r.u8();
      if (v5 && r.left > 0) body['properties'] = readProperties(r);
      const failed = typeof body['reasonCode'] === 'number' && body['reasonCode'] >= 0x80;
      return msg(failed ? 'error' : 'control', body);
    }
    default:
      throw new Error('reserved packet type');
  }
}

const V3_REFUSALS = ['', 'unacceptable protocol version', 'identifier rejected', 'server unavailable', 'bad user name or password', 'not authorized'];

function connackReason(code: number, v5: boolean): string {
  if (!v5) return V3_REFUSALS[code] ?? `refused (${code})`;
  const V5: Record<number, string> = { 0x80: 'unspecified error', 0x84: 'unsupported protocol version', 0x85: 'client identifier not valid', 0x86: 'bad user name or password', 0x87: 'not authorized', 0x88: 'server unavailable', 0x89: 'server busy', 0x8a: 'banned' };
  return V5[code] ?? `reason 0x${code.toString(16)}`;
}

export const mqtt: ProtocolSpec = { id: 'mqtt', label: 'MQTT', create: createMqttDecoder };
