import { describe, expect, it } from 'vitest';
import { eventRefs, firstEventRef } from './finding-refs';

describe('eventRefs', () => {
  const evidence = {
    verdict: 'skipped',
    lastSeenEvent: { connectionId: 'a', seq: 6 },
    attemptRefs: [{ connectionId: 'b', seq: 1 }, [{ connectionId: 'a', seq: 9 }]],
    nested: { deeper: { connectionId: 'c', seq: 2 } },
    notARef: { connectionId: 'a', seq: 'x' },
    count: 3,
  };

  it('finds refs alone, in arrays and in nested objects, in key order', () => {
    expect(eventRefs(evidence)).toEqual([
      { connectionId: 'a', seq: 6 },
      { connectionId: 'b', seq: 1 },
      { connectionId: 'a', seq: 9 },
      { connectionId: 'c', seq: 2 },
    ]);
  });

  it('picks the first ref of one connection, or none', () => {
    expect(firstEventRef(evidence, 'b')).toEqual({ connectionId: 'b', seq: 1 });
    expect(firstEventRef(evidence, 'z')).toBeUndefined();
    expect(eventRefs({ n: 1, s: 'x', nil: null })).toEqual([]);
  });
});
