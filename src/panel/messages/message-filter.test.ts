import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../contracts/model';
import { NO_FILTER, createMatcher, isFiltering, matchRanges, parseQuery, splitByRanges, type FilterSpec } from './message-filter';

const msg = (seq: number, data: string, over: Partial<EventRow> = {}): EventRow => ({ connectionId: 'c', seq, t: seq * 1000, type: 'message', direction: 'in', data, size: data.length, ...over });
const spec = (over: Partial<FilterSpec>): FilterSpec => ({ ...NO_FILTER, ...over });
const run = (s: FilterSpec, events: EventRow[]) => {
  const m = createMatcher(s);
  return { seqs: events.filter((e) => m.matches(e)).map((e) => e.seq), hidden: m.hiddenHeartbeats };
};

describe('parseQuery', () => {
  it('text, regex with flags, and invalid regex', () => {
    expect(parseQuery('')).toEqual({ kind: 'none' });
    expect(parseQuery('Hello')).toEqual({ kind: 'text', needle: 'hello' });
    expect(parseQuery('/a+b/i')).toEqual({ kind: 'regex', source: 'a+b', flags: 'i' });
    // g/y would make test() stateful across rows: dropped.
    expect(parseQuery('/x/gi')).toEqual({ kind: 'regex', source: 'x', flags: 'i' });
    const bad = parseQuery('/(unclosed/');
    expect(bad.kind).toBe('invalid');
    expect((bad as { error: string }).error).toMatch(/unterminated|invalid/i);
    expect(parseQuery('/x/q').kind).toBe('invalid'); // unknown flag
    // A lone slash or "//" is text, not an empty regex.
    expect(parseQuery('/')).toEqual({ kind: 'text', needle: '/' });
    expect(parseQuery('//')).toEqual({ kind: 'text', needle: '//' });
  });
  it('isFiltering: only when something can be hidden', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering(spec({ text: '/(/' }))).toBe(false);
    expect(isFiltering(spec({ text: 'x' }))).toBe(true);
    expect(isFiltering(spec({ hideHeartbeats: true }))).toBe(true);
    expect(isFiltering(spec({ direction: 'out' }))).toBe(true);
  });
});

describe('createMatcher', () => {
  const events: EventRow[] = [
    { connectionId: 'c', seq: 1, t: 0, type: 'open', size: 0 },
    msg(2, '{"type":"order","id":17}', { direction: 'out' }),
    msg(3, 'ORDER filled'),
    msg(4, 'tick 1', { eventType: 'tick', lastEventId: '4' }),
    msg(5, 'AQID', { binary: true, size: 3 }),
    msg(6, '{"type":"ping"}'),
    { connectionId: 'c', seq: 7, t: 9, type: 'close', code: 1011, reason: 'boom', wasClean: true, size: 0 },
  ];
  it('text is a case-insensitive substring of the payload', () => {
    expect(run(spec({ text: 'order' }), events).seqs).toEqual([2, 3]);
  });
  it('regex over payloads and lifecycle lines (close codes with their meaning)', () => {
    expect(run(spec({ text: '/"id":\\d+/' }), events).seqs).toEqual([2]);
    expect(run(spec({ text: '/internal server error/i' }), events).seqs).toEqual([7]);
  });
  it('an invalid regex hides nothing', () => {
    expect(run(spec({ text: '/[/' }), events).seqs).toHaveLength(events.length);
  });
  it('direction, kind, event name', () => {
    expect(run(spec({ direction: 'out' }), events).seqs).toEqual([2]);
    expect(run(spec({ kind: 'lifecycle' }), events).seqs).toEqual([1, 7]);
    expect(run(spec({ kind: 'messages', direction: 'in' }), events).seqs).toEqual([3, 4, 5, 6]);
    expect(run(spec({ eventName: 'tick' }), events).seqs).toEqual([4]);
  });
  it('binary payloads are searched by their description, not their base64', () => {
    expect(run(spec({ text: 'AQID' }), events).seqs).toEqual([]);
    expect(run(spec({ text: 'binary 3 bytes' }), events).seqs).toEqual([5]);
  });
  it('hides heartbeats and counts them', () => {
    expect(run(spec({ hideHeartbeats: true }), events)).toEqual({ seqs: [1, 2, 3, 4, 5, 7], hidden: 1 });
    expect(run(spec({ hideHeartbeats: true, text: 'ping' }), events)).toEqual({ seqs: [], hidden: 1 });
  });
});

describe('highlighting', () => {
  it('finds every match, case-insensitively for text', () => {
    expect(matchRanges('Abc abc ABC', parseQuery('abc'))).toEqual([[0, 3], [4, 7], [8, 11]]);
    expect(matchRanges('a1 b22 c333', parseQuery('/\\d+/'))).toEqual([[1, 2], [4, 6], [8, 11]]);
    expect(matchRanges('xyz', parseQuery('/q*/'))).toEqual([]); // empty matches: nothing, and no endless loop
    expect(matchRanges('xyz', parseQuery('/[/'))).toEqual([]);
  });
  it('splits into plain and matched parts that join back to the text', () => {
    const text = 'say <b>hi</b> hi';
    const parts = splitByRanges(text, matchRanges(text, parseQuery('hi')));
    expect(parts).toEqual([
      { text: 'say <b>', match: false },
      { text: 'hi', match: true },
      { text: '</b> ', match: false },
      { text: 'hi', match: true },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });
});
