// Phoenix channels: the v1 JSON object serializer ({topic, event, payload, ref}), the v2 array
// serializer ([join_ref, ref, topic, event, payload]) and v2's binary pushes, replies and broadcasts.

import { ByteReader } from './byte-reader';
import { decodeUtf8, frameText, idOf, isRecord, parseJson, str } from './frames';
import type { Decoder, FrameDecode, FrameInput, MessageKind, ProtocolMessage, ProtocolSpec } from './types';

interface PhxFields {
  joinRef?: string;
  ref?: string;
  topic: string;
  event: string;
  payload: unknown;
}

export function describePhoenix(m: PhxFields): ProtocolMessage {
  const status = isRecord(m.payload) ? str(m.payload['status']) : undefined;
  let kind: MessageKind = 'data';
  if (m.topic === 'phoenix' && m.event === 'heartbeat') kind = 'keepalive';
  else if (m.event === 'phx_reply' && m.topic === 'phoenix') kind = 'keepalive'; // the server's answer to a heartbeat
  else if (m.event === 'phx_join') kind = 'subscribe';
  else if (m.event === 'phx_leave') kind = 'unsubscribe';
  else if (m.event === 'phx_error' || (m.event === 'phx_reply' && status === 'error')) kind = 'error';
  else if (m.event === 'phx_reply') kind = 'reply';
  else if (m.event === 'phx_close') kind = 'control';
  else if (m.ref !== undefined) kind = 'request'; // a client push with a ref gets a phx_reply with it
  return {
    type: m.event,
    kind,
    name: m.topic,
    channel: m.topic,
    ...(m.ref !== undefined ? { id: m.ref } : {}),
    body: { join_ref: m.joinRef ?? null, ref: m.ref ?? null, topic: m.topic, event: m.event, payload: m.payload },
  };
}

/** v2 binary frames (phoenix/assets/js/phoenix/serializer.js): kind byte, sizes, strings, payload. */
export function readBinary(b: Uint8Array, dir: 'in' | 'out'): PhxFields {
  const r = new ByteReader(b);
  const kind = r.u8();
  if (kind === 0) {
    // A client's push carries its ref; a server's push has none.
    const sizes = dir === 'out' ? [r.u8(), r.u8(), r.u8(), r.u8()] : [r.u8(), 0, r.u8(), r.u8()];
    const [joinRef, ref, topic, event] = sizes.map((n) => decodeUtf8(r.bytes(n))) as [string, string, string, string];
    return { joinRef, ...(ref ? { ref } : {}), topic, event, payload: { binary: r.left } };
  }
  if (kind === 1) {
    const [j, rf, t, s] = [r.u8(), r.u8(), r.u8(), r.u8()];
    const [joinRef, ref, topic, status] = [j, rf, t, s].map((n) => decodeUtf8(r.bytes(n))) as [string, string, string, string];
    return { joinRef, ref, topic, event: 'phx_reply', payload: { status, response: { binary: r.left } } };
  }
  if (kind === 2) {
    const [t, e] = [r.u8(), r.u8()];
    return { topic: decodeUtf8(r.bytes(t)), event: decodeUtf8(r.bytes(e)), payload: { binary: r.left } };
  }
  throw new Error(`unknown binary kind ${kind}`);
}

export function phoenixFields(v: unknown): PhxFields | null {
  if (Array.isArray(v)) {
    if (v.length !== 5 || typeof v[2] !== 'string' || typeof v[3] !== 'string') return null;
    const joinRef = idOf(v[0]);
    const ref = idOf(v[1]);
    return { ...(joinRef !== undefined ? { joinRef } : {}), ...(ref !== undefined ? { ref } : {}), topic: v[2], event: v[3], payload: v[4] };
  }
  if (!isRecord(v) || typeof v['topic'] !== 'string' || typeof v['event'] !== 'string') return null;
  const ref = idOf(v['ref']);
  const joinRef = idOf(v['join_ref']);
  return { ...(joinRef !== undefined ? { joinRef } : {}), ...(ref !== undefined ? { ref } : {}), topic: v['topic'], event: v['event'], payload: v['payload'] };
}

export function createPhoenixDecoder(): Decoder {
  return {
    push(f: FrameInput): FrameDecode {
      if (f.bytes) {
        try {
          return { messages: [describePhoenix(readBinary(f.bytes, f.direction ?? 'in'))] };
        } catch (e) {
          return { messages: [], error: e instanceof Error ? e.message : String(e) };
        }
      }
      const p = parseJson(frameText(f));
      const fields = p.ok ? phoenixFields(p.value) : null;
      return fields ? { messages: [describePhoenix(fields)] } : { messages: [], error: 'not a Phoenix channel message' };
    },
  };
}

export const phoenix: ProtocolSpec = { id: 'phoenix', label: 'Phoenix channels', create: createPhoenixDecoder };
