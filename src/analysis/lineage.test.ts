import { describe, expect, it } from 'vitest';
import { analyzeLineages } from './lineage';
import { Scenario } from './test-scenario';

function lineages(s: Scenario) {
  const input = s.input();
  return Object.fromEntries(analyzeLineages(input.connections, input.events).map((l) => [l.connectionId, [l.lineageId, l.attempt]]));
}

describe('analyzeLineages', () => {
  it('links a chain of sockets to one endpoint, ignoring volatile query parameters', () => {
    const s = new Scenario();
    s.ws('a', 0, { url: 'ws://h/ws?room=1&token=one' }).open(10).close(1000, 1006);
    s.ws('b', 1500, { url: 'ws://h/ws?token=two&room=1' }).close(1600, 1006);
    s.ws('c', 3000, { url: 'ws://h/ws?room=1&ts=3000' }).open(3010);
    expect(lineages(s)).toEqual({ a: ['a', 1], b: ['a', 2], c: ['a', 3] });
  });

  it('accepts a successor created in the same moment as the close event', () => {
    const s = new Scenario();
    s.ws('a', 0).open(10).close(1000, 1006);
    s.ws('b', 990).open(1010);
    expect(lineages(s)).toEqual({ a: ['a', 1], b: ['a', 2] });
  });

  it('does not link a socket created while the other was still open (parallel sockets)', () => {
    const s = new Scenario();
    s.ws('a', 0).open(10).close(5000, 1000);
    s.ws('b', 100).open(110);
    expect(lineages(s)).toEqual({ a: ['a', 1], b: ['b', 1] });
  });

  it('pairs parallel sockets with the ones they replace, one each', () => {
    const s = new Scenario();
    s.ws('a', 0).open(10).close(1000, 1006);
    s.ws('b', 0).open(10).close(1001, 1006);
    s.ws('c', 2000).open(2010);
    s.ws('d', 2001).open(2011);
    s.ws('e', 2002).open(2012);
    const l = lineages(s);
    expect(l.c).toEqual(['b', 2]);
    expect(l.d).toEqual(['a', 2]);
    expect(l.e).toEqual(['e', 1]);
  });

  it('keeps different endpoints, frames, pages, tabs and kinds apart', () => {
    const s = new Scenario();
    s.ws('a', 0, { url: 'ws://h/ws?room=1' }).open(10).close(100, 1006);
    s.ws('b', 200, { url: 'ws://h/ws?room=2' });
    s.ws('c', 200, { url: 'ws://h/ws?room=1', frameUrl: 'http://h/other-frame' });
    s.ws('d', 200, { url: 'ws://h/ws?room=1', pageId: 'p2' });
    s.ws('e', 200, { url: 'ws://h/ws?room=1', tabId: 2 });
    s.es('f', 200, { url: 'ws://h/ws?room=1' });
    const l = lineages(s);
    for (const id of ['b', 'c', 'd', 'e', 'f']) expect(l[id]).toEqual([id, 1]);
  });

  it('links an EventSource the page closed and rebuilt, and one the browser gave up on', () => {
    const s = new Scenario();
    s.es('a', 0).open(10).sse(20, '1').closeCall(100);
    s.es('b', 150).open(160).error(300, 2);
    s.es('c', 400).open(410);
    expect(lineages(s)).toEqual({ a: ['a', 1], b: ['a', 2], c: ['a', 3] });
  });

  it('does not continue an EventSource that is only reconnecting by itself', () => {
    const s = new Scenario();
    s.es('a', 0).open(10).error(100, 0);
    s.es('b', 200).open(210);
    expect(lineages(s)).toEqual({ a: ['a', 1], b: ['b', 1] });
  });
});
