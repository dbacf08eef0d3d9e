import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario, type ConnBuilder } from '../test-scenario';
import { detectEventIdGaps } from './event-id-gap';

const run = (s: Scenario) => runDetector(detectEventIdGaps, s.input());
const sse = (b: ConnBuilder, t: number, ids: number[]) => {
  ids.forEach((id, i) => b.sse(t + i, String(id)));
  return b;
};
const seq = (b: ConnBuilder, t: number, values: number[]) => {
  values.forEach((v, i) => b.json(t + i, { type: 'tick', seq: v }));
  return b;
};

describe('event-id-gap', () => {
  it('finds nothing in healthy sequences, timestamps used as ids, or a WebSocket that catches up after reconnecting', () => {
    const s = new Scenario();
    sse(s.es('a', 0).open(1), 10, [1, 2, 3, 4, 5, 6]);
    sse(s.es('b', 0, { url: 'http://h/ts' }).open(1), 10, [1_700_000_000_000, 1_700_000_000_950, 1_700_000_002_100]);
    seq(s.ws('c', 0).open(1), 10, [1, 2, 3, 4]).close(100, 1006);
    seq(s.ws('d', 500).open(510), 520, [5, 6, 7]);
    seq(s.ws('e', 0, { url: 'ws://h/nojson' }).open(1), 10, []).recv(20, 'plain text').recv(21, 'more');
    expect(run(s)).toEqual([]);
  });

  it('reports a gap inside a WebSocket stream with the range and count', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 4, 8, 9]);
    const [f] = run(s);
    expect(f).toMatchObject({
      kind: 'event-id-gap', severity: 'warning', connectionIds: ['a'],
      evidence: { field: 'seq', from: 5, to: 7, count: 3, missing: 3, acrossReconnect: false, before: { connectionId: 'a', seq: 5 }, after: { connectionId: 'a', seq: 6 } },
    });
    expect(f!.message).toBe('WebSocket ws://127.0.0.1:9000/ws skipped "seq" 5–7 (3 messages never arrived).');
  });

  it('reports what a WebSocket lineage missed while disconnected', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 4]).close(100, 1006);
    seq(s.ws('b', 2000).open(2100), 2200, [10, 11, 12]);
    const [f] = run(s);
    expect(f).toMatchObject({ connectionIds: ['a', 'b'], evidence: { from: 5, to: 9, missing: 5, acrossReconnect: true, boundary: 'new-connection', downtimeMs: 2000 } });
    expect(f!.message).toBe('WebSocket ws://127.0.0.1:9000/ws missed "seq" 5–9 (5 messages never arrived) while it was disconnected for 2.0 s: the new connection did not catch up.');
  });

  it('does not count ids that arrived late', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 6, 4, 5, 7]);
    expect(run(s)).toEqual([]);
    const partial = new Scenario();
    seq(partial.ws('a', 0).open(1), 10, [1, 2, 3, 4, 7, 5, 8, 9]);
    expect(run(partial)[0]!.message).toContain('1 of 2 messages never arrived, the rest came late');
  });

  it('warns about SSE gaps with the invisible-types caveat, and lowers severity when the page listens to named types', () => {
    const plain = new Scenario();
    sse(plain.es('a', 0).open(1), 10, [1, 2, 3, 5, 6]);
    const [f] = run(plain);
    expect(f).toMatchObject({ severity: 'warning', evidence: { field: 'lastEventId', from: 4, to: 4, invisibleTypesPossible: true, listenedTypes: ['message'] } });
    expect(f!.message).toBe('EventSource http://127.0.0.1:9000/feed skipped id 4 (1 event never arrived) (unless the server sent them as named event types the page does not listen to).');

    const named = new Scenario();
    sse(named.es('a', 0, { listenedTypes: ['price'] }).open(1), 10, [1, 2, 3, 5, 6]);
    const [g] = run(named);
    expect(g).toMatchObject({ severity: 'info', evidence: { listenedTypes: ['message', 'price'] } });
    expect(g!.message).toContain('they may be events of types the page does not listen to (it listens to message, price)');
  });

  it('uses a per-URL override for the sequence field', () => {
    const s = new Scenario();
    const a = s.ws('a', 0, { url: 'ws://h/feed' }).open(1);
    [1, 2, 3, 5].forEach((n, i) => a.json(10 + i, { n, other: i * 3 }));
    const found = runDetector(detectEventIdGaps, s.input({ sequenceFields: [{ urlPattern: 'ws://h/*', path: 'n' }] }));
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence).toMatchObject({ field: 'n', from: 4, to: 4 });
  });

  it('summarizes beyond the cap', () => {
    const s = new Scenario();
    const a = s.ws('a', 0).open(1);
    for (let i = 1; i <= 20; i++) a.json(i, { seq: i });
    for (let i = 0; i < 300; i++) a.json(100 + i, { seq: 22 + i * 2 });
    const found = run(s);
    expect(found).toHaveLength(100);
    expect(found[99]!.evidence).toMatchObject({ summary: true, omitted: 201 });
  });

  it('SSE ids are cursors: +1 twice and then a jump is already a gap (ids 1, 2, 3, 7)', () => {
    const s = new Scenario();
    sse(s.es('a', 0).open(1), 10, [1, 2, 3, 7]);
    sse(s.es('b', 0, { url: 'http://h/sparse' }).open(1), 10, [5, 6, 7, 100, 250, 900]); // +1 in too few of its steps
    const found = run(s);
    expect(found.map((f) => [f.connectionIds[0], f.evidence.from, f.evidence.to])).toEqual([['a', 4, 6]]);
  });

  it('a WebSocket JSON field keeps the stricter rule: +1 twice and a jump is no sequence yet', () => {
    const s = new Scenario();
    seq(s.ws('a', 0).open(1), 10, [1, 2, 3, 7]);
    expect(run(s)).toEqual([]);
  });
});
