import { describe, expect, it } from 'vitest';
import { matchRequests, normalizeHttpVersion, requestAfter, requestBefore } from './requests';
import type { AnalysisConnection } from './types';

const conn = (id: string, createdAt: number, url = 'http://h/feed', tabId = 1): AnalysisConnection => ({
  id, tabId, pageId: 'p', kind: 'eventsource', url, origin: 'http://h', frameUrl: 'http://h/', createdAt,
});

describe('matchRequests', () => {
  it('uses the connection id when given, else tab + URL + lifetime', () => {
    const targets = [
      { conn: conn('a', 100), end: 500 },
      { conn: conn('b', 600) },
      { conn: conn('c', 100, 'http://h/feed', 2) },
    ];
    const m = matchRequests(targets, [
      { url: 'http://h/feed', tabId: 1, t: 101 },
      { url: 'http://h/feed', tabId: 1, t: 700, statusCode: 200 },
      { url: 'http://h/feed', tabId: 2, t: 120 },
      { connectionId: 'a', url: 'http://x/other', tabId: 9, t: 300 },
      { url: 'http://h/other', tabId: 1, t: 101 },
    ], 10_000);
    expect(m.get('a')!.map((r) => r.t)).toEqual([101, 300]);
    expect(m.get('b')!.map((r) => r.t)).toEqual([700]);
    expect(m.get('c')!.map((r) => r.t)).toEqual([120]);
  });

  it('does not give a request to a connection that had already ended', () => {
    const m = matchRequests([{ conn: conn('a', 100), end: 200 }], [{ url: 'http://h/feed', tabId: 1, t: 5000 }], 10_000);
    expect(m.get('a')).toBeUndefined();
  });
});

describe('request helpers', () => {
  it('normalizes HTTP versions', () => {
    expect(['HTTP/1.1', 'http/1.0', 'h2', 'HTTP/2.0', 'h3', 'http/2+quic/46', undefined, 'spdy'].map(normalizeHttpVersion))
      .toEqual(['http/1.1', 'http/1.1', 'h2', 'h2', 'h3', 'h3', 'unknown', 'unknown']);
  });
  it('finds requests around a time', () => {
    const list = [{ url: 'u', tabId: 1, t: 10 }, { url: 'u', tabId: 1, t: 20 }];
    expect(requestAfter(list, 11)?.t).toBe(20);
    expect(requestAfter(list, 11, 15)).toBeUndefined();
    expect(requestBefore(list, 15)?.t).toBe(10);
    expect(requestBefore(list, 5)).toBeUndefined();
  });
});
