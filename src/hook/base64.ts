// Base64 for binary payloads. Browsers that have Uint8Array.prototype.toBase64 use it (see
// natives.ts); this is the fallback: table lookups into a byte array, then one String.fromCharCode
// per 32 KiB chunk — no per-byte string concatenation.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = new Uint8Array(64);
for (let i = 0; i < 64; i++) CODES[i] = ALPHABET.charCodeAt(i);
const PAD = 61; // '='
const CHUNK = 0x8000;

// Captured when the module initialises, i.e. at document_start before any page script.
const apply = Reflect.apply;
const fromCharCode = String.fromCharCode;
const subarray = Uint8Array.prototype.subarray;
const fromCharCodes = (codes: Uint8Array): string => apply(fromCharCode, null, codes as unknown as number[]) as string;

export function base64FromBytes(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  const full = n - (n % 3);
  let o = 0;
  for (let i = 0; i < full; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o] = CODES[v >>> 18]!;
    out[o + 1] = CODES[(v >>> 12) & 63]!;
    out[o + 2] = CODES[(v >>> 6) & 63]!;
    out[o + 3] = CODES[v & 63]!;
    o += 4;
  }
  const rest = n - full;
  if (rest === 1) {
    const v = bytes[full]!;
    out[o] = CODES[v >>> 2]!;
    out[o + 1] = CODES[(v & 3) << 4]!;
    out[o + 2] = PAD;
    out[o + 3] = PAD;
  } else if (rest === 2) {
    const v = (bytes[full]! << 8) | bytes[full + 1]!;
    out[o] = CODES[v >>> 10]!;
    out[o + 1] = CODES[(v >>> 4) & 63]!;
    out[o + 2] = CODES[(v & 15) << 2]!;
    out[o + 3] = PAD;
  }
  if (out.length <= CHUNK) return fromCharCodes(out);
  let s = '';
  for (let i = 0; i < out.length; i += CHUNK) s += fromCharCodes(apply(subarray, out, [i, i + CHUNK]) as Uint8Array);
  return s;
}
