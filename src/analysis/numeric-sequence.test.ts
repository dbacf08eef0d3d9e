import { describe, expect, it } from 'vitest';
import type { IdObservation } from './id-observations';
import { NumericSequence } from './numeric-sequence';
import type { AnalysisEvent } from './types';

function feed(ids: number[]) {
  const out: IdObservation[] = [];
  const s = new NumericSequence(out);
  ids.forEach((x, i) => s.push(x, { connectionId: 'c', seq: i + 1, t: i, type: 'message', size: 0 } as AnalysisEvent));
  return { out, s };
}

describe('NumericSequence', () => {
  it('observes nothing on a healthy sequence', () => {
    const { out, s } = feed([5, 6, 7, 8, 9]);
    expect(out).toEqual([]);
    expect(s.isSequence).toBe(true);
  });

  it('reports a gap with its range and count', () => {
    const { out } = feed([1, 2, 3, 7, 8]);
    expect(out).toEqual([expect.objectContaining({ type: 'gap', from: 4, to: 6, count: 3, filled: 0, before: { connectionId: 'c', seq: 3 }, after: { connectionId: 'c', seq: 4 } })]);
  });

  it('turns late arrivals into one out-of-order run and counts them as filled', () => {
    const { out } = feed([1, 2, 5, 3, 4, 6]);
    expect(out.map((o) => o.type)).toEqual(['gap', 'out-of-order']);
    expect(out[0]).toMatchObject({ from: 3, to: 4, filled: 2 });
    expect(out[1]).toMatchObject({ from: 3, to: 4, count: 2 });
  });

  it('merges a replayed run into one duplicate observation', () => {
    const { out } = feed([1, 2, 3, 4, 5, 3, 4, 5, 6]);
    expect(out).toEqual([expect.objectContaining({ type: 'duplicate', from: 3, to: 5, count: 3 })]);
  });

  it('a late arrival seen twice is out of order once, then a duplicate', () => {
    const { out } = feed([1, 2, 4, 3, 3, 5]);
    expect(out.map((o) => o.type)).toEqual(['gap', 'out-of-order', 'duplicate']);
  });

  it('reports a reset to the start and then follows the new sequence', () => {
    const { out } = feed([10, 11, 12, 13, 1, 2, 3]);
    expect(out).toEqual([expect.objectContaining({ type: 'reset', fromMax: 13, to: 1 })]);
  });

  it('is not a sequence when ids are timestamps or sparse', () => {
    expect(feed([1000, 2000, 3500, 4100]).s.isSequence).toBe(false);
    expect(feed([1, 3, 5, 7, 9, 11]).s.isSequence).toBe(false);
    expect(feed([1, 2]).s.isSequence).toBe(false);
  });

  it('knows which ids it has seen', () => {
    const { s } = feed([1, 2, 5, 3]);
    expect([1, 2, 3, 4, 5, 6].map((x) => s.seen(x))).toEqual([true, true, true, false, true, false]);
  });
});
