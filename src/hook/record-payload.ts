// Records one outgoing or incoming payload of any kind; Blobs are read asynchronously through the
// ordered sink so the connection's records keep their order.

import { type Direction, type MessageRecord } from '../contracts/protocol';
import type { PayloadContext } from './context';
import { ARRAY_BUFFER, BLOB, bytesOf, OTHER_PRIMITIVE, TEXT, VIEW, type DataKind } from './data-kind';
import type { ConnState } from './ordered-sink';
import { binaryMessage, RECORD_OVERHEAD_CHARS, textMessage, unreadBinaryMessage } from './payload';

/**
 * `bufferedAmount` (sends only) is attached to the record. `data` must already be a string for
 * OTHER_OBJECT (the caller converted it once, as send() does).
 */
export function recordPayload(ctx: PayloadContext, conn: ConnState, t: number, dir: Direction, data: unknown, kind: DataKind, bufferedAmount?: number): void {
  let rec: MessageRecord;
  if (kind === TEXT || kind === OTHER_PRIMITIVE || typeof data === 'string') {
    const s = typeof data === 'string' ? data : `${data as string}`; // no global lookup
    rec = textMessage(conn.c, t, dir, s, ctx.cap, bufferedAmount);
  } else if (kind === ARRAY_BUFFER || kind === VIEW) {
    const { bytes, size } = bytesOf(ctx.n, data as ArrayBuffer, kind, ctx.cap);
    rec = binaryMessage(conn.c, t, dir, bytes, size, ctx.encode, bufferedAmount);
  } else if (kind === BLOB) {
    recordBlob(ctx, conn, t, dir, data as Blob, bufferedAmount);
    return;
  } else return;
  ctx.emit(conn, rec, (rec.data as string).length + RECORD_OVERHEAD_CHARS);
}

/**
 * Reads (a copy of) at most `cap` bytes of the Blob with the native Blob.prototype.arrayBuffer:
 * the page's Blob is untouched. Until the read settles, the connection's later records wait.
 */
function recordBlob(ctx: PayloadContext, conn: ConnState, t: number, dir: Direction, blob: Blob, bufferedAmount?: number): void {
  const { n, cap } = ctx;
  const size = n.blobSize(blob);
  const placeholder = unreadBinaryMessage(conn.c, t, dir, size, bufferedAmount);
  const entry = ctx.sink.hold(conn, placeholder, RECORD_OVERHEAD_CHARS);
  const fail = () => {
    try {
      ctx.sink.release(conn, entry, placeholder, RECORD_OVERHEAD_CHARS);
    } catch {
      // nothing of ours may reach the page
    }
  };
  const done = (ab: ArrayBuffer) => {
    try {
      const rec = binaryMessage(conn.c, t, dir, new n.NativeUint8Array(ab), size, ctx.encode, bufferedAmount);
      ctx.sink.release(conn, entry, rec, (rec.data as string).length + RECORD_OVERHEAD_CHARS);
    } catch {
      fail();
    }
  };
  try {
    const part = size > cap ? n.blobSlice(blob, 0, cap) : blob;
    n.readBlob(part, done, fail);
  } catch {
    fail();
  }
}
