// Which protocol a connection speaks: from its negotiated subprotocol, its URL and its first
// frames, with a confidence. A guess only chooses a decoder: the raw frames stay as they are.

import { decode as msgpackDecode } from '@msgpack/msgpack';
import { decode as cborDecode } from 'cbor-x/decode-no-eval'; // no eval: extension pages' CSP
import { decodeFrames } from './registry';
import { frameText } from './frames';
import type { FrameInput, ProtocolId } from './types';

export interface DetectInput {
  url: string;
  /** The negotiated subprotocol (the connection's `protocol`). */
  protocol?: string;
  /** The connection's first frames, in order (a dozen or so is plenty). */
  frames: readonly FrameInput[];
}

export interface Detection {
  id: ProtocolId;
  /** 0–1: 0.95 the subprotocol says so, ~0.9 the first frames have the protocol's signature, ~0.6 only the URL. */
  confidence: number;
  reason: string;
}

const SUBPROTOCOLS: Array<[RegExp, ProtocolId]> = [
  [/^graphql-transport-ws$/i, 'graphql-transport-ws'],
  [/^graphql-ws$/i, 'graphql-ws-legacy'],
  [/^mqtt(v3\.1)?$/i, 'mqtt'],
  [/^v1[0-2]\.stomp$|^stomp$/i, 'stomp'],
  [/^wamp\.2\.json(\.batched)?$/i, 'wamp'],
  [/^actioncable-v1-json$/i, 'actioncable'],
];

const PATHS: Array<[RegExp, ProtocolId, string]> = [
  [/\/socket\.io\/|\/engine\.io\/|[?&]EIO=\d/i, 'socket.io', '/socket.io/'],
  [/\/cable(\/|$|\?)/i, 'actioncable', '/cable'],
  [/\/socket\/websocket(\/|$|\?)|[?&]vsn=\d/i, 'phoenix', '/socket/websocket'],
  [/\/mqtt(\/|$|\?)/i, 'mqtt', '/mqtt'],
  [/\/stomp(\/|$|\?)|\/ws-stomp/i, 'stomp', '/stomp'],
  // SockJS's raw transport: /<prefix>/<server>/<session>/websocket.
  [/\/[^/?]+\/[^/?]+\/websocket(\?|$)|\/sockjs/i, 'sockjs', '/…/<server>/<session>/websocket'],
  [/\/graphql|\/subscriptions(\/|$|\?)/i, 'graphql-transport-ws', '/graphql'],
  [/\/signalr|\/hubs?(\/|$|\?)|hub(\?|$)/i, 'signalr-json', '/hub'],
];

/** A signature in the first frames: the protocol's opening message, seen as it is sent. */
function sniff(frames: readonly FrameInput[]): { id: ProtocolId; why: string } | null {
  for (const f of frames.slice(0, 8)) {
    if (f.bytes) {
      const b = f.bytes;
      // MQTT CONNECT: type 1, remaining length, then the protocol name "MQTT" (or "MQIsdp").
      if (f.direction !== 'in' && b[0] === 0x10 && /MQTT|MQIsdp/.test(String.fromCharCode(...b.subarray(0, 16)))) return { id: 'mqtt', why: 'an MQTT CONNECT packet' };
      continue;
    }
    const t = frameText(f);
    if (/^\{"protocol":"json","version":\d+\}\u001e/.test(t)) return { id: 'signalr-json', why: 'the SignalR JSON handshake' };
    if (/^\{"protocol":"messagepack","version":\d+\}\u001e/.test(t)) return { id: 'signalr-msgpack', why: 'the SignalR MessagePack handshake' };
    if (/^0\{"sid":/.test(t)) return { id: 'socket.io', why: 'an Engine.IO open packet' };
    if (/^(CONNECT|STOMP)\r?\n/.test(t) || /^CONNECTED\r?\n/.test(t)) return { id: 'stomp', why: 'a STOMP CONNECT frame' };
    if (f.direction === 'in' && t === 'o') return { id: 'sockjs', why: 'a SockJS open frame' };
    if (/^\{"type":"welcome"/.test(t)) return { id: 'actioncable', why: 'the Action Cable welcome' };
    if (/"command":"subscribe","identifier":/.test(t)) return { id: 'actioncable', why: 'an Action Cable subscribe command' };
    if (/"type":"(subscribe|next)"/.test(t) && /"id":/.test(t)) return { id: 'graphql-transport-ws', why: 'a graphql-transport-ws subscribe/next' };
    if (/"type":"(start|data|ka)"/.test(t)) return { id: 'graphql-ws-legacy', why: 'a legacy graphql-ws start/data/ka' };
    if (/^\[\s*1\s*,\s*"[^"]+"\s*,\s*\{/.test(t)) return { id: 'wamp', why: 'a WAMP HELLO' };
    if (/"phx_join"|"phoenix"\s*,\s*"heartbeat"|"topic"\s*:\s*"phoenix"/.test(t)) return { id: 'phoenix', why: 'a Phoenix join or heartbeat' };
    if (/"jsonrpc"\s*:\s*"2\.0"/.test(t)) return { id: 'json-rpc', why: 'a JSON-RPC 2.0 message' };
  }
  return null;
}

/** Share of the first frames the decoder reads without an error. */
function fit(id: ProtocolId, input: DetectInput): number {
  const frames = input.frames.slice(0, 12);
  if (frames.length === 0) return 1;
  const ok = decodeFrames(id, frames, { url: input.url }).filter((d) => d.error === undefined).length;
  return ok / frames.length;
}

export function detectProtocol(input: DetectInput): Detection | null {
  const sub = input.protocol?.trim();
  if (sub) {
    const hit = SUBPROTOCOLS.find(([re]) => re.test(sub));
    if (hit) return { id: hit[1], confidence: 0.95, reason: `negotiated subprotocol ${sub}` };
  }
  const s = sniff(input.frames);
  // A signature that the rest of the first frames bear out.
  if (s && fit(s.id, input) >= 0.75) return { id: s.id, confidence: 0.9, reason: s.why };
  const path = PATHS.find(([re]) => re.test(input.url));
  if (path) {
    let id = path[1];
    // /graphql says GraphQL, not which of its two subprotocols: the frames may tell.
    if (id === 'graphql-transport-ws' && fit('graphql-ws-legacy', input) > fit('graphql-transport-ws', input)) id = 'graphql-ws-legacy';
    if (id === 'signalr-json' && input.frames.some((f) => f.text?.startsWith('{"protocol":"messagepack"'))) id = 'signalr-msgpack';
    const share = fit(id, input);
    // A URL the frames contradict (most of them are not that protocol) is no guess at all.
    if (share >= 0.5) return { id, confidence: input.frames.length > 0 && share === 1 ? 0.75 : 0.6, reason: `URL path like ${path[2]}` };
  }
  if (s) return { id: s.id, confidence: 0.5, reason: `${s.why}, though later frames do not all decode` };
  // Binary frames of no known protocol: a generic view, if each is exactly one map or array
  // (any ASCII is a valid run of MessagePack integers, so "it decodes" proves nothing).
  const bin = input.frames.filter((f) => f.bytes).slice(0, 12);
  if (bin.length > 0) {
    for (const [id, one] of [['msgpack', oneMsgpack], ['cbor', oneCbor]] as const) {
      if (bin.every((f) => isContainer(one(f.bytes!)))) return { id, confidence: 0.3, reason: `every binary frame is one ${id === 'msgpack' ? 'MessagePack' : 'CBOR'} map or array` };
    }
  }
  return null;
}

const NONE = Symbol('none');

function oneMsgpack(b: Uint8Array): unknown {
  try {
    return msgpackDecode(b); // throws on bytes left over
  } catch {
    return NONE;
  }
}

function oneCbor(b: Uint8Array): unknown {
  try {
    return cborDecode(b);
  } catch {
    return NONE;
  }
}

function isContainer(v: unknown): boolean {
  return v !== NONE && typeof v === 'object' && v !== null && !(v instanceof Uint8Array);
}
