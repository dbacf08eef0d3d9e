import { describe, expect, it } from 'vitest';
import { findingId, hash64, stableStringify } from './finding-id';

describe('finding ids', () => {
  it('serializes objects independently of key order', () => {
    expect(stableStringify({ b: 1, a: [{ y: 2, x: 'z' }] })).toBe(stableStringify({ a: [{ x: 'z', y: 2 }], b: 1 }));
  });

  it('gives the same id for the same kind and anchor, different ids otherwise', () => {
    const a = findingId('event-id-gap', { from: { connectionId: 'c1', seq: 4 } });
    expect(findingId('event-id-gap', { from: { seq: 4, connectionId: 'c1' } })).toBe(a);
    expect(findingId('event-id-gap', { from: { connectionId: 'c1', seq: 5 } })).not.toBe(a);
    expect(findingId('event-id-reset', { from: { connectionId: 'c1', seq: 4 } })).not.toBe(a);
    expect(a).toMatch(/^event-id-gap-[0-9a-f]{16}$/);
  });

  it('hashes to 16 hex digits and spreads nearby inputs', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(hash64(`c${i}`));
    expect(seen.size).toBe(10_000);
  });
});
