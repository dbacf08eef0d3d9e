// One read of a recorded stream body, recorded in pieces of at most the payload cap. The cap is
// meant for one message; a stream's read is not a message (its SSE events and NDJSON lines are,
// and the background caps those), and at loopback speed one read can hold megabytes when the page
// was busy: truncating it would drop every event after the cap (the benchmark's 20,000-event
// stream lost 8,526). The pieces are views of the page's chunk, copied one by one as any payload.

import type { PayloadContext } from './context';
import { dataKind, TEXT, VIEW } from './data-kind';
import { stringCharCodeAt, stringSlice } from './intrinsics';
import type { ConnState } from './ordered-sink';
import { recordPayload } from './record-payload';
import type { StreamConn } from './stream-end';

/** One read of a recorded stream: a body's bytes, or a WebSocketStream's message (text or bytes). */
export function recordRead(ctx: PayloadContext, conn: StreamConn, t: number, value: unknown): void {
  if (conn.message === true) recordPayload(ctx, conn, t, 'in', value, dataKind(ctx.n, value));
  else recordStreamBytes(ctx, conn, t, value);
}

/** A body read's value (a Uint8Array for network bodies; anything else is recorded as it is). */
export function recordStreamBytes(ctx: PayloadContext, conn: ConnState, t: number, value: unknown): void {
  const n = ctx.n;
  if (n.typedArrayTag(value) !== 'Uint8Array') {
    recordPayload(ctx, conn, t, 'in', value, VIEW);
    return;
  }
  const view = value as Uint8Array;
  const size = n.typedArrayByteLength(view);
  if (size <= ctx.cap) {
    recordPayload(ctx, conn, t, 'in', view, VIEW);
    return;
  }
  const buffer = n.typedArrayBuffer(view);
  const offset = n.typedArrayByteOffset(view);
  for (let i = 0; i < size; i += ctx.cap) {
    recordPayload(ctx, conn, t, 'in', new n.NativeUint8Array(buffer, offset + i, size - i < ctx.cap ? size - i : ctx.cap), VIEW);
  }
}

/**
 * Text that a stream grew by (XMLHttpRequest's responseText), in pieces whose UTF-8 form fits the
 * cap (a third of it in UTF-16 units), never cut between the two halves of a surrogate pair.
 */
export function recordStreamText(ctx: PayloadContext, conn: ConnState, t: number, text: string): void {
  const max = ctx.cap / 3 > 1 ? Math.floor(ctx.cap / 3) : 2;
  if (text.length <= max) {
    recordPayload(ctx, conn, t, 'in', text, TEXT);
    return;
  }
  for (let i = 0; i < text.length; ) {
    let end = i + max < text.length ? i + max : text.length;
    const last = stringCharCodeAt(text, end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    recordPayload(ctx, conn, t, 'in', stringSlice(text, i, end), TEXT);
    i = end;
  }
}
