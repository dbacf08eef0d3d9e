import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { detectReconnects } from './reconnect';

const run = (s: Scenario) => runDetector(detectReconnects, s.input());

describe('reconnect', () => {
  it('finds nothing in healthy connections: steady streams and orderly closes with no successor', () => {
    const s = new Scenario();
    s.ws('a', 0).open(10).recv(20, 'x').send(30, 'y').closeCall(40, 1000).close(45, 1000);
    s.es('b', 0).open(10).sse(20, '1').sse(30, '2');
    s.ws('c', 5000, { url: 'ws://127.0.0.1:9000/other' }).open(5010);
    expect(run(s)).toEqual([]);
  });

  it('reports an EventSource cycle with delay and downtime, and the Last-Event-ID when a request was seen', () => {
    const s = new Scenario();
    s.es('a', 0).open(10).sse(20, '5').error(1000, 0).open(4000);
    const [f] = run(s);
    expect(f).toMatchObject({
      kind: 'reconnect', severity: 'info', t: 4000, connectionIds: ['a'],
      evidence: { how: 'eventsource-cycle', attempts: 1, delayMs: 3000, delayMeasuredTo: 'open', downtimeMs: 3000, lastEventIdSent: 'unknown (no request observation)', lost: { connectionId: 'a', seq: 3 }, reopened: { connectionId: 'a', seq: 4 } },
    });
    expect(f!.message).toBe('EventSource http://127.0.0.1:9000/feed reconnected by itself after 3.0 s offline (the browser waited 3.0 s before the successful try).');

    s.request({ url: 'http://127.0.0.1:9000/feed', tabId: 1, t: 3990, lastEventId: '5', statusCode: 200 });
    const [g] = run(s);
    expect(g).toMatchObject({ evidence: { delayMs: 2990, delayMeasuredTo: 'request', lastEventIdSent: '5', lastEventIdSource: 'request', httpStatus: 200 } });
    expect(g!.message).toContain('sending Last-Event-ID "5"');
    expect(g!.id).toBe(f!.id);
  });

  it('counts the failed tries of an EventSource outage', () => {
    const s = new Scenario();
    s.es('a', 0).open(10).error(1000, 0).error(4000, 0).open(7000);
    expect(run(s)).toEqual([expect.objectContaining({ evidence: expect.objectContaining({ attempts: 2, downtimeMs: 6000, delayMs: 3000 }) })]);
  });

  it('links a new WebSocket to the one that closed, naming the close code', () => {
    const s = new Scenario();
    s.ws('a', 0, { url: 'ws://h/ws?token=1' }).open(10).close(1000, 1006);
    s.ws('b', 1500, { url: 'ws://h/ws?token=2' }).open(1520);
    const [f] = run(s);
    expect(f).toMatchObject({ t: 1520, connectionIds: ['a', 'b'], evidence: { how: 'new-connection', attempts: 1, delayMs: 500, downtimeMs: 520, cause: { how: 'close', code: 1006, wasClean: false } } });
    expect(f!.message).toBe('WebSocket ws://h/ws?… was reconnected by a new socket 500 ms after the previous one closed with 1006 (abnormal closure), 520 ms down in total.');
  });

  it('reports one reconnect over failed tries, with the downtime from the loss', () => {
    const s = new Scenario();
    s.ws('a', 0).open(10).close(1000, 1006);
    s.ws('b', 2000).close(2010, 1006);
    s.ws('c', 4000).open(4010);
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ connectionIds: ['a', 'b', 'c'], evidence: { attempts: 2, downtimeMs: 3010, delayMs: 1990 } });
    expect(found[0]!.message).toContain('on try 2');
    expect(found[0]!.message).toContain('(1 failed try)');
  });

  it('says when a first connection took several tries', () => {
    const s = new Scenario();
    s.ws('a', 0).close(10, 1006);
    s.ws('b', 1000).open(1010);
    const [f] = run(s);
    expect(f!.message).toBe('WebSocket ws://127.0.0.1:9000/ws connected only on try 2, 1.0 s after the first one.');
  });

  it('gives the same ids on every run', () => {
    const s = new Scenario();
    s.es('a', 0).open(10).error(1000, 0).open(4000).error(5000, 0).open(8000);
    expect(run(s).map((f) => f.id)).toEqual(run(s).map((f) => f.id));
    expect(new Set(run(s).map((f) => f.id)).size).toBe(2);
  });
});
