// A sanity check that analysis stays linear: 200,000 synthetic events with JSON sequence and
// timestamp fields, SSE ids and a few anomalies. The bound is deliberately generous (this runs
// on busy 2-core CI machines); it catches accidental quadratic work, not small slowdowns.

import { describe, expect, it } from 'vitest';
import { analyzeSession } from './analyze';
import type { AnalysisConnection, AnalysisEvent } from './types';

const T0 = 1_795_538_400_000;

function synthetic(total: number): { connections: AnalysisConnection[]; events: AnalysisEvent[]; gaps: number } {
  const connections: AnalysisConnection[] = [];
  const events: AnalysisEvent[] = [];
  let gaps = 0;
  const lineages = 20;
  const perConn = Math.floor(total / (lineages * 2 + 10));
  for (let l = 0; l < lineages; l++) {
    let n = 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      const id = `w${l}-${attempt}`;
      const created = T0 + attempt * 1_000_000;
      connections.push({ id, tabId: 1 + (l % 3), pageId: 'p', kind: 'websocket', url: `ws://h:1/s${l}?token=${attempt}`, origin: 'ws://h:1', frameUrl: 'http://h:1/', createdAt: created, openedAt: created + 5, closedAt: attempt === 0 ? created + 900_000 : undefined, state: attempt === 0 ? 'closed' : 'open' });
      let seq = 0;
      events.push({ connectionId: id, seq: ++seq, t: created + 5, type: 'open', size: 0 });
      for (let i = 0; i < perConn - 2; i++) {
        const t = created + 10 + i * 3;
        if (i % 50 === 0) {
          events.push({ connectionId: id, seq: ++seq, t, type: 'message', direction: 'out', data: '{"ping":1}', size: 10, bufferedAmount: 0 });
          continue;
        }
        if (i % 1000 === 999) gaps++;
        n += i % 1000 === 999 ? 3 : 1;
        const data = `{"seq":${n},"ts":${t - 7},"body":{"price":${(i * 7) % 1000},"sym":"S${l}"}}`;
        events.push({ connectionId: id, seq: ++seq, t, type: 'message', direction: 'in', data, size: data.length });
      }
      if (attempt === 0) events.push({ connectionId: id, seq: ++seq, t: created + 900_000, type: 'close', size: 0, code: 1006, reason: '', wasClean: false });
    }
  }
  for (let e = 0; e < 10; e++) {
    const id = `e${e}`;
    connections.push({ id, tabId: 1 + (e % 2), pageId: 'p', kind: 'eventsource', url: `http://h:1/feed/${e}`, origin: 'http://h:1', frameUrl: 'http://h:1/', createdAt: T0, openedAt: T0 + 5, state: 'open' });
    let seq = 0;
    events.push({ connectionId: id, seq: ++seq, t: T0 + 5, type: 'open', size: 0 });
    for (let i = 1; i < perConn; i++) {
      if (i % 2000 === 0) gaps++;
      const lastEventId = String(i % 2000 === 0 ? i + 1 : i);
      events.push({ connectionId: id, seq: ++seq, t: T0 + 5 + i * 4, type: 'message', direction: 'in', eventType: 'message', lastEventId, data: 'tick', size: 4 });
    }
  }
  return { connections, events, gaps };
}

describe('analyzeSession at scale', () => {
  it('analyses 200,000 events well within 20 s', () => {
    const input = synthetic(200_000);
    expect(input.events.length).toBeGreaterThan(190_000);
    const started = performance.now();
    const result = analyzeSession(input);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(20_000);
    expect(result.stats).toHaveLength(input.connections.length);
    expect(input.gaps).toBeGreaterThan(100);
    expect(result.findings.filter((f) => f.kind === 'event-id-gap')).toHaveLength(input.gaps);
    expect(result.findings.some((f) => f.kind === 'connection-limit-pressure')).toBe(true);
    expect(result.lineages.filter((l) => l.attempt === 2)).toHaveLength(20);
  }, 60_000);
});
