import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../contracts/model';
import { closeText, eventPreview, formatBytes, formatRelative, formatTime, kindBadge, kindLabel, oneLine, sseLabel } from './format';

const msg = (over: Partial<EventRow>): EventRow => ({ connectionId: 'c', seq: 1, t: 0, type: 'message', direction: 'in', size: 0, ...over });

describe('format', () => {
  it('formats sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });

  it('formats local time with milliseconds', () => {
    const t = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
    expect(formatTime(t)).toBe('03:04:05.006');
  });

  it('previews text on one line, capped', () => {
    expect(eventPreview(msg({ data: 'a\nb\t c', size: 6 }))).toBe('a b c');
    expect(oneLine('x'.repeat(300))).toHaveLength(201);
    expect(eventPreview(msg({ data: 'abc', size: 9000, truncated: true }))).toBe('abc … (truncated, 9000 bytes)');
  });

  it('shows binary payloads by size only', () => {
    expect(eventPreview(msg({ data: 'AAEC', binary: true, size: 3 }))).toBe('binary 3 bytes');
  });

  it('describes close codes with their meaning and reason', () => {
    expect(closeText({ code: 1000, reason: 'bye' })).toBe('1000 (normal closure) “bye”');
    expect(closeText({ code: 4001, reason: '' })).toBe('4001 (application-defined)');
    expect(eventPreview({ connectionId: 'c', seq: 2, t: 0, type: 'close', size: 0, code: 1006, reason: '', wasClean: false })).toBe(
      'close · 1006 (abnormal closure) · not clean',
    );
  });

  it('labels SSE events by name and id', () => {
    expect(sseLabel({ eventType: 'tick', lastEventId: '41' })).toBe('tick #41');
    expect(sseLabel({ eventType: 'message', lastEventId: '' })).toBe('message');
    expect(sseLabel({})).toBe('');
  });
});

it('formats time since open', () => {
  expect(formatRelative(0)).toBe('+0.000 s');
  expect(formatRelative(1234)).toBe('+1.234 s');
  expect(formatRelative(-12)).toBe('-0.012 s');
  expect(formatRelative(125_010)).toBe('+2:05.010');
  expect(formatRelative(3_600_000)).toBe('+60:00.000');
});

describe('kind badges and labels', () => {
  it('name the page API and mark connections only the network saw (a worker’s)', () => {
    expect(kindBadge({ kind: 'fetch-stream', api: 'xhr' })).toBe('XHR');
    expect(kindBadge({ kind: 'websocket', api: 'websocketstream' })).toBe('WSS');
    expect(kindBadge({ kind: 'eventsource', seenBy: 'network' })).toBe('SSE·W');
    expect(kindLabel({ kind: 'websocket', seenBy: 'network', noTab: true })).toBe('WebSocket seen on the network only (a SharedWorker (no tab)): no messages');
    expect(kindLabel({ kind: 'eventsource', seenBy: 'network', workerScript: 'http://h/w.js' })).toBe('EventSource seen on the network only (worker http://h/w.js): no messages');
    expect(kindLabel({ kind: 'fetch-stream' })).toBe('fetch() stream');
  });
});
