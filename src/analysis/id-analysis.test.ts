import { describe, expect, it } from 'vitest';
import { buildContext } from './context';
import { analyzeLineageIds } from './id-analysis';
import { extractPayloadFields } from './payload-fields';
import { Scenario, type ConnBuilder } from './test-scenario';

function observe(s: Scenario) {
  const ctx = buildContext(s.input());
  return ctx.lineages.flatMap((l) => analyzeLineageIds(l, extractPayloadFields(l, ctx.options))?.observations ?? []);
}

const ids = (b: ConnBuilder, t: number, list: (number | string)[]) => {
  list.forEach((id, i) => b.sse(t + i, String(id), `d${id}`));
  return b;
};

describe('analyzeLineageIds — EventSource', () => {
  it('observes nothing when the stream resumes right after a reconnect, or repeats ids on events without one', () => {
    const s = new Scenario();
    const a = ids(s.es('a', 0).open(1), 10, [1, 2, 3]);
    a.sse(20, '3', 'no id line').sse(21, '3', 'another');
    ids(a.error(30, 0).open(3030), 3040, [4, 5, 6]);
    expect(observe(s)).toEqual([]);
  });

  it('sees a server that skipped ahead after the reconnect', () => {
    const s = new Scenario();
    ids(ids(s.es('a', 0).open(1), 10, [1, 2, 3, 4, 5]).error(30, 0).open(3030), 3040, [9, 10]);
    expect(observe(s)).toEqual([expect.objectContaining({
      type: 'resume', verdict: 'skipped', expected: 6, missingFrom: 6, missingTo: 8, missingCount: 3, lastSeen: '5', got: '9',
      boundary: expect.objectContaining({ type: 'reconnect', sentId: '5', sentSource: 'inferred', downtimeMs: 3000 }),
    })]);
  });

  it('counts a replay as one resume observation, including an inclusive resend of the last event', () => {
    const s = new Scenario();
    ids(ids(s.es('a', 0).open(1), 10, [1, 2, 3, 4, 5]).error(30, 0).open(3030), 3040, [3, 4, 5, 6, 7]);
    ids(ids(s.es('b', 0, { url: 'http://h/other' }).open(1), 10, [1, 2, 3]).error(30, 0).open(3030), 3040, [3, 4]);
    const obs = observe(s);
    expect(obs).toEqual([
      expect.objectContaining({ type: 'resume', verdict: 'replayed', replayed: 3, lastReplayed: { connectionId: 'a', seq: 11 } }),
      expect.objectContaining({ type: 'resume', verdict: 'replayed', replayed: 1, got: '3' }),
    ]);
  });

  it('sees a restart from the beginning', () => {
    const s = new Scenario();
    ids(ids(s.es('a', 0).open(1), 10, [1, 2, 3, 4]).error(30, 0).open(3030), 3040, [1, 2, 3]);
    expect(observe(s)).toEqual([expect.objectContaining({ type: 'resume', verdict: 'restarted', got: '1' })]);
  });

  it('trusts the Last-Event-ID the request carried over what the page saw', () => {
    const s = new Scenario();
    ids(ids(s.es('a', 0).open(1), 10, [1, 2, 3]).error(30, 0).open(3030), 3040, [6, 7]);
    s.request({ url: 'http://127.0.0.1:9000/feed', tabId: 1, t: 3020, lastEventId: '5', statusCode: 200 });
    expect(observe(s)).toEqual([]);
  });

  it('flags an app that rebuilds its EventSource, which sends no Last-Event-ID, unless the URL carries the id', () => {
    const s = new Scenario();
    ids(s.es('a', 0).open(1), 10, [1, 2, 3]).closeCall(50);
    ids(s.es('b', 1000).open(1010), 1020, [1, 2, 3, 4]);
    expect(observe(s)).toEqual([expect.objectContaining({
      type: 'resume', verdict: 'restarted', boundary: expect.objectContaining({ type: 'new-connection', sentId: null, sentSource: 'new-eventsource' }),
    })]);

    const ok = new Scenario();
    ids(ok.es('a', 0, { url: 'http://h/feed' }).open(1), 10, [1, 2, 3]).closeCall(50);
    ids(ok.es('b', 1000, { url: 'http://h/feed?lastEventId=3' }).open(1010), 1020, [4, 5]);
    expect(observe(ok)).toEqual([]);
  });

  it('checks text ids for replays and restarts only', () => {
    const s = new Scenario();
    ids(ids(s.es('a', 0).open(1), 10, ['x-a', 'x-b', 'x-c']).error(30, 0).open(3030), 3040, ['x-b', 'x-c', 'x-d']);
    ids(ids(s.es('b', 0, { url: 'http://h/o' }).open(1), 10, ['u1', 'u2']).error(30, 0).open(3030), 3040, ['u1']);
    ids(ids(s.es('c', 0, { url: 'http://h/p' }).open(1), 10, ['k1', 'k2']).error(30, 0).open(3030), 3040, ['k9']);
    expect(observe(s).map((o) => o.type === 'resume' && [o.verdict, o.replayed])).toEqual([['replayed', 2], ['restarted', 1]]);
  });

  it('ignores gaps in ids that are not a +1 sequence, but still sees them go backwards', () => {
    const s = new Scenario();
    ids(ids(s.es('a', 0).open(1), 10, [1000, 2500, 4000, 4100]).error(30, 0).open(3030), 3040, [9000, 2500]);
    ids(ids(s.es('b', 0, { url: 'http://h/o' }).open(1), 10, [1000, 2500, 4000]).error(30, 0).open(3030), 3040, [3000]);
    expect(observe(s).map((o) => o.type === 'resume' && o.verdict)).toEqual(['replayed']);
  });

  it('reports gaps, duplicates and resets inside one connection', () => {
    const s = new Scenario();
    ids(s.es('a', 0).open(1), 10, [1, 2, 3, 6, 7, 7.5, 2, 3, 1, 2]);
    expect(observe(s).map((o) => o.type)).toEqual(['gap', 'duplicate', 'reset']);
  });
});

describe('analyzeLineageIds — WebSocket lineage', () => {
  it('reports what was missed while disconnected, with the downtime', () => {
    const s = new Scenario();
    const a = s.ws('a', 0).open(1);
    for (let i = 1; i <= 5; i++) a.json(10 + i, { seq: i });
    a.close(100, 1006);
    const b = s.ws('b', 600).open(700);
    for (let i = 9; i <= 12; i++) b.json(700 + i, { seq: i });
    expect(observe(s)).toEqual([expect.objectContaining({
      type: 'gap', from: 6, to: 8, count: 3, before: { connectionId: 'a', seq: 6 }, after: { connectionId: 'b', seq: 2 },
      across: expect.objectContaining({ type: 'new-connection', downtimeMs: 600 }),
    })]);
  });

  it('observes nothing when the new socket continues the sequence', () => {
    const s = new Scenario();
    const a = s.ws('a', 0).open(1);
    for (let i = 1; i <= 5; i++) a.json(10 + i, { seq: i });
    a.close(100, 1006);
    const b = s.ws('b', 600).open(700);
    for (let i = 6; i <= 9; i++) b.json(700 + i, { seq: i });
    expect(observe(s)).toEqual([]);
  });
});
