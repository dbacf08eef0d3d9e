// Engine.IO (v3/v4) and Socket.IO (v3/v4/v5 packet format) over WebSocket: one Engine.IO packet
// per frame; Socket.IO packets inside Engine.IO "message"s, binary attachments joined to the
// packet whose placeholders they fill.

import { frameText, isRecord, parseJson } from './frames';
import type { DecodeContext, Decoder, FrameDecode, FrameInput, MessageKind, ProtocolMessage, ProtocolSpec } from './types';

const ENGINE_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;
/** Socket.IO packet types; 4 was ERROR in v2 and is CONNECT_ERROR since v3. */
const SOCKET_TYPES = ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'] as const;

interface Pending {
  msg: ProtocolMessage;
  data: unknown;
  want: number;
  got: Uint8Array[];
  seqs: number[];
}

/** The Engine.IO version from the URL's EIO parameter (Socket.IO 2 = 3, Socket.IO 3/4 = 4). */
export function engineVersion(url: string | undefined): 3 | 4 {
  return /[?&]EIO=3(&|$)/.test(url ?? '') ? 3 : 4;
}

export function createSocketIoDecoder(ctx: DecodeContext = {}): Decoder {
  const version = engineVersion(ctx.url);
  // Attachments follow their packet in the same direction.
  const pending = new Map<string, Pending>();
  return {
    push(f: FrameInput): FrameDecode {
      const dir = f.direction ?? 'in';
      const wait = pending.get(dir);
      if (f.bytes) {
        // v3 prefixes binary frames with the packet type (4 = message); v4 sends them as they are.
        const bytes = version === 3 && f.bytes[0] === 4 ? f.bytes.subarray(1) : f.bytes;
        if (!wait) return { messages: [{ type: 'binary', kind: 'data', body: { bytes: bytes.length } }] };
        wait.got.push(bytes);
        wait.seqs.push(f.seq);
        if (wait.got.length < wait.want) return { messages: [], partial: { type: wait.msg.type, name: wait.msg.name } };
        pending.delete(dir);
        const joined = fillPlaceholders(wait.data, wait.got);
        return { messages: [{ ...wait.msg, body: { ...(wait.msg.body as object), data: joined }, seqs: wait.seqs }] };
      }
      const text = frameText(f);
      const decoded = decodeEnginePacket(text, version, dir);
      if ('error' in decoded) return { messages: [], error: decoded.error };
      if (decoded.attachments > 0 && decoded.msg) {
        pending.set(dir, { msg: decoded.msg, data: decoded.data, want: decoded.attachments, got: [], seqs: [f.seq] });
        return { messages: [], partial: { type: decoded.msg.type, name: decoded.msg.name } };
      }
      return { messages: decoded.msg ? [decoded.msg] : [] };
    },
  };
}

type EngineDecoded = { msg: ProtocolMessage | null; data?: unknown; attachments: number } | { error: string };

function decodeEnginePacket(text: string, version: 3 | 4, dir: string): EngineDecoded {
  const t = Number(text[0]);
  const type = ENGINE_TYPES[t];
  if (!type || !/^[0-6]$/.test(text[0] ?? '')) return { error: 'not an Engine.IO packet' };
  const rest = text.slice(1);
  if (type === 'ping' || type === 'pong') {
    // "2probe"/"3probe" test the WebSocket before the upgrade; plain ones keep the connection alive.
    const probe = rest === 'probe';
    return { msg: { type: probe ? `${type} probe` : type, kind: 'keepalive', body: probe ? { probe: true } : rest ? { data: rest } : {} }, attachments: 0 };
  }
  if (type === 'open') {
    const p = parseJson(rest);
    return { msg: { type: 'open', kind: 'control', body: p.ok ? p.value : rest }, attachments: 0 };
  }
  if (type !== 'message') return { msg: { type, kind: type === 'noop' ? 'keepalive' : 'control', body: {} }, attachments: 0 };
  const sio = decodeSocketPacket(rest, version, dir);
  if (!sio) return { msg: { type: 'message', kind: 'data', body: rest }, attachments: 0 };
  return sio;
}

/** `<type>[<attachments>-][<nsp>,][<id>][<json>]` (socket.io-parser). Null when the text is not one. */
export function decodeSocketPacket(s: string, _version: 3 | 4, dir: string): { msg: ProtocolMessage; data: unknown; attachments: number } | null {
  const t = Number(s[0]);
  const type = SOCKET_TYPES[t];
  if (!type || !/^[0-6]$/.test(s[0] ?? '')) return null;
  let i = 1;
  let attachments = 0;
  if (type === 'BINARY_EVENT' || type === 'BINARY_ACK') {
    const dash = s.indexOf('-', i);
    if (dash < 0 || !/^\d+$/.test(s.slice(i, dash))) return null;
    attachments = Number(s.slice(i, dash));
    i = dash + 1;
  }
  let nsp = '/';
  if (s[i] === '/') {
    const comma = s.indexOf(',', i);
    nsp = comma < 0 ? s.slice(i) : s.slice(i, comma);
    i = comma < 0 ? s.length : comma + 1;
  }
  const idMatch = /^\d+/.exec(s.slice(i));
  const id = idMatch?.[0];
  if (id) i += id.length;
  let data: unknown;
  if (i < s.length) {
    const p = parseJson(s.slice(i));
    if (!p.ok) return null;
    data = p.value;
  }
  const msg = describe(type, nsp, id, data, dir);
  return { msg, data, attachments };
}

function describe(type: (typeof SOCKET_TYPES)[number], nsp: string, id: string | undefined, data: unknown, dir: string): ProtocolMessage {
  const body: Record<string, unknown> = { namespace: nsp };
  if (id !== undefined) body['ackId'] = Number(id);
  if (data !== undefined) body['data'] = data;
  const base = { type, body, channel: nsp, ...(id !== undefined ? { id } : {}) };
  if (type === 'EVENT' || type === 'BINARY_EVENT') {
    const name = Array.isArray(data) && typeof data[0] === 'string' ? data[0] : undefined;
    // An event with an ack id asks for an ACK with the same id from the other side.
    const kind: MessageKind = id !== undefined ? 'request' : 'data';
    return { ...base, kind, ...(name !== undefined ? { name } : {}) };
  }
  if (type === 'ACK' || type === 'BINARY_ACK') return { ...base, kind: 'reply' };
  if (type === 'CONNECT_ERROR') {
    const message = isRecord(data) && typeof data['message'] === 'string' ? data['message'] : undefined;
    return { ...base, kind: 'error', name: message ?? 'connect_error' };
  }
  // CONNECT from the client joins the namespace (a subscription of sorts); the server's CONNECT confirms it.
  if (type === 'CONNECT') return { ...base, kind: dir === 'out' ? 'subscribe' : 'reply', name: nsp };
  return { ...base, kind: 'unsubscribe', name: nsp };
}

/** Replaces `{"_placeholder":true,"num":n}` with the n-th attachment (as its size and bytes). */
export function fillPlaceholders(data: unknown, parts: readonly Uint8Array[], depth = 0): unknown {
  if (depth > 64) return data;
  if (Array.isArray(data)) return data.map((d) => fillPlaceholders(d, parts, depth + 1));
  if (!isRecord(data)) return data;
  if (data['_placeholder'] === true && typeof data['num'] === 'number') {
    const part = parts[data['num']];
    return part ? { binary: part.length, bytes: Array.from(part.subarray(0, 64)) } : data;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k] = fillPlaceholders(v, parts, depth + 1);
  return out;
}

export const socketIo: ProtocolSpec = { id: 'socket.io', label: 'Socket.IO', create: createSocketIoDecoder };
