import { describe, expect, it } from 'vitest';
import { StreamRequests } from './stream-requests';

const sse = [{ name: 'Content-Type', value: 'text/event-stream; charset=utf-8' }];

describe('StreamRequests', () => {
  it('joins a stream response to the connection of the same tab and URL, oldest first, once', () => {
    const r = new StreamRequests();
    r.sendHeaders({ requestId: '1', url: 'http://a/chat', tabId: 2, method: 'POST', timeStamp: 100 });
    r.sendHeaders({ requestId: '2', url: 'http://a/chat', tabId: 2, method: 'PUT', timeStamp: 110 });
    r.sendHeaders({ requestId: '3', url: 'http://a/data.json', tabId: 2, method: 'GET', timeStamp: 120 });
    r.headersReceived({ requestId: '1', url: 'http://a/chat', tabId: 2, timeStamp: 150, responseHeaders: sse });
    r.headersReceived({ requestId: '2', url: 'http://a/chat', tabId: 2, timeStamp: 160, responseHeaders: sse });
    r.headersReceived({ requestId: '3', url: 'http://a/data.json', tabId: 2, timeStamp: 170, responseHeaders: [{ name: 'content-type', value: 'application/json' }] });
    expect(r.take(3, 'http://a/chat', 200)).toBeUndefined();
    expect(r.take(2, 'http://a/chat', 200)).toEqual({ url: 'http://a/chat', method: 'POST', requestStartedAt: 100, responseStartedAt: 150 });
    expect(r.take(2, 'http://a/chat', 200)?.method).toBe('PUT');
    expect(r.take(2, 'http://a/chat', 200)).toBeUndefined();
    expect(r.take(2, 'http://a/data.json', 200)).toBeUndefined();
  });

  it('hands a response to a connection that is already there (webRequest late), and keeps it otherwise', () => {
    const claimed: string[] = [];
    const r = new StreamRequests((_tab, req) => (req.method === 'POST' ? (claimed.push(req.url), true) : false));
    r.sendHeaders({ requestId: '1', url: 'http://a/chat', tabId: 2, method: 'POST', timeStamp: 100 });
    r.sendHeaders({ requestId: '2', url: 'http://a/feed', tabId: 2, method: 'GET', timeStamp: 100 });
    r.headersReceived({ requestId: '1', url: 'http://a/chat', tabId: 2, timeStamp: 150, responseHeaders: sse });
    r.headersReceived({ requestId: '2', url: 'http://a/feed', tabId: 2, timeStamp: 150, responseHeaders: sse });
    expect(claimed).toEqual(['http://a/chat']);
    expect(r.take(2, 'http://a/chat', 200)).toBeUndefined();
    expect(r.take(2, 'http://a/feed', 200)?.method).toBe('GET');
  });
});
