import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario, type ConnBuilder } from '../test-scenario';
import { detectEventIdOutOfOrder } from './event-id-out-of-order';

const run = (s: Scenario) => runDetector(detectEventIdOutOfOrder, s.input());
const seq = (b: ConnBuilder, t: number, values: number[]) => {
  values.forEach((v, i) => b.json(t + i, { seq: v }));
  return b;
};

describe('event-id-out-of-order', () => {
  it('finds nothing in ordered streams or in plain gaps', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 4, 5, 9, 10]);
    s.es('b', 0).open(1).sse(10, '1').sse(11, '2').sse(12, '3').sse(13, '4');
    expect(run(s)).toEqual([]);
  });

  it('reports ids that arrive after higher ones, as one run', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 6, 4, 5, 7]);
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'event-id-out-of-order', severity: 'warning', evidence: { from: 4, to: 5, count: 2, first: { connectionId: 'a', seq: 6 } } });
    expect(found[0]!.message).toBe('WebSocket ws://127.0.0.1:9000/ws received "seq" 4–5 late, after higher ones (2 messages out of order).');
  });

  it('works on SSE ids', () => {
    const s = new Scenario();
    s.es('a', 0).open(1).sse(10, '1').sse(11, '2').sse(12, '3').sse(13, '5').sse(14, '4').sse(15, '6');
    expect(run(s)[0]!.message).toBe('EventSource http://127.0.0.1:9000/feed received id 4 late, after higher ones (1 event out of order).');
  });
});
