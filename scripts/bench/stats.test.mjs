import { describe, expect, it } from 'vitest';
import { compare, median, quantile, relativeMad, summarize } from './stats.mjs';

describe('bench stats', () => {
  it('takes the median of odd and even samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('interpolates quantiles', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 0], 0.95)).toBeCloseTo(9.5);
  });

  it('measures spread as relative MAD, ignoring one outlier', () => {
    expect(relativeMad([10, 10, 10])).toBe(0);
    expect(relativeMad([9, 10, 11, 10, 100])).toBeCloseTo(10);
    expect(summarize([1, 2, 30])).toEqual({ n: 3, median: 2, min: 1, max: 30, madPct: 50, q1: 1.5, q3: 16 });
  });

  it('compares medians and pairs samples by rep', () => {
    const c = compare([10, 20, 10], [11, 30, 12]);
    expect(c.ratio).toBeCloseTo(12 / 10);
    expect(c.pairMin).toBeCloseTo(1.1);
    expect(c.pairMax).toBeCloseTo(1.5);
  });
});
