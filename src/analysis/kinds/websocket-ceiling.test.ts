import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { detectWebSocketCeilings } from './websocket-ceiling';

const run = (s: Scenario) => runDetector(detectWebSocketCeilings, s.input());

describe('websocket-ceiling', () => {
  it('finds nothing for a few sockets, or many that connect quickly', () => {
    const s = new Scenario();
    for (let i = 0; i < 3; i++) s.ws(`a${i}`, 0, { url: `ws://127.0.0.1:9000/a${i}` }).open(2000);
    for (let i = 0; i < 20; i++) s.ws(`b${i}`, 0, { url: `ws://127.0.0.1:9001/b${i}` }).open(5 + i * 10);
    expect(run(s)).toEqual([]);
  });

  it('reports sockets to one host that opened one after another', () => {
    const s = new Scenario();
    for (let i = 0; i < 6; i++) s.ws(`w${i}`, 0, { url: `ws://127.0.0.1:9000/room/${i}` }).open(300 * (i + 1));
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'websocket-ceiling', severity: 'warning', t: 0, evidence: { reason: 'serialized-connects', host: '127.0.0.1:9000', maxConnecting: 6, sockets: 6, maxWaitMs: 1800 } });
    expect(found[0]!.message).toBe('6 WebSockets to 127.0.0.1:9000 were connecting at the same time; browsers open them one after another, so the slowest waited 1.8 s to connect.');
  });

  it('reports a session near the total cap', () => {
    const s = new Scenario();
    for (let i = 0; i < 210; i++) s.ws(`w${i}`, i, { url: `ws://h${i % 50}.example:9000/x`, tabId: 1 + (i % 3) }).open(i + 1);
    const found = run(s).filter((f) => f.evidence.reason === 'total-cap');
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence).toMatchObject({ maxOpen: 210, tabs: [1, 2, 3], ongoing: true });
  });
});
