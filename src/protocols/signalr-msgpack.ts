// ASP.NET Core SignalR hub protocol, MessagePack encoding: binary frames of messages, each a
// varint length then a MessagePack array whose first item is the message type.

import { decode } from '@msgpack/msgpack';
import { ByteReader } from './byte-reader';
import { frameText, isRecord, parseJson } from './frames';
import { RECORD_SEPARATOR, Targets, handshake, type HubFields } from './signalr';
import type { Decoder, FrameDecode, FrameInput, ProtocolMessage, ProtocolSpec } from './types';

/** SignalR's length prefix: 7 bits a byte, least significant first, at most 5 bytes. */
function readLength(r: ByteReader): number {
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const b = r.u8();
    n += (b & 0x7f) * 128 ** i;
    if ((b & 0x80) === 0) return n;
  }
  throw new Error('length prefix longer than 5 bytes');
}

/** The array layouts of the MessagePack hub protocol spec, as the JSON protocol's fields. */
export function hubFields(a: unknown): HubFields | null {
  if (!Array.isArray(a) || typeof a[0] !== 'number') return null;
  const id = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  switch (a[0]) {
    case 1:
    case 4: return { type: a[0], invocationId: id(a[2]), target: id(a[3]), body: { type: a[0], headers: a[1], invocationId: a[2] ?? undefined, target: a[3], arguments: a[4], streamIds: a[5] } };
    case 2: return { type: 2, invocationId: id(a[2]), body: { type: 2, headers: a[1], invocationId: a[2], item: a[3] } };
    case 3: {
      // Result kind: 1 error, 2 void, 3 a result.
      const error = a[3] === 1 ? String(a[4]) : undefined;
      return { type: 3, invocationId: id(a[2]), ...(error !== undefined ? { error } : {}), body: { type: 3, headers: a[1], invocationId: a[2], ...(error !== undefined ? { error } : a[3] === 3 ? { result: a[4] } : {}) } };
    }
    case 5: return { type: 5, invocationId: id(a[2]), body: { type: 5, headers: a[1], invocationId: a[2] } };
    case 6: return { type: 6, body: { type: 6 } };
    case 7: {
      const error = typeof a[1] === 'string' ? a[1] : undefined;
      return { type: 7, ...(error !== undefined ? { error } : {}), body: { type: 7, error: a[1] ?? undefined, allowReconnect: a[2] } };
    }
    case 8:
    case 9: return { type: a[0], body: { type: a[0], sequenceId: a[1] } };
    default: return null;
  }
}

export function createSignalrMsgpackDecoder(): Decoder {
  const targets = new Targets();
  return {
    push(f: FrameInput): FrameDecode {
      // The handshake is JSON text even when the hub protocol is MessagePack.
      if (!f.bytes) {
        const text = frameText(f);
        const recs = text.split(RECORD_SEPARATOR).filter((r) => r !== '');
        const messages = recs.map((r) => parseJson(r)).map((p) => (p.ok && isRecord(p.value) ? handshake(p.value) : null));
        return messages.every((m) => m) ? { messages: messages as ProtocolMessage[] } : { messages: [], error: 'text that is not a SignalR handshake' };
      }
      const messages: ProtocolMessage[] = [];
      const r = new ByteReader(f.bytes);
      try {
        while (r.left > 0) {
          const value = decode(r.bytes(readLength(r)));
          const fields = hubFields(value);
          const m = fields && targets.describe(fields);
          if (!m) return { messages, error: 'not a SignalR MessagePack message' };
          messages.push(m);
        }
      } catch (e) {
        return { messages, error: e instanceof Error ? e.message : String(e) };
      }
      return { messages };
    },
  };
}

export const signalrMsgpack: ProtocolSpec = { id: 'signalr-msgpack', label: 'SignalR (MessagePack)', create: createSignalrMsgpackDecoder };
