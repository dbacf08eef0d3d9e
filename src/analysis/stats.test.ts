import { describe, expect, it } from 'vitest';
import { buildContext } from './context';
import { extractPayloadFields } from './payload-fields';
import { connectionStats, percentile } from './stats';
import { Scenario } from './test-scenario';

const T0 = 1_795_538_400_000;

function statsOf(s: Scenario, options = {}) {
  const ctx = buildContext(s.input(options));
  return ctx.conns.map((v) => connectionStats(v, extractPayloadFields(ctx.lineages.find((l) => l.id === v.lineageId)!, ctx.options)));
}

describe('connection stats', () => {
  it('counts messages and bytes per epoch second, both directions, skipping empty seconds', () => {
    const s = new Scenario();
    s.ws('a', T0).open(T0 + 1).recv(T0 + 10, 'abc').send(T0 + 999, 'hello').recv(T0 + 1000, 'x').recv(T0 + 5500, 'yz');
    const [st] = statsOf(s);
    expect(st!.rates).toEqual([
      { t: T0, messagesIn: 1, messagesOut: 1, bytesIn: 3, bytesOut: 5 },
      { t: T0 + 1000, messagesIn: 1, messagesOut: 0, bytesIn: 1, bytesOut: 0 },
      { t: T0 + 5000, messagesIn: 1, messagesOut: 0, bytesIn: 2, bytesOut: 0 },
    ]);
    expect(st!.lag).toBeUndefined();
  });

  it('computes lag percentiles from a detected timestamp field', () => {
    const s = new Scenario();
    const a = s.ws('a', T0).open(T0 + 1);
    for (let i = 1; i <= 100; i++) a.json(T0 + i * 1000 + i, { seq: i, sentAt: T0 + i * 1000 });
    const [st] = statsOf(s);
    expect(st!.lag).toEqual({ path: 'sentAt', source: 'detected', unit: 'ms', count: 100, p50: 50, p95: 95, max: 100 });
    expect(st!.sequenceField).toEqual({ path: 'seq', source: 'detected' });
  });

  it('uses an overridden timestamp field, for EventSource data too', () => {
    const s = new Scenario();
    const a = s.es('a', T0).open(T0 + 1);
    for (let i = 1; i <= 10; i++) a.sse(T0 + i * 1000 + 20, String(i), JSON.stringify({ at: new Date(T0 + i * 1000).toISOString(), n: 5 }));
    const [st] = statsOf(s, { timestampFields: [{ urlPattern: 'http://127.0.0.1:9000/*', path: 'at' }] });
    expect(st!.lag).toMatchObject({ path: 'at', source: 'option', unit: 'iso', count: 10, p50: 20, max: 20 });
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.95)).toBe(4);
    expect(percentile([7], 0.5)).toBe(7);
  });
});
