// The user's payload cap (settings.payloadCapBytes), applied at ingest with the same meaning as
// the hook's own 1 MiB cap (src/hook/payload.ts): the stored data is the longest prefix within the
// cap (text: whole UTF-8 characters; binary: whole bytes, re-encoded as base64), `truncated` is
// set, and `size` keeps the full size the page sent or received. Pure.

import { truncateUtf8, utf8Length } from '../contracts/utf8';
import type { EventRow } from '../contracts/model';

export function capPayload(ev: EventRow, cap: number): void {
  const data = ev.data;
  if (data === undefined) return;
  if (ev.binary) {
    if (base64ByteLength(data) <= cap) return;
    // Only the base64 groups that cover the first `cap` bytes are decoded.
    const bytes = atob(data.slice(0, Math.ceil(cap / 3) * 4)).slice(0, cap);
    ev.data = btoa(bytes);
    ev.truncated = true;
    return;
  }
  // A string of n UTF-16 units has between n and 3n UTF-8 bytes: most payloads need no scan.
  if (data.length * 3 <= cap) return;
  if (data.length <= cap && utf8Length(data) <= cap) return;
  ev.data = truncateUtf8(data, cap);
  ev.truncated = true;
}

function base64ByteLength(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - pad;
}
