import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario, type ConnBuilder } from '../test-scenario';
import { detectEventIdResets } from './event-id-reset';

const run = (s: Scenario) => runDetector(detectEventIdResets, s.input());
const seq = (b: ConnBuilder, t: number, values: number[]) => {
  values.forEach((v, i) => b.json(t + i, { seq: v }));
  return b;
};

describe('event-id-reset', () => {
  it('finds nothing for healthy streams or a stream that starts high', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [500, 501, 502, 503]);
    s.es('b', 0).open(1).sse(10, '7').sse(11, '8').sse(12, '9').sse(13, '10');
    expect(run(s)).toEqual([]);
  });

  it('reports a counter that restarts inside a connection', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 4, 5, 1, 2, 3]);
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', evidence: { fromMax: 5, to: 1, acrossReconnect: false } });
    expect(found[0]!.message).toBe('WebSocket ws://127.0.0.1:9000/ws saw its "seq" values go back to 1 after reaching 5, so the server restarted its counter or replayed from the beginning.');
  });

  it('reports a WebSocket lineage whose new socket starts over', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [40, 41, 42, 43]).close(100, 1012);
    seq(s.ws('b', 300).open(310), 320, [1, 2, 3]);
    const [f] = run(s);
    expect(f).toMatchObject({ connectionIds: ['a', 'b'], evidence: { acrossReconnect: true, fromMax: 43, to: 1 } });
    expect(f!.message).toContain('when it reconnected');
  });

  it('calls a field that restarts at its first value on every new socket a per-connection counter (info)', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 4]).close(100, 1006);
    seq(s.ws('b', 300).open(310), 320, [1, 2, 3]);
    const [f] = run(s);
    expect(f).toMatchObject({ severity: 'info', evidence: { perConnectionCounter: true, acrossReconnect: true } });
    expect(f!.message).toBe('WebSocket ws://127.0.0.1:9000/ws saw its "seq" values start again at 1 on the new connection after reaching 4, so they count per connection and cannot show what was missed while it was disconnected.');
  });

  it('reports SSE ids that restart inside one connection', () => {
    const s = new Scenario();
    s.es('a', 0).open(1).sse(10, '1').sse(11, '2').sse(12, '3').sse(13, '4').sse(14, '1');
    expect(run(s)[0]!.message).toBe('EventSource http://127.0.0.1:9000/feed saw its ids go back to 1 after reaching 4, so the server restarted its counter or replayed from the beginning.');
  });
});
