// UTF-8 byte counting and truncation for text payloads, matching TextEncoder: a lone surrogate
// counts as U+FFFD (3 bytes), a surrogate pair as one 4-byte code point and is never split.
// Only text longer than a third of the payload cap gets here, so the per-message path never
// pays for it. String methods are the ones captured at startup (intrinsics.ts).

import { stringCharCodeAt, stringSlice } from './intrinsics';

export function utf8Length(s: string): number {
  let bytes = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = stringCharCodeAt(s, i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLow(stringCharCodeAt(s, i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The longest prefix of `s` whose UTF-8 encoding fits in `maxBytes` (surrogate pairs kept whole). */
export function truncateUtf8(s: string, maxBytes: number): string {
  let bytes = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = stringCharCodeAt(s, i);
    let w = 3;
    let step = 1;
    if (c < 0x80) w = 1;
    else if (c < 0x800) w = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLow(stringCharCodeAt(s, i + 1))) {
      w = 4;
      step = 2;
    }
    if (bytes + w > maxBytes) break;
    bytes += w;
    i += step;
  }
  return i === n ? s : stringSlice(s, 0, i);
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
