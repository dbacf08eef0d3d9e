import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { detectBackpressure } from './backpressure';

const run = (s: Scenario) => runDetector(detectBackpressure, s.input());
const KiB = 1024;

describe('backpressure', () => {
  it('finds nothing when the buffer drains, or a burst is brief', () => {
    const s = new Scenario();
    const a = s.ws('a', 0).open(1);
    for (let i = 0; i < 50; i++) a.send(10 + i * 100, 'x'.repeat(10), i % 5 === 4 ? 0 : 200 * KiB);
    const b = s.ws('b', 0, { url: 'ws://h/b' }).open(1);
    for (let i = 0; i < 20; i++) b.send(10 + i, 'y', (i + 1) * 100 * KiB);
    expect(run(s)).toEqual([]);
  });

  it('reports a buffer that stays high and keeps growing', () => {
    const s = new Scenario();
    const a = s.ws('a', 0).open(1);
    a.send(5, 'small', 10);
    for (let i = 0; i < 10; i++) a.send(100 + i * 300, 'chunk', (i + 1) * 256 * KiB);
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'backpressure', severity: 'warning', t: 100,
      evidence: { sends: 10, durationMs: 2700, peakBytes: 2560 * KiB, growing: true, firstSend: { connectionId: 'a', seq: 3 }, lastSend: { connectionId: 'a', seq: 12 } },
    });
    expect(found[0]!.message).toBe('WebSocket ws://127.0.0.1:9000/ws kept at least 64.0 KiB waiting to be sent for 2.7 s over 10 sends (peak 2.5 MiB, still growing), so the page is sending faster than the network or the server takes it.');
  });
});
