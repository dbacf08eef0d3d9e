import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, label, plural, quoteId, range } from './format';

describe('format', () => {
  it('formats durations at every scale', () => {
    expect(formatDuration(349.6)).toBe('350 ms');
    expect(formatDuration(3210)).toBe('3.2 s');
    expect(formatDuration(252_000)).toBe('4 min 12 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(7_380_000)).toBe('2 h 3 min');
    expect(formatDuration(-1500)).toBe('-1.5 s');
    expect(formatDuration(Number.NaN)).toBe('an unknown time');
  });
  it('pluralizes, labels, ranges and quotes', () => {
    expect(plural(1, 'event')).toBe('1 event');
    expect(plural(2, 'event')).toBe('2 events');
    expect(label({ kind: 'eventsource', url: 'http://h/feed?token=x' })).toBe('EventSource http://h/feed?…');
    expect(label({ kind: 'fetch-stream', url: 'http://h/chat', method: 'POST' })).toBe('fetch stream POST http://h/chat');
    expect(label({ kind: 'fetch-stream', url: 'http://h/chat', method: 'POST', api: 'xhr' })).toBe('XHR stream POST http://h/chat');
    expect(range(5, 5)).toBe('5');
    expect(range(5, 7)).toBe('5–7');
    expect(quoteId('a'.repeat(50))).toBe(JSON.stringify('a'.repeat(39) + '…'));
    expect([512, 65_536, 2_411_725].map(formatBytes)).toEqual(['512 B', '64.0 KiB', '2.3 MiB']);
  });
});
