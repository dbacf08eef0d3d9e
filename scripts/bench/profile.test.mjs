import { describe, expect, it } from 'vitest';
import { selfTimes, topLines } from './profile.mjs';

describe('selfTimes', () => {
  it('sums the time until the next sample per function', () => {
    const frame = (functionName, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('handleBatch', 'chrome-extension://x/assets/index.ts-1.js', 9) },
        { id: 3, callFrame: frame('(idle)') },
      ],
      samples: [2, 2, 3, 2],
      timeDeltas: [0, 1000, 2000, 4000],
    };
    expect(selfTimes(profile)).toEqual([
      { name: '(idle)', ms: 4 },
      { name: 'handleBatch index.ts-1.js:10', ms: 3 },
    ]);
    expect(topLines('bg', selfTimes(profile))[0]).toBe('bg: 3 ms busy');
  });
});
