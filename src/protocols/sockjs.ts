// SockJS framing over its raw WebSocket transport: the server's o (open), h (heartbeat),
// a[...] (messages), m"..." and c[code,"reason"] (close); the client's JSON arrays of strings.
// STOMP inside SockJS (Spring's usual setup) is decoded as STOMP, message by message.

import { frameText, parseJson } from './frames';
import { createStompDecoder } from './stomp';
import type { Decoder, FrameDecode, FrameInput, ProtocolMessage, ProtocolSpec } from './types';

/** The inner protocol, from the first message inside SockJS: only STOMP is recognised. */
const isStompStart = (m: unknown): boolean => typeof m === 'string' && /^(CONNECT|STOMP|CONNECTED)\r?\n/.test(m);

export function createSockjsDecoder(): Decoder {
  let inner: Decoder | null | undefined; // undefined: not known yet; null: none
  /** SockJS messages, decoded by the inner protocol when there is one. */
  const unwrap = (list: unknown[], f: FrameInput): FrameDecode => {
    if (inner === undefined && list.length > 0) inner = isStompStart(list[0]) ? createStompDecoder() : null;
    if (!inner) return { messages: list.map((m) => ({ type: 'message', kind: 'data' as const, body: m })) };
    const messages: ProtocolMessage[] = [];
    let partial: FrameDecode['partial'];
    let error: string | undefined;
    for (const m of list) {
      const d = inner.push({ seq: f.seq, ...(f.direction ? { direction: f.direction } : {}), text: typeof m === 'string' ? m : JSON.stringify(m) });
      messages.push(...d.messages);
      partial = d.partial;
      error = d.error ?? error;
    }
    return { messages, ...(partial ? { partial } : {}), ...(error !== undefined ? { error } : {}) };
  };
  return {
    push(f: FrameInput): FrameDecode {
      const t = frameText(f);
      if (f.direction === 'out') {
        // The client sends a JSON array of strings (or one JSON string).
        const p = parseJson(t);
        if (!p.ok) return { messages: [], error: 'not a SockJS client frame' };
        return unwrap(Array.isArray(p.value) ? p.value : [p.value], f);
      }
      const kind = t[0];
      const rest = t.slice(1);
      if (t === 'o') return { messages: [{ type: 'open', kind: 'control', body: {} }] };
      if (t === 'h') return { messages: [{ type: 'heartbeat', kind: 'keepalive', body: {} }] };
      const p = parseJson(rest);
      if (!p.ok) return { messages: [], error: 'not a SockJS frame' };
      if (kind === 'a' && Array.isArray(p.value)) return unwrap(p.value, f);
      if (kind === 'm') return unwrap([p.value], f);
      if (kind === 'c' && Array.isArray(p.value)) {
        const [code, reason] = p.value as [unknown, unknown];
        // 3000 "Go away!" and 1000 are ordinary closes; others (2010 "Another connection still open"…) are errors.
        const ordinary = code === 3000 || code === 1000;
        return { messages: [{ type: 'close', kind: ordinary ? 'control' : 'error', name: typeof reason === 'string' ? reason : undefined, body: { code, reason } }] };
      }
      return { messages: [], error: 'not a SockJS frame' };
    },
  };
}

export const sockjs: ProtocolSpec = { id: 'sockjs', label: 'SockJS', create: createSockjsDecoder };
