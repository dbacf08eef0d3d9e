import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { detectServerGoingAway } from './server-going-away';

const run = (s: Scenario) => runDetector(detectServerGoingAway, s.input());

describe('server-going-away', () => {
  it('finds nothing for normal closes, drops, or the page leaving with 1001', () => {
    const s = new Scenario();
    s.ws('a', 0).open(10).close(100, 1000);
    s.ws('b', 0, { url: 'ws://h/b' }).open(10).close(100, 1006);
    s.ws('c', 0, { url: 'ws://h/c' }).open(10).closeCall(90, 1001).close(100, 1001);
    expect(run(s)).toEqual([]);
  });

  it('groups sockets a restart closed together, per host, and counts the ones that reconnected', () => {
    const s = new Scenario();
    s.ws('a', 0, { url: 'ws://127.0.0.1:9000/a' }).open(10).close(5000, 1012, true, 'restart');
    s.ws('b', 0, { url: 'ws://127.0.0.1:9000/b', tabId: 2 }).open(10).close(5400, 1012, true, 'restart');
    s.ws('c', 0, { url: 'ws://127.0.0.1:9000/c' }).open(10).close(6200, 1001);
    s.ws('a2', 5500, { url: 'ws://127.0.0.1:9000/a' }).open(5600);
    s.ws('d', 0, { url: 'ws://127.0.0.1:9000/d' }).open(10).close(60_000, 1013);
    s.ws('e', 0, { url: 'ws://other:1/e' }).open(10).close(5000, 1012);
    const found = run(s);
    expect(found).toHaveLength(3);
    const deploy = found.find((f) => f.evidence.count === 3)!;
    expect(deploy).toMatchObject({ severity: 'info', t: 5000, connectionIds: ['a', 'b', 'c'], evidence: { host: '127.0.0.1:9000', codes: [1001, 1012], reasons: ['restart'], reconnected: 1, tabs: [1, 2], spanMs: 1200 } });
    expect(deploy.message).toBe('The server at 127.0.0.1:9000 closed 3 WebSockets within 1.2 s with 1001 (going away) / 1012 (service restart), a deploy or restart draining its sockets; 1 of 3 reconnected.');
  });
});
