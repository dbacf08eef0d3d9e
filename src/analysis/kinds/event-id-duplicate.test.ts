import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario, type ConnBuilder } from '../test-scenario';
import { detectEventIdDuplicates } from './event-id-duplicate';

const run = (s: Scenario) => runDetector(detectEventIdDuplicates, s.input());
const seq = (b: ConnBuilder, t: number, values: number[]) => {
  values.forEach((v, i) => b.json(t + i, { seq: v }));
  return b;
};

describe('event-id-duplicate', () => {
  it('finds nothing in healthy streams, nor in SSE events without an id line', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 4, 5]);
    s.es('b', 0).open(1).sse(10, '1').sse(11, '2').sse(12, '2', 'no id line').sse(13, '3').sse(14, '4');
    expect(run(s)).toEqual([]);
  });

  it('reports a replayed run once, with its range', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 4, 5, 3, 4, 5, 6]);
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', evidence: { from: 3, to: 5, count: 3, first: { connectionId: 'a', seq: 7 }, last: { connectionId: 'a', seq: 9 } } });
    expect(found[0]!.message).toBe('WebSocket ws://127.0.0.1:9000/ws received "seq" 3–5 a second time (3 duplicate messages), so the page may apply them twice.');
  });

  it('reports a WebSocket that replays after reconnecting', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 4, 5]).close(100, 1006);
    seq(s.ws('b', 200).open(210), 220, [4, 5, 6]);
    const [f] = run(s);
    expect(f).toMatchObject({ connectionIds: ['b'], evidence: { from: 4, to: 5, acrossReconnect: true } });
    expect(f!.message).toContain('after reconnecting');
  });

  it('reports an SSE id that comes back later inside one connection', () => {
    const s = new Scenario();
    s.es('a', 0).open(1).sse(10, '1').sse(11, '2').sse(12, '3').sse(13, '2').sse(14, '4');
    expect(run(s)[0]!.message).toBe('EventSource http://127.0.0.1:9000/feed received id 2 a second time (1 duplicate event), so the page may apply them twice.');
  });
});
