// UTF-8 byte counting and truncation for text payloads, matching TextEncoder: a lone surrogate
// counts as U+FFFD (3 bytes), a surrogate pair as one 4-byte code point and is never split.
// Only text longer than a third of the payload cap gets here, so the per-message path never
// pays for it. The hook runs this in pages: the String methods are captured when the module
// initialises (document_start, before any page script), as the hook's intrinsics.ts does, so a
// page that replaces String.prototype.charCodeAt later is never called.

const bind = Function.prototype.bind;
const call = Function.prototype.call;
const stringCharCodeAt = bind.call(call, String.prototype.charCodeAt) as unknown as (s: string, i: number) => number;
const stringSlice = bind.call(call, String.prototype.slice) as unknown as (s: string, start: number, end?: number) => string;

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

/**
 * A UTF-8 byte counter for long strings, for the background (never the hook: TextEncoder is a
 * page global there): the browser's native encoder into a reused buffer instead of a JavaScript
 * loop over every character (profiled: that loop was a third of the background's time for 64 KiB
 * messages). Same counts as utf8Length, lone surrogates included (TextEncoder writes U+FFFD).
 */
export function createUtf8Counter(): (s: string) => number {
  const encoder = new TextEncoder();
  let scratch = new Uint8Array(0);
  return (s) => {
    if (s.length < 256) return utf8Length(s);
    if (scratch.length < s.length * 3) scratch = new Uint8Array(s.length * 3);
    return encoder.encodeInto(s, scratch).written;
  };
}
