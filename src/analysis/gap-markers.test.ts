import { describe, expect, it } from 'vitest';
import { analyzeSession } from './analyze';
import { gapMarkers } from './gap-markers';
import { Scenario } from './test-scenario';

describe('gap markers', () => {
  it('marks the first event after SSE ids that never arrived, on that connection only', () => {
    const s = new Scenario();
    const es = s.es('a', 0).open(1);
    [1, 2, 3, 7, 8, 9, 10].forEach((id, i) => es.sse(10 + i, String(id)));
    s.es('b', 0, { url: 'http://h/other' }).open(1).sse(10, '1');
    const { findings } = analyzeSession(s.input());
    // seq 1 is the open event: id 7 is the 5th event
    expect([...gapMarkers(findings, 'a')]).toEqual([[5, 'ids 4–6 never arrived (3)']]);
    expect(gapMarkers(findings, 'b').size).toBe(0);
  });

  it('names a WebSocket sequence field and a single missing value', () => {
    const s = new Scenario();
    const ws = s.ws('w', 0).open(1);
    [1, 2, 3, 4, 6, 7].forEach((n, i) => ws.json(10 + i, { seq: n }));
    expect([...gapMarkers(analyzeSession(s.input()).findings, 'w')]).toEqual([[6, '"seq" 5 never arrived']]);
  });
});
