import { describe, expect, it } from 'vitest';
import { detectSequenceField, sequenceValue } from './sequence-field';

const run = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));

describe('detectSequenceField', () => {
  it('finds a top-level counter', () => {
    expect(detectSequenceField(run(10, (i) => ({ type: 'tick', seq: 100 + i, price: Math.round(Math.sin(i) * 100) })))).toBe('seq');
  });

  it('finds a nested counter, even with gaps and interleaved messages without it', () => {
    let n = 0;
    const samples = run(20, (i) => (i % 4 === 3 ? { type: 'ack' } : { data: { v: i * 7 }, meta: { n: (n += i === 10 ? 3 : 1) } }));
    expect(detectSequenceField(samples)).toBe('meta.n');
  });

  it('finds nothing in timestamps, constants, random values or too few steps', () => {
    expect(detectSequenceField(run(10, (i) => ({ ts: 1_700_000_000_000 + i * 1000, v: 3 })))).toBeUndefined();
    expect(detectSequenceField(run(10, (i) => ({ v: (i * 7919) % 13 })))).toBeUndefined();
    expect(detectSequenceField(run(3, (i) => ({ seq: i })))).toBeUndefined();
    expect(detectSequenceField([])).toBeUndefined();
    // a gauge that goes up and down by one ("users online") is no sequence
    expect(detectSequenceField([10, 11, 10, 11, 12, 11, 12, 13, 12, 11].map((online) => ({ online })))).toBeUndefined();
  });

  it('prefers the shallowest of equally good counters', () => {
    expect(detectSequenceField(run(8, (i) => ({ b: { seq: i }, seq: i })))).toBe('seq');
  });

  it('reads numbers and digit strings', () => {
    expect(sequenceValue(5)).toBe(5);
    expect(sequenceValue('12')).toBe(12);
    expect(sequenceValue('x')).toBeNaN();
    expect(sequenceValue(1.5)).toBeNaN();
  });
});
