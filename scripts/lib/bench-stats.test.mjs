import { describe, expect, it } from 'vitest';
import { median, relativeMad, summarize } from './bench-stats.mjs';

describe('bench stats', () => {
  it('takes the median of odd and even samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('measures spread as relative MAD, ignoring one outlier', () => {
    expect(relativeMad([10, 10, 10])).toBe(0);
    expect(relativeMad([9, 10, 11, 10, 100])).toBeCloseTo(10);
    expect(summarize([1, 2, 30])).toEqual({ n: 3, median: 2, min: 1, max: 30, madPct: 50 });
  });
});
