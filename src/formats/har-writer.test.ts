import { describe, expect, it } from 'vitest';
import { harErrors } from '../../test/harness/har-schema';
import type { SessionLog } from '../contracts/session-log-format';
import { sessionLogToHar } from './har-writer';

export const SAMPLE_LOG: SessionLog = {
  format: 'realtime-inspector.session-log',
  version: 1,
  exportedAt: '2026-12-01T10:00:00.000Z',
  producer: { name: 'Realtime Inspector', version: '0.1.0', browser: 'Chromium 156' },
  pages: [{ id: 'p1', tabId: 4, url: 'http://127.0.0.1:8080/', startedAt: 1795538400000.4 }],
  connections: [
    {
      id: 'c1', pageId: 'p1', kind: 'websocket', url: 'ws://127.0.0.1:8080/chat?room=1', origin: 'ws://127.0.0.1:8080', frameUrl: 'http://127.0.0.1:8080/',
      createdAt: 1795538400012.1, openedAt: 1795538400020.7, closedAt: 1795538401000.2, protocol: 'chat', requestedProtocols: ['chat'],
      close: { code: 4001, reason: 'bye', wasClean: true }, tabId: 4, state: 'closed', frameId: 0,
      counts: { messagesIn: 1, messagesOut: 1, bytesIn: 3, bytesOut: 5, errors: 0, reconnects: 0 }, lineageId: 'c1', attempt: 1,
    },
    {
      id: 'c2', pageId: 'p1', kind: 'eventsource', url: 'http://127.0.0.1:8080/sse', origin: 'http://127.0.0.1:8080', frameUrl: 'http://127.0.0.1:8080/',
      createdAt: 1795538400013, openedAt: 1795538400015, tabId: 4, state: 'open', frameId: 0, withCredentials: false,
      counts: { messagesIn: 2, messagesOut: 0, bytesIn: 7, bytesOut: 0, errors: 0, reconnects: 0 },
    },
  ],
  events: [
    { connectionId: 'c1', seq: 1, t: 1795538400020.7, type: 'open', size: 0, protocol: 'chat', extensions: '' },
    { connectionId: 'c1', seq: 2, t: 1795538400021.3, type: 'message', direction: 'out', data: 'hello', size: 5, bufferedAmount: 0 },
    { connectionId: 'c1', seq: 3, t: 1795538400022.9, type: 'message', direction: 'in', data: 'AQID', binary: true, size: 3 },
    { connectionId: 'c1', seq: 4, t: 1795538401000.2, type: 'close', size: 0, code: 4001, reason: 'bye', wasClean: true },
    { connectionId: 'c2', seq: 1, t: 1795538400015, type: 'open', size: 0 },
    { connectionId: 'c2', seq: 2, t: 1795538400016.5, type: 'message', direction: 'in', eventType: 'tick', lastEventId: '7', data: 'a', size: 1, origin: 'http://127.0.0.1:8080' },
    { connectionId: 'c2', seq: 3, t: 1795538400017.5, type: 'message', direction: 'in', eventType: 'message', lastEventId: '', size: 6, truncated: true },
  ],
  findings: [{ id: 'f1', kind: 'abnormal-close', severity: 'warning', t: 1795538401000.2, connectionIds: ['c1'], message: 'm', evidence: { code: 4001 } }],
  sanitized: { applied: true, rules: ['jwt'], mask: '*' },
};

describe('sessionLogToHar', () => {
  const har = sessionLogToHar(SAMPLE_LOG);

  it('validates against the HAR 1.2 schema', () => {
    expect(harErrors(har)).toEqual([]);
    // The schema's "min" is not JSON Schema: check the non-negative numbers here.
    for (const e of har.log.entries) {
      expect(e.time).toBeGreaterThanOrEqual(0);
      for (const k of ['send', 'wait', 'receive'] as const) expect(e.timings[k]).toBeGreaterThanOrEqual(0);
    }
    expect(har.log.creator.name).toBe('Realtime Inspector');
    expect(harErrors({ log: { version: '1.2', creator: {}, entries: [] } }).length).toBeGreaterThan(0); // the validator can fail
  });

  it('writes a WebSocket entry the way Chrome DevTools does', () => {
    const ws = har.log.entries[0]!;
    expect(ws._resourceType).toBe('websocket');
    expect(ws.request).toMatchObject({ method: 'GET', url: 'ws://127.0.0.1:8080/chat?room=1', queryString: [{ name: 'room', value: '1' }] });
    expect(ws.response).toMatchObject({ status: 101, statusText: 'Switching Protocols', headers: [] });
    expect(ws.startedDateTime).toBe(new Date(1795538400012.1).toISOString());
    const msgs = ws._webSocketMessages!;
    // Exactly Chrome's field names and units: time in epoch seconds (fractional), opcode 1 text / 2 binary.
    expect(msgs.map(({ type, time, opcode, data }) => ({ type, time, opcode, data }))).toEqual([
      { type: 'send', time: expect.closeTo(1795538400.0213, 6), opcode: 1, data: 'hello' },
      { type: 'receive', time: expect.closeTo(1795538400.0229, 6), opcode: 2, data: 'AQID' },
    ]);
    for (const m of msgs) {
      expect(Object.keys(m).filter((k) => !k.startsWith('_')).sort()).toEqual(['data', 'opcode', 'time', 'type']);
      expect(m.time).toBeCloseTo(Date.parse(ws.startedDateTime) / 1000, 0);
    }
    expect(ws.timings.wait).toBeCloseTo(8.6, 3); // epoch-ms doubles keep ~0.2 µs
    expect(ws.time).toBeCloseTo(988.1, 3);
  });

  it('puts EventSource events in _eventSourceMessages', () => {
    const es = har.log.entries[1]!;
    expect(es._resourceType).toBe('eventsource');
    expect(es.response).toMatchObject({ status: 200, content: { mimeType: 'text/event-stream', size: 7 } });
    expect(es._eventSourceMessages!.map(({ time, eventName, id, data }) => ({ time, eventName, id, data }))).toEqual([
      { time: expect.closeTo(1795538400.0165, 6), eventName: 'tick', id: '7', data: 'a' },
      { time: expect.closeTo(1795538400.0175, 6), eventName: 'message', id: '', data: '' },
    ]);
    expect(es._eventSourceMessages![1]!._ri).toMatchObject({ noData: true, truncated: true, size: 6 });
    expect(es._webSocketMessages).toBeUndefined();
  });

  it('writes a WebSocket that never opened as status 0', () => {
    const log: SessionLog = { ...SAMPLE_LOG, connections: [{ ...SAMPLE_LOG.connections[0]!, openedAt: undefined as never }], events: [] };
    delete (log.connections[0] as { openedAt?: number }).openedAt;
    const entry = sessionLogToHar(log).log.entries[0]!;
    expect(entry.response.status).toBe(0);
    expect(harErrors(sessionLogToHar(log))).toEqual([]);
  });
});
