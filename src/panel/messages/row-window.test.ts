import { describe, expect, it } from 'vitest';
import { MAX_VIRTUAL_ROWS, baseShowing, clampBase, followBase, maxRowsFrom, rowSource, scrollTopAfterShift, shiftBase, tailBase, windowAt } from './row-window';

const MAX = 1000;

describe('windowAt', () => {
  it('holds the whole list when it fits', () => {
    expect(windowAt(0, 0, MAX)).toEqual({ base: 0, size: 0, earlier: 0, later: 0 });
    expect(windowAt(0, 999, MAX)).toEqual({ base: 0, size: 999, earlier: 0, later: 0 });
    expect(windowAt(500, 1000, MAX)).toEqual({ base: 0, size: 1000, earlier: 0, later: 0 });
  });

  it('at the tail: the newest `max` rows, the rest before it', () => {
    expect(windowAt(tailBase(3000, MAX), 3000, MAX)).toEqual({ base: 2000, size: 1000, earlier: 2000, later: 0 });
    // A million events at the default size: 9 M px of rows, the last one reachable.
    const w = windowAt(tailBase(1_000_000, MAX_VIRTUAL_ROWS), 1_000_000, MAX_VIRTUAL_ROWS);
    expect(w).toEqual({ base: 500_000, size: 500_000, earlier: 500_000, later: 0 });
    expect(w.size * 18).toBeLessThan(17_895_697);
  });

  it('clamps a base outside the list', () => {
    expect(windowAt(-5, 3000, MAX).base).toBe(0);
    expect(windowAt(2500, 3000, MAX)).toEqual({ base: 2000, size: 1000, earlier: 2000, later: 0 });
    expect(windowAt(700.6, 3000, MAX)).toEqual({ base: 700, size: 1000, earlier: 700, later: 1300 });
    expect(clampBase(10, 5, MAX)).toBe(0);
  });
});

describe('followBase: live growth', () => {
  it('moves the window forward while it follows the live end', () => {
    let base = followBase(0, 3000, MAX, true);
    expect(base).toBe(2000);
    base = followBase(base, 3010, MAX, true);
    expect(base).toBe(2010);
    expect(windowAt(base, 3010, MAX).later).toBe(0);
  });

  it('does not move while the user reads elsewhere', () => {
    expect(followBase(2000, 3010, MAX, false)).toBe(2000);
    expect(followBase(400, 50_000, MAX, false)).toBe(400);
    expect(windowAt(2000, 3010, MAX).later).toBe(10);
  });

  it('clamps when the list shrank (a filter with fewer matches)', () => {
    expect(followBase(2000, 1500, MAX, false)).toBe(500);
    expect(followBase(2000, 300, MAX, false)).toBe(0);
  });
});

describe('shiftBase', () => {
  it('moves by half a window and stops at either end', () => {
    expect(shiftBase(2000, 'earlier', 3000, MAX)).toBe(1500);
    expect(shiftBase(300, 'earlier', 3000, MAX)).toBe(0);
    expect(shiftBase(0, 'earlier', 3000, MAX)).toBe(0);
    expect(shiftBase(0, 'later', 3000, MAX)).toBe(500);
    expect(shiftBase(1800, 'later', 3000, MAX)).toBe(2000);
  });

  it('reaches the first row from the tail in count / (max / 2) steps', () => {
    let base = tailBase(3000, MAX);
    let steps = 0;
    while (base > 0) {
      base = shiftBase(base, 'earlier', 3000, MAX);
      steps++;
    }
    expect(steps).toBe(4);
  });
});

describe('baseShowing', () => {
  it('keeps the window when the row is in it', () => {
    expect(baseShowing(1500, 1000, 3000, MAX)).toBe(1000);
    expect(baseShowing(1999, 1000, 3000, MAX)).toBe(1000);
  });

  it('centres a new window on a row outside it, clamped at the ends', () => {
    expect(baseShowing(2000, 1000, 3000, MAX)).toBe(1500);
    expect(baseShowing(0, 2000, 3000, MAX)).toBe(0); // Home
    expect(baseShowing(2999, 0, 3000, MAX)).toBe(2000); // End
    expect(baseShowing(999, 1000, 3000, MAX)).toBe(499); // ↑ from the window's first row
  });
});

describe('scrollTopAfterShift', () => {
  const ROW = 18;
  const EDGE = 24;

  it('keeps the row at the top of the viewport where it was', () => {
    const from = windowAt(2000, 3000, MAX);
    const to = windowAt(1500, 3000, MAX);
    // At the top of the window (just under the bar), row 2000 shows; after the shift it is row 500 of the window.
    const top = scrollTopAfterShift(EDGE, from, to, ROW, EDGE);
    expect(top).toBe(EDGE + 500 * ROW);
    expect(to.base + (top - EDGE) / ROW).toBe(2000);
  });

  it('accounts for the bar disappearing at the first window', () => {
    const from = windowAt(300, 3000, MAX);
    const to = windowAt(0, 3000, MAX);
    const top = scrollTopAfterShift(EDGE + 5 * ROW, from, to, ROW, EDGE);
    expect(to.base + top / ROW).toBe(305);
  });

  it('moving later lowers scrollTop by the rows that left', () => {
    const from = windowAt(0, 3000, MAX);
    const to = windowAt(500, 3000, MAX);
    expect(scrollTopAfterShift(990 * ROW, from, to, ROW, EDGE)).toBe(EDGE + 490 * ROW);
  });
});

describe('rowSource: index ↔ seq', () => {
  it('without a filter, row i is seq i + 1', () => {
    const s = rowSource(3000, null);
    expect(s.count).toBe(3000);
    expect(s.seqAt(0)).toBe(1);
    expect(s.seqAt(2999)).toBe(3000);
    expect(s.indexOf(3000)).toBe(2999);
    expect([s.indexOf(0), s.indexOf(3001), s.indexOf(1.5)]).toEqual([-1, -1, -1]);
  });

  it('with a filter, row i is the i-th match', () => {
    const matches = Array.from({ length: 1500 }, (_, i) => 2 * (i + 1));
    const s = rowSource(3000, matches);
    expect(s.count).toBe(1500);
    expect(s.seqAt(0)).toBe(2);
    expect(s.seqAt(1499)).toBe(3000);
    expect(s.indexOf(3000)).toBe(1499);
    expect(s.indexOf(3)).toBe(-1);
    // A window over the matches maps its rows through them.
    const w = windowAt(tailBase(s.count, MAX), s.count, MAX);
    expect(s.seqAt(w.base)).toBe(1002);
  });
});

describe('maxRowsFrom', () => {
  it('reads ?maxRows= within bounds, else the default', () => {
    expect(maxRowsFrom('?tabId=3&maxRows=1000')).toBe(1000);
    expect(maxRowsFrom('')).toBe(MAX_VIRTUAL_ROWS);
    expect(maxRowsFrom('?maxRows=5')).toBe(MAX_VIRTUAL_ROWS);
    expect(maxRowsFrom('?maxRows=2000000')).toBe(MAX_VIRTUAL_ROWS);
    expect(maxRowsFrom('?maxRows=1e3')).toBe(MAX_VIRTUAL_ROWS);
    expect(maxRowsFrom('?maxRows=-100')).toBe(MAX_VIRTUAL_ROWS);
  });
});
