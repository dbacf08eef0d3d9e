import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { detectReconnectStorms } from './reconnect-storm';

const run = (s: Scenario) => runDetector(detectReconnectStorms, s.input());

/** A WebSocket lineage whose sockets fail at once; `delays` between failure and next socket. */
function wsLoop(s: Scenario, delays: number[], opts: { upMs?: number } = {}) {
  let t = 0;
  s.ws('w0', t).open(t + 5).close(t + 5 + (opts.upMs ?? 0), 1006);
  t += 5 + (opts.upMs ?? 0);
  delays.forEach((d, i) => {
    t += d;
    const b = s.ws(`w${i + 1}`, t);
    if (opts.upMs) b.open(t + 5).close(t + 5 + opts.upMs, 1006);
    else b.close(t + 5, 1006);
    t += 5 + (opts.upMs ?? 0);
  });
}

describe('reconnect-storm', () => {
  it('finds nothing for exponential backoff, a single reconnect, or periodic reconnects after long healthy stretches', () => {
    const backoff = new Scenario();
    wsLoop(backoff, [500, 1000, 2000, 4000, 8000, 16000]);
    expect(run(backoff)).toEqual([]);

    const once = new Scenario();
    once.es('a', 0).open(10).error(1000, 0).open(4000);
    expect(run(once)).toEqual([]);

    const periodic = new Scenario();
    wsLoop(periodic, [100, 100, 100, 100, 100, 100], { upMs: 60_000 });
    expect(run(periodic)).toEqual([]);
  });

  it('reports a tight loop', () => {
    const s = new Scenario();
    wsLoop(s, [0, 10, 5, 0]);
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'reconnect-storm', severity: 'warning', evidence: { attempts: 4, reasons: ['tight'], minDelayMs: 0, maxDelayMs: 10 } });
    expect(found[0]!.connectionIds).toEqual(['w1', 'w2', 'w3', 'w4']);
    expect(found[0]!.message).toMatch(/^WebSocket ws:\/\/127\.0\.0\.1:9000\/ws tried to reconnect 4 times in \S+ ms without backing off \(waits of 0 ms–10 ms\)/);
  });

  it('reports constant delays as no backoff (an EventSource retrying every 3 s)', () => {
    const s = new Scenario();
    const a = s.es('a', 0).open(10);
    for (let i = 0; i < 6; i++) a.error(1000 + i * 3000, 0);
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence).toMatchObject({ attempts: 6, reasons: ['no-backoff'] });
  });

  it('reports too many attempts within the window even with some backoff', () => {
    const s = new Scenario();
    wsLoop(s, [1000, 1600, 1000, 1600, 1000, 1600, 1000, 1600, 1000]);
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence).toMatchObject({ reasons: ['too-fast'] });
  });
});
