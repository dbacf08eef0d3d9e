// What a WebSocket payload is, decided the way WebIDL converts send()'s
// (BufferSource or Blob or USVString) argument: by internal slots, never by page-visible
// properties (instanceof, constructor, Symbol.toStringTag can all be changed by the page).

import type { DataNatives } from './natives';

export const TEXT = 0;
export const ARRAY_BUFFER = 1;
export const VIEW = 2;
export const BLOB = 3;
/** Any other object: send() converts it with ToString. */
export const OTHER_OBJECT = 4;
/** number, boolean, undefined, null, bigint: ToString has no side effects. */
export const OTHER_PRIMITIVE = 5;
/** SharedArrayBuffer (send() throws) or symbol (conversion throws): nothing to record. */
export const UNSUPPORTED = 6;

export type DataKind = 0 | 1 | 2 | 3 | 4 | 5 | 6;

function hasSlot<T>(get: (self: T) => unknown, x: T): boolean {
  try {
    get(x);
    return true;
  } catch {
    return false;
  }
}

export function dataKind(n: DataNatives, data: unknown): DataKind {
  if (typeof data === 'string') return TEXT;
  if (typeof data === 'symbol') return UNSUPPORTED;
  if ((typeof data !== 'object' || data === null) && typeof data !== 'function') return OTHER_PRIMITIVE;
  if (n.isView(data)) return VIEW;
  // Brand checks through native getters: they never run page code, not even a Proxy's traps.
  if (hasSlot(n.arrayBufferByteLength, data as ArrayBuffer)) return ARRAY_BUFFER;
  if (n.sharedArrayBufferByteLength && hasSlot(n.sharedArrayBufferByteLength, data as SharedArrayBuffer)) return UNSUPPORTED;
  if (hasSlot(n.blobSize, data as Blob)) return BLOB;
  return OTHER_OBJECT;
}

/**
 * A read-only window on at most `cap` bytes of an ArrayBuffer or view, plus the full size. A new
 * Uint8Array over the same buffer: nothing is copied, transferred or detached.
 */
export function bytesOf(n: DataNatives, data: ArrayBuffer | ArrayBufferView, kind: typeof ARRAY_BUFFER | typeof VIEW, cap: number): { bytes: Uint8Array; size: number } {
  let buffer: ArrayBufferLike;
  let offset: number;
  let size: number;
  if (kind === ARRAY_BUFFER) {
    buffer = data as ArrayBuffer;
    offset = 0;
    size = n.arrayBufferByteLength(buffer as ArrayBuffer);
  } else if (n.typedArrayTag(data) !== undefined) {
    buffer = n.typedArrayBuffer(data as ArrayBufferView);
    offset = n.typedArrayByteOffset(data as ArrayBufferView);
    size = n.typedArrayByteLength(data as ArrayBufferView);
  } else {
    buffer = n.dataViewBuffer(data as DataView);
    offset = n.dataViewByteOffset(data as DataView);
    size = n.dataViewByteLength(data as DataView);
  }
  return { bytes: new n.NativeUint8Array(buffer, offset, size > cap ? cap : size), size };
}
