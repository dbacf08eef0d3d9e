// Builds message records from payloads: text stays text, binary becomes base64, both capped.
// Every record is ONE object literal with all its fields (undefined ones are dropped by
// JSON.stringify): assigning a missing property later would run a setter that a page defined on
// Object.prototype. Their prototype is NO_PAGE_PROTO (intrinsics.ts).

import type { Direction, MessageRecord } from '../contracts/protocol';
import { NO_PAGE_PROTO } from './intrinsics';
import { truncateUtf8, utf8Length } from '../contracts/utf8';

/** Records inherit from NO_PAGE_PROTO, so JSON.stringify's `toJSON` lookup never reaches the page. */
const P = NO_PAGE_PROTO as Record<string, never>;

export type BytesToBase64 = (bytes: Uint8Array) => string;

/** Per-record overhead in the channel's size estimate (field names, numbers, JSON punctuation). */
export const RECORD_OVERHEAD_CHARS = 100;

/**
 * Text of at most cap/3 UTF-16 units cannot exceed the cap in UTF-8, so the common case only
 * stores the string: no size (the background counts UTF-8 bytes), no copy, no scan.
 */
export function textMessage(c: number, t: number, dir: Direction, s: string, cap: number, bufferedAmount?: number): MessageRecord {
  if (s.length * 3 <= cap) return { __proto__: P, k: 'message', c, t, dir, data: s, bufferedAmount } as MessageRecord;
  const size = utf8Length(s);
  const truncated = size > cap ? true : undefined;
  return { __proto__: P, k: 'message', c, t, dir, data: truncated ? truncateUtf8(s, cap) : s, size, truncated, bufferedAmount } as MessageRecord;
}

/**
 * An SSE event as received. `eventType`, `lastEventId` and `origin` are left out (undefined)
 * where they equal what the connection's previous event carried, or "message" for the type: the
 * background restores them (background/connection-rows.ts). Most streams repeat all three.
 */
export function sseMessage(c: number, t: number, s: string, cap: number, eventType?: string, lastEventId?: string, origin?: string): MessageRecord {
  if (s.length * 3 <= cap) return { __proto__: P, k: 'message', c, t, dir: 'in', data: s, eventType, lastEventId, origin } as MessageRecord;
  const size = utf8Length(s);
  const truncated = size > cap ? true : undefined;
  return { __proto__: P, k: 'message', c, t, dir: 'in', data: truncated ? truncateUtf8(s, cap) : s, size, truncated, eventType, lastEventId, origin } as MessageRecord;
}

/** `bytes` holds at most `cap` bytes already (a view, never a transfer); `size` is the full size. */
export function binaryMessage(
  c: number,
  t: number,
  dir: Direction,
  bytes: Uint8Array,
  size: number,
  encode: BytesToBase64,
  bufferedAmount?: number,
): MessageRecord {
  const truncated = size > bytes.length ? true : undefined;
  return { __proto__: P, k: 'message', c, t, dir, data: encode(bytes), binary: true, size, truncated, bufferedAmount } as MessageRecord;
}

/** A binary payload that could not be read (a Blob read failed or the page went away first). */
export function unreadBinaryMessage(c: number, t: number, dir: Direction, size: number, bufferedAmount?: number): MessageRecord {
  return { __proto__: P, k: 'message', c, t, dir, binary: true, size, bufferedAmount } as MessageRecord;
}
