import { describe, expect, it } from 'vitest';
import { sweep } from './sweep';

const iv = (start: number, end: number, item: string) => ({ start, end, item });

describe('sweep', () => {
  it('finds episodes at or above the threshold with their members', () => {
    const eps = sweep([iv(0, 10, 'a'), iv(1, 5, 'b'), iv(2, 8, 'c'), iv(6, 20, 'd'), iv(30, 40, 'e')], 3);
    expect(eps).toEqual([{ start: 2, end: 5, max: 3, members: ['a', 'b', 'c'] }, { start: 6, end: 8, max: 3, members: ['a', 'c', 'd'] }]);
  });

  it('frees a slot before taking it at the same moment, and leaves open episodes open', () => {
    expect(sweep([iv(0, 5, 'a'), iv(5, 9, 'b')], 2)).toEqual([]);
    expect(sweep([iv(0, Infinity, 'a'), iv(1, Infinity, 'b')], 2)).toEqual([{ start: 1, end: Infinity, max: 2, members: ['a', 'b'] }]);
  });

  it('tells each start what was already active once the threshold is reached', () => {
    const seen: [string, string[]][] = [];
    sweep([iv(0, 10, 'a'), iv(1, 10, 'b'), iv(2, 10, 'c'), iv(3, 4, 'd')], 2, (item, active) => seen.push([item, active]));
    expect(seen).toEqual([['c', ['a', 'b']], ['d', ['a', 'b', 'c']]]);
  });

  it('ignores empty intervals', () => {
    expect(sweep([iv(3, 3, 'a'), iv(3, 3, 'b')], 1)).toEqual([]);
  });
});
