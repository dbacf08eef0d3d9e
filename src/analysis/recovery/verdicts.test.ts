import { describe, expect, it } from 'vitest';
import { analyzeSession } from '../analyze';
import { Scenario, type ConnBuilder } from '../test-scenario';

/** A feed of {seq} every 100 ms from `from` to `to`, starting at t. */
function feed(c: ConnBuilder, t: number, from: number, to: number): number {
  for (let s = from; s <= to; s++) c.json((t += 100), { seq: s, price: s % 7 });
  return t;
}

/** A WebSocket dropped on purpose at t=3000 after seq 1…20 (outage `outageMs`). */
function dropped(s: Scenario, outageMs = 1500) {
  const a = s.ws('a', 0).open(10);
  feed(a, 10, 1, 20);
  a.fault(2990, { id: 'f1', what: 'armed', action: 'drop', outageMs });
  a.close(2995, 1005, true);
  a.fault(2996, { id: 'f1', what: 'shown-error' }).fault(2996, { id: 'f1', what: 'shown-close', code: 1006 }).fault(2997, { id: 'f1', what: 'ended' });
  return a;
}

const verdictOf = (s: Scenario, verdictNow?: number) => {
  const v = analyzeSession(s.input(verdictNow === undefined ? undefined : { verdictNow })).verdicts;
  expect(v).toHaveLength(1);
  return v[0]!;
};

describe('recovery verdicts', () => {
  it('backoff and resume: recovered, with the attempts and where it resumed', () => {
    const s = new Scenario();
    dropped(s);
    // Two refused attempts (200 ms, 400 ms), then the one that opens and resumes at 21.
    s.ws('b', 3196).close(3200, 1006);
    s.ws('c', 3600).close(3605, 1006);
    const d = s.ws('d', 4400).open(4420);
    feed(d, 4420, 21, 40);
    const v = verdictOf(s);
    expect(v.status).toBe('recovered');
    expect(v.defects).toEqual([]);
    expect(v.message).toBe('Recovered in 1.4 s (3 attempts, growing backoff: 200 ms, 400 ms, 795 ms); resumed from seq 20; 0 events missed.');
    expect(v.evidence).toMatchObject({ attempts: 3, delaysMs: [200, 400, 795], recoveredMs: 1424, reopened: { connectionId: 'd', seq: 1 } });
  });

  it('no resume: names the missed range', () => {
    const s = new Scenario();
    dropped(s);
    const b = s.ws('b', 3200).open(3210);
    feed(b, 3210, 38, 45);
    const v = verdictOf(s);
    expect(v.status).toBe('defect');
    expect(v.defects).toEqual(['not-resumed']);
    expect(v.message).toBe('Reconnected in 214 ms (1 attempt, after 204 ms), but 17 events between seq 21 and 37 never arrived.');
    expect(v.evidence.resume).toMatchObject({ missed: { from: 21, to: 37, count: 17 } });
  });

  it('a replay of what the page had: duplicated events', () => {
    const s = new Scenario();
    dropped(s);
    const b = s.ws('b', 3200).open(3210);
    feed(b, 3210, 16, 30);
    const v = verdictOf(s);
    expect(v.defects).toEqual(['duplicated-events']);
    expect(v.message).toMatch(/but 5 events up to seq 20 arrived again\.$/);
  });

  it('a stream that starts over', () => {
    const s = new Scenario();
    dropped(s);
    const b = s.ws('b', 3200).open(3210);
    feed(b, 3210, 1, 10);
    const v = verdictOf(s);
    expect(v.defects).toEqual(['not-resumed']);
    expect(v.message).toMatch(/the stream started over at seq 1 \(the last before the drop was 20\)/);
  });

  it('a tight loop while refused', () => {
    const s = new Scenario();
    dropped(s, 1000);
    let t = 2997;
    for (let i = 0; i < 6; i++) {
      s.ws(`r${i}`, (t += 2)).close((t += 150), 1006);
    }
    const d = s.ws('z', (t += 1)).open(t + 5);
    feed(d, t + 5, 21, 25);
    const v = verdictOf(s);
    expect(v.status).toBe('defect');
    expect(v.defects).toEqual(['tight-loop']);
    expect(v.message).toMatch(/but it reconnected in a tight loop \(7 attempts, 2 ms apart \(median\)\)\.$/);
  });

  it('never reconnects: waiting during the outage and its grace, then a defect', () => {
    const s = new Scenario();
    dropped(s, 1000);
    expect(verdictOf(s, 5000)).toMatchObject({ status: 'waiting', defects: [] });
    const v = verdictOf(s, 2996 + 1000 + 10_000 + 1);
    expect(v.status).toBe('defect');
    expect(v.defects).toEqual(['not-reconnected']);
    expect(v.message).toBe('Never reconnected: no new connection in 11.0 s after the drop.');
  });

  it('waits for the first sequenced message after a reconnect before judging the resume', () => {
    const s = new Scenario();
    dropped(s);
    s.ws('b', 3200).open(3210);
    expect(verdictOf(s, 4000).status).toBe('waiting');
    expect(verdictOf(s, 9000).message).toMatch(/no seq arrived since the reconnect/);
  });

  it('EventSource rebuilt with its last id: resumed', () => {
    const s = new Scenario();
    const a = s.es('a', 0).open(10);
    for (let i = 1; i <= 10; i++) a.sse(10 + i * 100, String(i));
    a.fault(1200, { id: 'f2', what: 'armed', action: 'drop', outageMs: 0 }).fault(1201, { id: 'f2', what: 'shown-error' }).closeCall(1200);
    // The rebuilt EventSource is refused once and retried by the browser itself.
    const b = s.es('b', 1400, { url: 'http://127.0.0.1:9000/feed?lastEventId=10' }).error(1405, 0).open(1420);
    for (let i = 11; i <= 15; i++) b.sse(1420 + i, String(i));
    const v = verdictOf(s);
    expect(v.status).toBe('recovered');
    expect(v.message).toBe('Recovered in 219 ms (1 attempt, after 199 ms; the browser retried it 1× by itself); resumed from lastEventId 10; 0 events missed.');
    expect(v.evidence.shown).toBe('error, readyState CLOSED');
  });

  it('injected messages are fault marks: never counted as traffic', () => {
    const s = new Scenario();
    const a = s.ws('a', 0).open(10);
    feed(a, 10, 1, 5);
    a.fault(700, { id: 'f3', what: 'injected', action: 'inject' }, '{"seq":999}');
    feed(a, 700, 6, 8);
    const r = analyzeSession(s.input());
    expect(r.verdicts[0]).toMatchObject({ action: 'inject', status: 'info' });
    expect(r.findings.filter((f) => f.kind.startsWith('event-id'))).toEqual([]);
  });

  it('dropped messages: the app noticed (it sent a resync) or did not', () => {
    const base = () => {
      const s = new Scenario();
      const a = s.ws('a', 0).open(10);
      feed(a, 10, 1, 5);
      a.fault(600, { id: 'f4', what: 'armed', action: 'messages', mode: 'drop', count: 2 });
      a.json(700, { seq: 6 }).fault(700, { id: 'f4', what: 'suppressed', ref: 8 });
      a.json(800, { seq: 7 }).fault(800, { id: 'f4', what: 'suppressed', ref: 10 }).fault(800, { id: 'f4', what: 'ended' });
      a.json(900, { seq: 8 });
      return { s, a };
    };
    const noticed = base();
    noticed.a.send(1000, '{"type":"resync","from":5}').json(1010, { seq: 6 }).json(1011, { seq: 7 });
    expect(verdictOf(noticed.s)).toMatchObject({ status: 'recovered', message: 'The page was not shown 2 messages; it sent a message 200 ms later; all 2 arrived again (seq 6–7).' });
    const unanswered = base();
    unanswered.a.send(1000, '{"type":"resync","from":5}');
    expect(verdictOf(unanswered.s)).toMatchObject({ status: 'defect', defects: ['missed-events'], message: 'The page was not shown 2 messages; it sent a message 200 ms later, but seq 6, 7 never arrived again.' });
    const ignored = base();
    const v = verdictOf(ignored.s, 10_000);
    expect(v).toMatchObject({ status: 'defect', defects: ['not-noticed'] });
    expect(v.evidence.affected).toEqual([{ connectionId: 'a', seq: 8 }, { connectionId: 'a', seq: 10 }]);
  });

  it('a fault the hook could not apply says why', () => {
    const s = new Scenario();
    s.ws('a', 0).fault(5, { id: 'f5', what: 'failed', action: 'drop', note: 'the socket is not open' });
    expect(verdictOf(s).message).toBe('The fault was not applied: the socket is not open.');
  });
});
