// SockJS framing over its raw WebSocket transport: the server's o (open), h (heartbeat),
// a[...] (messages), m"..." and c[code,"reason"] (close); the client's JSON arrays of strings.

import { frameText, parseJson } from './frames';
import type { Decoder, FrameDecode, FrameInput, ProtocolSpec } from './types';

export function createSockjsDecoder(): Decoder {
  return {
    push(f: FrameInput): FrameDecode {
      const t = frameText(f);
      if (f.direction === 'out') {
        // The client sends a JSON array of strings (or one JSON string).
        const p = parseJson(t);
        if (!p.ok) return { messages: [], error: 'not a SockJS client frame' };
        const list = Array.isArray(p.value) ? p.value : [p.value];
        return { messages: list.map((m) => ({ type: 'message', kind: 'data' as const, body: m })) };
      }
      const kind = t[0];
      const rest = t.slice(1);
      if (t === 'o') return { messages: [{ type: 'open', kind: 'control', body: {} }] };
      if (t === 'h') return { messages: [{ type: 'heartbeat', kind: 'keepalive', body: {} }] };
      const p = parseJson(rest);
      if (!p.ok) return { messages: [], error: 'not a SockJS frame' };
      if (kind === 'a' && Array.isArray(p.value)) return { messages: p.value.map((m) => ({ type: 'message', kind: 'data' as const, body: m })) };
      if (kind === 'm') return { messages: [{ type: 'message', kind: 'data', body: p.value }] };
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
