import { describe, expect, it } from 'vitest';
import { detectTimestampField, timestampValue } from './timestamp-field';

const T0 = 1_795_538_400_000;

describe('timestampValue', () => {
  it('reads ms, seconds and ISO strings with a zone', () => {
    expect(timestampValue(T0)).toEqual({ ms: T0, unit: 'ms' });
    expect(timestampValue(T0 / 1000 + 0.5)).toEqual({ ms: T0 + 500, unit: 's' });
    expect(timestampValue(new Date(T0).toISOString())).toEqual({ ms: T0, unit: 'iso' });
    expect(timestampValue('2026-11-24T16:40:00')).toBeUndefined();
    expect(timestampValue(42)).toBeUndefined();
    expect(timestampValue(null)).toBeUndefined();
  });
});

describe('detectTimestampField', () => {
  it('picks the field closest to the receive time', () => {
    const samples = Array.from({ length: 10 }, (_, i) => ({
      t: T0 + i * 1000 + 40,
      value: { createdAt: T0 - 86_400_000 * 30, sent: T0 + i * 1000, nested: { at: new Date(T0 + i * 1000 - 2000).toISOString() } },
    }));
    expect(detectTimestampField(samples)).toEqual({ path: 'sent', unit: 'ms' });
  });

  it('finds a nested seconds field', () => {
    const samples = Array.from({ length: 6 }, (_, i) => ({ t: T0 + i * 1000 + 120, value: { d: { time: (T0 + i * 1000) / 1000 } } }));
    expect(detectTimestampField(samples)).toEqual({ path: 'd.time', unit: 's' });
  });

  it('finds nothing when no field is near the receive time', () => {
    const samples = Array.from({ length: 6 }, (_, i) => ({ t: T0 + i, value: { createdAt: T0 - 3_600_000, n: i } }));
    expect(detectTimestampField(samples)).toBeUndefined();
  });
});
