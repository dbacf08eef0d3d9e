import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario, type ConnBuilder } from '../test-scenario';
import { detectResumeMismatches } from './resume-mismatch';

const run = (s: Scenario) => runDetector(detectResumeMismatches, s.input());
const ids = (b: ConnBuilder, t: number, list: (number | string)[]) => {
  list.forEach((id, i) => b.sse(t + i, String(id), `d${id}`));
  return b;
};

describe('resume-mismatch', () => {
  it('finds nothing when reconnects resume right (own reconnect, URL cursor, header seen by webRequest)', () => {
    const s = new Scenario();
    ids(ids(s.es('a', 0).open(1), 10, [1, 2, 3]).error(100, 0).open(3100), 3110, [4, 5]);
    ids(s.es('b', 0, { url: 'http://h/b' }).open(1), 10, ['a1', 'a2']).closeCall(50);
    ids(s.es('c', 60, { url: 'http://h/b?since=a2' }).open(70), 80, ['a3']);
    ids(ids(s.es('d', 0, { url: 'http://h/d' }).open(1), 10, [1, 2]).error(100, 0).open(3100), 3110, [5, 6]);
    s.request({ url: 'http://h/d', tabId: 1, t: 3090, lastEventId: '4', statusCode: 200 });
    expect(run(s)).toEqual([]);
  });

  it('reports a server that skipped ahead, naming the Last-Event-ID and the missing range', () => {
    const s = new Scenario();
    ids(ids(s.es('a', 0).open(1), 10, [1, 2, 3, 4, 5]).error(100, 0).open(3100), 3110, [9, 10]);
    s.request({ url: 'http://127.0.0.1:9000/feed', tabId: 1, t: 3090, lastEventId: '5', statusCode: 200 });
    const [f] = run(s);
    expect(f).toMatchObject({
      kind: 'resume-mismatch', severity: 'warning', connectionIds: ['a'],
      evidence: { verdict: 'skipped', lastEventIdSent: '5', lastEventIdSource: 'request', expected: 6, missingFrom: 6, missingTo: 8, missingCount: 3, invisibleTypesPossible: true, downtimeMs: 3000 },
    });
    expect(f!.message).toBe('EventSource http://127.0.0.1:9000/feed did not resume where it left off: after reconnecting with Last-Event-ID "5" the server continued at id "9", so ids 6–8 (3 events) never reached the page (unless the server sent them as named event types the page does not listen to).');
  });

  it('says when the Last-Event-ID is only inferred', () => {
    const s = new Scenario();
    ids(ids(s.es('a', 0).open(1), 10, [1, 2, 3]).error(100, 0).open(3100), 3110, [1, 2]);
    const [f] = run(s);
    expect(f!.evidence).toMatchObject({ verdict: 'restarted', lastEventIdSent: '3', lastEventIdSource: 'inferred from the last event the page saw (no request observation)' });
  });

  it('reports a replay with its size', () => {
    const s = new Scenario();
    ids(ids(s.es('a', 0).open(1), 10, [1, 2, 3, 4, 5]).error(100, 0).open(3100), 3110, [4, 5, 6]);
    const [f] = run(s);
    expect(f!.evidence).toMatchObject({ verdict: 'replayed', replayed: 2 });
    expect(f!.message).toBe('EventSource http://127.0.0.1:9000/feed did not resume where it left off: after reconnecting with Last-Event-ID "5" the server resent 2 events the page already had, starting at id "4".');
  });

  it('explains a rebuilt EventSource that sent no Last-Event-ID and started over, also with text ids', () => {
    const s = new Scenario();
    ids(s.es('a', 0).open(1), 10, ['k-1', 'k-2', 'k-3']).error(50, 2);
    ids(s.es('b', 1000).open(1010), 1020, ['k-1', 'k-2']);
    const [f] = run(s);
    expect(f).toMatchObject({ connectionIds: ['a', 'b'], evidence: { verdict: 'restarted', boundary: 'new-connection', lastEventIdSent: null, lastEventIdSource: 'new-eventsource' } });
    expect(f!.message).toBe('EventSource http://127.0.0.1:9000/feed did not resume where it left off: after the page replaced its EventSource with a new one, which sends no Last-Event-ID, the server started over from id "k-1" instead of continuing after "k-3".');
  });
});
