import { describe, expect, it } from 'vitest';
import type { RequestRow } from '../contracts/model';
import { RequestObserver, httpVersionOf } from './request-observer';

const sse = [{ name: 'Accept', value: 'text/event-stream' }];

describe('RequestObserver', () => {
  it('records an EventSource request with Last-Event-ID, status, type and HTTP version', () => {
    const rows: RequestRow[] = [];
    const o = new RequestObserver((r) => rows.push(r));
    o.sendHeaders({ requestId: '1', url: 'http://h/sse', tabId: 4, timeStamp: 10, requestHeaders: [...sse, { name: 'Last-Event-ID', value: '41' }] });
    o.headersReceived({ requestId: '1', url: 'http://h/sse', tabId: 4, timeStamp: 12, statusCode: 200, statusLine: 'HTTP/1.1 200 OK', responseHeaders: [{ name: 'Content-Type', value: 'text/event-stream' }] });
    expect(rows).toEqual([{ tabId: 4, url: 'http://h/sse', t: 10, lastEventId: '41', statusCode: 200, contentType: 'text/event-stream', httpVersion: 'HTTP/1.1' }]);
  });
  it('records a request that failed before any response, and ignores everything that is not an EventSource', () => {
    const rows: RequestRow[] = [];
    const o = new RequestObserver((r) => rows.push(r));
    o.sendHeaders({ requestId: '2', url: 'http://h/x', tabId: 4, timeStamp: 1, requestHeaders: [{ name: 'Accept', value: '*/*' }] });
    o.headersReceived({ requestId: '2', url: 'http://h/x', tabId: 4, timeStamp: 2, statusCode: 200 });
    o.sendHeaders({ requestId: '3', url: 'http://h/sse', tabId: 4, timeStamp: 3, requestHeaders: sse });
    o.errorOccurred({ requestId: '3', url: 'http://h/sse', tabId: 4, timeStamp: 4, error: 'net::ERR_CONNECTION_REFUSED' });
    o.sendHeaders({ requestId: '4', url: 'http://h/sse', tabId: -1, timeStamp: 3, requestHeaders: sse });
    expect(rows).toEqual([{ tabId: 4, url: 'http://h/sse', t: 3, error: 'net::ERR_CONNECTION_REFUSED' }]);
  });
  it('reads the HTTP version from the status line', () => {
    expect(httpVersionOf('HTTP/1.1 200 OK')).toBe('HTTP/1.1');
    expect(httpVersionOf('HTTP/2 200')).toBe('HTTP/2');
    expect(httpVersionOf(undefined)).toBeUndefined();
  });
});
