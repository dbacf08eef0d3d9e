// Generic MessagePack and CBOR views of binary frames whose protocol is not known: each frame
// decoded on its own, nothing named, nothing hidden.

import { decodeMulti as decodeMsgpack } from '@msgpack/msgpack';
// The no-eval build: extension pages' CSP forbids new Function, which the default build uses for speed.
import { decodeMultiple as decodeCbor } from 'cbor-x/decode-no-eval';
import type { Decoder, FrameDecode, FrameInput, ProtocolSpec } from './types';

/** Values decoded from the bytes, or null if they are not one or more whole items. */
function viewWith(decodeAll: (b: Uint8Array) => unknown[], b: Uint8Array): unknown[] | null {
  try {
    const out = decodeAll(b);
    return out.length > 0 ? out : null;
  } catch {
    return null;
  }
}

export function msgpackValues(b: Uint8Array): unknown[] | null {
  return viewWith((x) => [...decodeMsgpack(x)], b);
}

export function cborValues(b: Uint8Array): unknown[] | null {
  return viewWith((x) => (decodeCbor(x) as unknown[] | undefined) ?? [], b);
}

function viewDecoder(label: string, values: (b: Uint8Array) => unknown[] | null): Decoder {
  return {
    push(f: FrameInput): FrameDecode {
      if (!f.bytes) return { messages: [] };
      const v = values(f.bytes);
      if (!v) return { messages: [], error: `not ${label}` };
      return { messages: v.map((body) => ({ type: label, kind: 'data' as const, body: plain(body) })) };
    },
  };
}

/** Tree-friendly values: Uint8Arrays and Maps become plain objects, bigints strings. */
export function plain(v: unknown, depth = 0): unknown {
  if (depth > 64) return '…';
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return { binary: v.length };
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x, depth + 1)]));
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map((x) => plain(x, depth + 1));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, depth + 1)]));
  return v;
}

export const msgpack: ProtocolSpec = { id: 'msgpack', label: 'MessagePack', create: () => viewDecoder('MessagePack', msgpackValues) };
export const cbor: ProtocolSpec = { id: 'cbor', label: 'CBOR', create: () => viewDecoder('CBOR', cborValues) };
