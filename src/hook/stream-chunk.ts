// One read of a recorded stream body, recorded whole, in pieces of at most the hook's own payload
// limit (LIMITS.payloadCapBytes) whatever the payload cap in force for messages. The cap is meant
// for one message; a stream's read is not a message (its SSE events and NDJSON lines are, and the
// background caps those), and at loopback speed one read can hold megabytes when the page was
// busy: truncating it would drop every event after the cap (the benchmark's 20,000-event stream
// lost 8,526). The pieces are views of the page's chunk, copied one by one as any payload.

import { LIMITS } from '../contracts/protocol';
import type { PayloadContext } from './context';
import { dataKind, TEXT, VIEW } from './data-kind';
import { NO_PAGE_PROTO, stringCharCodeAt, stringSlice } from './intrinsics';
import type { ConnState } from './ordered-sink';
import { recordPayload } from './record-payload';
import type { StreamConn } from './stream-end';

/** The most bytes of a stream read recorded as one piece. */
export const STREAM_PIECE_BYTES = LIMITS.payloadCapBytes;

/** `ctx` with the piece size as its cap (a message's cap does not apply to a stream's reads). */
function pieceContext(ctx: PayloadContext, piece: number): PayloadContext {
  if (ctx.cap === piece) return ctx;
  return { __proto__: NO_PAGE_PROTO, n: ctx.n, sink: ctx.sink, cap: piece, encode: ctx.encode, emit: ctx.emit } as PayloadContext;
}

/** One read of a recorded stream: a body's bytes, or a WebSocketStream's message (text or bytes, under the message cap). */
export function recordRead(ctx: PayloadContext, conn: StreamConn, t: number, value: unknown): void {
  if (conn.message === true) recordPayload(ctx, conn, t, 'in', value, dataKind(ctx.n, value));
  else recordStreamBytes(ctx, conn, t, value);
}

/** A body read's value (a Uint8Array for network bodies; anything else is recorded as it is). */
export function recordStreamBytes(ctx: PayloadContext, conn: ConnState, t: number, value: unknown, piece = STREAM_PIECE_BYTES): void {
  const n = ctx.n;
  const c = pieceContext(ctx, piece);
  if (n.typedArrayTag(value) !== 'Uint8Array') {
    recordPayload(c, conn, t, 'in', value, VIEW);
    return;
  }
  const view = value as Uint8Array;
  const size = n.typedArrayByteLength(view);
  if (size <= piece) {
    recordPayload(c, conn, t, 'in', view, VIEW);
    return;
  }
  const buffer = n.typedArrayBuffer(view);
  const offset = n.typedArrayByteOffset(view);
  for (let i = 0; i < size; i += piece) {
    recordPayload(c, conn, t, 'in', new n.NativeUint8Array(buffer, offset + i, size - i < piece ? size - i : piece), VIEW);
  }
}

/**
 * Text that a stream grew by (XMLHttpRequest's responseText), in pieces whose UTF-8 form fits a
 * piece (a third of it in UTF-16 units), never cut between the two halves of a surrogate pair.
 */
export function recordStreamText(ctx: PayloadContext, conn: ConnState, t: number, text: string, piece = STREAM_PIECE_BYTES): void {
  const c = pieceContext(ctx, piece);
  const max = piece >= 6 ? Math.floor(piece / 3) : 2;
  if (text.length <= max) {
    recordPayload(c, conn, t, 'in', text, TEXT);
    return;
  }
  for (let i = 0; i < text.length; ) {
    let end = i + max < text.length ? i + max : text.length;
    const last = stringCharCodeAt(text, end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    recordPayload(c, conn, t, 'in', stringSlice(text, i, end), TEXT);
    i = end;
  }
}
