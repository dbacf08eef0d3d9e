// Small helpers the decoders share: reading frames as text or bytes, JSON without throwing.

import type { FrameInput } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

/** A frame's payload as text (binary frames read as UTF-8). */
export function frameText(f: FrameInput): string {
  if (f.text !== undefined) return f.text;
  return f.bytes ? utf8.decode(f.bytes) : '';
}

/** A frame's payload as bytes (text frames as their UTF-8). */
export function frameBytes(f: FrameInput): Uint8Array {
  if (f.bytes) return f.bytes;
  return encoder.encode(f.text ?? '');
}

export function decodeUtf8(b: Uint8Array): string {
  return utf8.decode(b);
}

export type Parsed = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string field, or undefined when it is absent or not a string. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** An id as text (numbers and strings both pair requests with replies). */
export function idOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Base64 (how the recorder stores binary payloads) to bytes; null when it is not base64. */
export function base64Bytes(b64: string): Uint8Array | null {
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
