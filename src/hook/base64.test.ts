import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64FromBytes } from './base64';

const b64 = (u8: Uint8Array) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64');

describe('base64FromBytes', () => {
  it('matches Buffer on every length 0…64 and on random data', () => {
    for (let n = 0; n <= 64; n++) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(base64FromBytes(bytes)).toBe(b64(bytes));
    }
    for (const n of [1000, 32767, 0x8000 * 3 - 1, 0x8000 * 3, 100_001, 1_000_003]) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(base64FromBytes(bytes)).toBe(b64(bytes));
    }
  });

  it('encodes every byte value', () => {
    const all = new Uint8Array(256 * 3);
    for (let i = 0; i < all.length; i++) all[i] = i & 255;
    expect(base64FromBytes(all)).toBe(b64(all));
  });

  it('encodes only the bytes of a view with an offset, not its whole buffer', () => {
    const buf = randomBytes(100);
    const whole = new Uint8Array(buf.buffer, buf.byteOffset, 100);
    for (const [off, len] of [[1, 10], [7, 0], [13, 50], [99, 1]] as const) {
      const view = whole.subarray(off, off + len);
      expect(base64FromBytes(view)).toBe(Buffer.from(whole.slice(off, off + len)).toString('base64'));
    }
  });

  it('encodes a DataView or other typed array through a Uint8Array over its bytes', () => {
    const f64 = new Float64Array([Math.PI, -0, Infinity, 1e-300]);
    const dv = new DataView(f64.buffer, 3, 17);
    const asBytes = new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength);
    expect(base64FromBytes(asBytes)).toBe(Buffer.from(f64.buffer, 3, 17).toString('base64'));
    expect(base64FromBytes(new Uint8Array(f64.buffer))).toBe(Buffer.from(f64.buffer).toString('base64'));
  });
});
