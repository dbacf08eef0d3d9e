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
 * Every message record is made by this constructor: one hidden class, and no `__proto__` in an
 * object literal, which both engines treat as a prototype change after creation (measured in the
 * page, 50,000 records: Chromium 13–26 ms as literals, 1.6–1.9 ms this way; Firefox 5–6.5 ms and
 * 1.2 ms). Its instances inherit from NO_PAGE_PROTO only, so the assignments below, and
 * JSON.stringify's `toJSON` lookup, never reach a setter or getter of the page. Fields left
 * undefined are dropped by JSON.stringify.
 */
const makeMessageRecord = function (
  this: Record<string, unknown>,
  c: number,
  t: number,
  dir: Direction,
  data: string | undefined,
  size: number | undefined,
  truncated: true | undefined,
  binary: true | undefined,
  bufferedAmount: number | undefined,
  eventType: string | undefined,
  lastEventId: string | undefined,
  origin: string | undefined,
) {
  this.k = 'message';
  this.c = c;
  this.t = t;
  this.dir = dir;
  this.data = data;
  this.size = size;
  this.truncated = truncated;
  this.binary = binary;
  this.bufferedAmount = bufferedAmount;
  this.eventType = eventType;
  this.lastEventId = lastEventId;
  this.origin = origin;
};
/** `new`-able with the parameters above (a plain function is, with its `prototype` set below). */
const MessageRecordObject = makeMessageRecord as unknown as new (...args: Parameters<typeof makeMessageRecord>) => MessageRecord;
(MessageRecordObject as unknown as { prototype: object }).prototype = P;

/**
 * Text of at most cap/3 UTF-16 units cannot exceed the cap in UTF-8, so the common case only
 * stores the string: no size (the background counts UTF-8 bytes), no copy, no scan.
 */
export function textMessage(c: number, t: number, dir: Direction, s: string, cap: number, bufferedAmount?: number): MessageRecord {
  if (s.length * 3 <= cap) return new MessageRecordObject(c, t, dir, s, undefined, undefined, undefined, bufferedAmount, undefined, undefined, undefined);
  const size = utf8Length(s);
  const truncated = size > cap ? true : undefined;
  return new MessageRecordObject(c, t, dir, truncated ? truncateUtf8(s, cap) : s, size, truncated, undefined, bufferedAmount, undefined, undefined, undefined);
}

/**
 * An SSE event as received. `eventType`, `lastEventId` and `origin` are left out (undefined)
 * where they equal what the connection's previous event carried, or "message" for the type: the
 * background restores them (background/connection-rows.ts). Most streams repeat all three.
 */
export function sseMessage(c: number, t: number, s: string, cap: number, eventType?: string, lastEventId?: string, origin?: string): MessageRecord {
  if (s.length * 3 <= cap) return new MessageRecordObject(c, t, 'in', s, undefined, undefined, undefined, undefined, eventType, lastEventId, origin);
  const size = utf8Length(s);
  const truncated = size > cap ? true : undefined;
  return new MessageRecordObject(c, t, 'in', truncated ? truncateUtf8(s, cap) : s, size, truncated, undefined, undefined, eventType, lastEventId, origin);
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
  return new MessageRecordObject(c, t, dir, encode(bytes), size, truncated, true, bufferedAmount, undefined, undefined, undefined);
}

/** A binary payload that could not be read (a Blob read failed or the page went away first). */
export function unreadBinaryMessage(c: number, t: number, dir: Direction, size: number, bufferedAmount?: number): MessageRecord {
  return new MessageRecordObject(c, t, dir, undefined, size, undefined, true, bufferedAmount, undefined, undefined, undefined);
}
