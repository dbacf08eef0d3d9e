import { describe, expect, it } from 'vitest';
import { analyzeSession } from './analyze';
import { analyzeLineages } from './lineage';
import { messageShape } from './lineage-pairing';
import { Scenario } from './test-scenario';

const sub = (topic: string) => JSON.stringify({ subscribe: topic });

/** Two widgets, own socket each to one URL; A far ahead of B; after a restart both reconnect, A first. */
function widgets(): Scenario {
  const s = new Scenario();
  const a1 = s.ws('a1', 0).open(10).send(11, sub('A'));
  for (let i = 1; i <= 40; i++) a1.json(20 + i, { topic: 'A', seq: i });
  a1.close(1000, 1012);
  const b1 = s.ws('b1', 1).open(12).send(13, sub('B'));
  for (let i = 1; i <= 8; i++) b1.json(100 + i, { topic: 'B', seq: i });
  b1.close(1020, 1012);
  const a2 = s.ws('a2', 1300).open(1310).send(1311, sub('A'));
  for (let i = 41; i <= 43; i++) a2.json(1320 + i, { topic: 'A', seq: i });
  const b2 = s.ws('b2', 1320).open(1330).send(1331, sub('B'));
  for (let i = 9; i <= 11; i++) b2.json(1400 + i, { topic: 'B', seq: i });
  return s;
}

describe('lineage pairing', () => {
  it('links each new socket to the old socket of its own widget, by the first message', () => {
    const s = widgets();
    const input = s.input();
    const byId = Object.fromEntries(analyzeLineages(input.connections, input.events).map((l) => [l.connectionId, [l.lineageId, l.attempt]]));
    expect(byId).toEqual({ a1: ['a1', 1], b1: ['b1', 1], a2: ['a1', 2], b2: ['b1', 2] });
    expect(analyzeSession(input).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('still cross-links without first messages, but says the link is ambiguous and raises no gap from it', () => {
    const s = new Scenario();
    const a1 = s.ws('a1', 0).open(10);
    for (let i = 1; i <= 40; i++) a1.json(20 + i, { seq: i });
    a1.close(1000, 1012);
    const b1 = s.ws('b1', 1).open(12);
    for (let i = 1; i <= 8; i++) b1.json(100 + i, { seq: i });
    b1.close(1020, 1012);
    const a2 = s.ws('a2', 1300).open(1310);
    for (let i = 41; i <= 43; i++) a2.json(1320 + i, { seq: i });
    const r = analyzeSession(s.input());
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => f.kind)).toEqual([]);
    const reconnect = r.findings.find((f) => f.kind === 'reconnect')!;
    expect(reconnect.evidence.ambiguousLink).toBe(true);
    expect(reconnect.message).toContain('nothing tells which one this replaced');
  });

  it('an unambiguous replacement still shows what was missed while disconnected', () => {
    const s = new Scenario();
    const a1 = s.ws('a1', 0).open(10).send(11, sub('A'));
    for (let i = 1; i <= 10; i++) a1.json(20 + i, { seq: i });
    a1.close(1000, 1006);
    const a2 = s.ws('a2', 1300).open(1310).send(1311, sub('A'));
    for (let i = 20; i <= 22; i++) a2.json(1320 + i, { seq: i });
    const gaps = analyzeSession(s.input()).findings.filter((f) => f.kind === 'event-id-gap');
    expect(gaps.map((f) => [f.evidence.from, f.evidence.to])).toEqual([[11, 19]]);
  });

  it('compares first messages without their tokens, times and counters', () => {
    expect(messageShape('{"auth":"eyJhbGciOi.eyJzdWIiOjF9.sig","ts":1700000000123}')).toBe(messageShape('{"auth":"eyJhbGciOz.eyJzdWIiOjJ9.sih","ts":1700000009999}'));
    expect(messageShape(sub('A'))).not.toBe(messageShape(sub('B')));
  });

  it('a socket opened alongside for another topic just before the other closed is not its replacement', () => {
    // The server restarted 50 ms after the page opened both widgets' sockets (seen in Chromium).
    const s = new Scenario();
    const a1 = s.ws('a1', 217).open(220).send(221, sub('A'));
    for (let i = 1; i <= 30; i++) a1.json(230 + i, { topic: 'A', seq: i });
    a1.close(268, 1012);
    const b1 = s.ws('b1', 218).open(222).send(223, sub('B'));
    for (let i = 1; i <= 5; i++) b1.json(240 + i, { topic: 'B', seq: i });
    b1.close(276, 1012);
    s.ws('a2', 569).open(575).send(576, sub('A')).json(580, { topic: 'A', seq: 31 });
    s.ws('b2', 577).open(585).send(586, sub('B')).json(590, { topic: 'B', seq: 6 });
    const input = s.input();
    const byId = Object.fromEntries(analyzeLineages(input.connections, input.events).map((l) => [l.connectionId, [l.lineageId, l.attempt]]));
    expect(byId).toEqual({ a1: ['a1', 1], b1: ['b1', 1], a2: ['a1', 2], b2: ['b1', 2] });
    expect(analyzeSession(input).findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
