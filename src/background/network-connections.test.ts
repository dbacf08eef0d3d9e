import { describe, expect, it } from 'vitest';
import { NetworkConnections, type NetworkConnection } from './network-connections';

function setup() {
  const opened: NetworkConnection[] = [];
  const ended: NetworkConnection[] = [];
  const net = new NetworkConnections((c) => opened.push({ ...c }), (c) => ended.push({ ...c }));
  return { net, opened, ended };
}

const base = { tabId: 3, initiator: 'http://127.0.0.1:8000' };

describe('NetworkConnections', () => {
  it('a WebSocket: opened at its 101 (the socket’s close is never reported)', () => {
    const { net, opened, ended } = setup();
    net.sendHeaders({ ...base, requestId: '1', url: 'http://127.0.0.1:8000/ws', type: 'websocket', timeStamp: 10 });
    net.headersReceived({ ...base, requestId: '1', url: 'http://127.0.0.1:8000/ws', type: 'websocket', timeStamp: 12, statusCode: 101 });
    net.completed({ ...base, requestId: '1', url: 'http://127.0.0.1:8000/ws', type: 'websocket', timeStamp: 13, statusCode: 101 });
    expect(opened).toEqual([{ requestId: '1', kind: 'websocket', url: 'ws://127.0.0.1:8000/ws', tabId: 3, initiatorOrigin: 'http://127.0.0.1:8000', requestStartedAt: 10, status: 101, openedAt: 12 }]);
    expect(ended).toEqual([]);
  });

  it('a refused handshake and one that failed before any answer', () => {
    const { net, opened } = setup();
    net.sendHeaders({ ...base, requestId: '1', url: 'ws://h/ws', type: 'websocket', timeStamp: 10 });
    net.headersReceived({ ...base, requestId: '1', url: 'ws://h/ws', type: 'websocket', timeStamp: 12, statusCode: 403 });
    net.sendHeaders({ ...base, requestId: '2', url: 'ws://h/ws', type: 'websocket', timeStamp: 20 });
    net.errorOccurred({ ...base, requestId: '2', url: 'ws://h/ws', type: 'websocket', timeStamp: 21, error: 'net::ERR_CONNECTION_REFUSED' });
    expect(opened.map((c) => [c.status, c.openedAt, c.endedAt, c.error])).toEqual([[403, undefined, 12, 'HTTP 403'], [undefined, undefined, 21, 'net::ERR_CONNECTION_REFUSED']]);
  });

  it('an EventSource (by its Accept header) and a fetch stream: opened with a streamed Content-Type, ended by onCompleted / onErrorOccurred', () => {
    const { net, opened, ended } = setup();
    const accept = (v: string) => [{ name: 'Accept', value: v }];
    const sse = [{ name: 'Content-Type', value: 'text/event-stream' }];
    net.sendHeaders({ ...base, tabId: -1, initiator: undefined, documentUrl: 'http://h/shw.js', requestId: 'e', url: 'http://h/sse', type: 'xmlhttprequest', timeStamp: 1, requestHeaders: accept('text/event-stream') });
    net.sendHeaders({ ...base, requestId: 'f', url: 'http://h/chat', type: 'xmlhttprequest', timeStamp: 2, requestHeaders: accept('*/*') });
    net.sendHeaders({ ...base, requestId: 'j', url: 'http://h/data.json', type: 'xmlhttprequest', timeStamp: 3, requestHeaders: accept('*/*') });
    net.headersReceived({ ...base, requestId: 'e', url: 'http://h/sse', timeStamp: 5, statusCode: 200, responseHeaders: sse });
    net.headersReceived({ ...base, requestId: 'f', url: 'http://h/chat', timeStamp: 6, statusCode: 200, responseHeaders: [{ name: 'content-type', value: 'application/x-ndjson' }] });
    net.headersReceived({ ...base, requestId: 'j', url: 'http://h/data.json', timeStamp: 7, statusCode: 200, responseHeaders: [{ name: 'content-type', value: 'application/json' }] });
    net.completed({ ...base, requestId: 'j', url: 'http://h/data.json', timeStamp: 8 });
    net.errorOccurred({ ...base, requestId: 'e', url: 'http://h/sse', timeStamp: 50, error: 'net::ERR_ABORTED' });
    net.completed({ ...base, requestId: 'f', url: 'http://h/chat', timeStamp: 60 });
    expect(opened.map((c) => [c.kind, c.tabId, c.initiatorOrigin, c.documentUrl, c.openedAt])).toEqual([
      ['eventsource', -1, 'http://h', 'http://h/shw.js', 5],
      ['fetch-stream', 3, 'http://127.0.0.1:8000', undefined, 6],
    ]);
    expect(ended.map((c) => [c.kind, c.endedAt, c.error])).toEqual([['eventsource', 50, 'net::ERR_ABORTED'], ['fetch-stream', 60, undefined]]);
  });
});
