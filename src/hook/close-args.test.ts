import { describe, expect, it } from 'vitest';
import { clampUnsignedShort, closeCode, closeReason } from './close-args';

describe('close() arguments', () => {
  it('clamps and rounds codes like WebIDL [Clamp] unsigned short', () => {
    expect(clampUnsignedShort(3000.5)).toBe(3000);
    expect(clampUnsignedShort(3001.5)).toBe(3002);
    expect(clampUnsignedShort(3000.4)).toBe(3000);
    expect(clampUnsignedShort(-5)).toBe(0);
    expect(clampUnsignedShort(1e9)).toBe(65535);
    expect(clampUnsignedShort(NaN)).toBe(0);
    expect(closeCode(undefined)).toBeUndefined();
    expect(closeCode({ valueOf: () => 1000 })).toBeUndefined();
  });

  it('reads reasons without calling page code', () => {
    let called = 0;
    expect(closeReason({ toString: () => (called++, 'x') })).toBeUndefined();
    expect(called).toBe(0);
    expect(closeReason('bye')).toBe('bye');
    expect(closeReason(null)).toBe('null');
    expect(closeReason(12)).toBe('12');
    expect(closeReason(undefined)).toBeUndefined();
  });
});
