import { describe, expect, it } from 'vitest';
import { buildContext } from './context';
import { extractPayloadFields } from './payload-fields';
import { Scenario } from './test-scenario';

const T0 = 1_795_538_400_000;

function lineageOf(s: Scenario, options = {}) {
  const ctx = buildContext(s.input(options));
  return { ctx, lineage: ctx.lineages[0]! };
}

describe('extractPayloadFields', () => {
  it('detects sequence and timestamp fields across a lineage and reads every message', () => {
    const s = new Scenario();
    const a = s.ws('a', T0).open(T0 + 1);
    for (let i = 1; i <= 5; i++) a.json(T0 + i * 100, { n: i, at: T0 + i * 100 - 20 });
    a.recv(T0 + 600, 'not json').close(T0 + 700, 1006);
    const b = s.ws('b', T0 + 800).open(T0 + 810);
    for (let i = 9; i <= 10; i++) b.json(T0 + i * 100, { n: i, at: T0 + i * 100 - 30 });
    const { ctx, lineage } = lineageOf(s);
    const f = extractPayloadFields(lineage, ctx.options);
    expect(f.sequenceField).toEqual({ path: 'n', source: 'detected' });
    expect(f.timestampField).toEqual({ path: 'at', source: 'detected', unit: 'ms' });
    expect([...f.seq.get('b')!]).toEqual([Number.NaN, 9, 10]);
    expect([...f.ts.get('a')!].filter((x) => !Number.isNaN(x)).map((x) => x - T0)).toEqual([80, 180, 280, 380, 480]);
  });

  it('uses per-URL overrides, and null turns detection off', () => {
    const s = new Scenario();
    const a = s.ws('a', T0, { url: 'ws://h/feed?x=1' }).open(T0 + 1);
    for (let i = 1; i <= 5; i++) a.json(T0 + i, { n: i, id: { v: 10 * i } });
    const { ctx, lineage } = lineageOf(s, { sequenceFields: [{ urlPattern: 'ws://h/feed*', path: 'id.v' }], timestampFields: [{ urlPattern: '*', path: null }] });
    const f = extractPayloadFields(lineage, ctx.options);
    expect(f.sequenceField).toEqual({ path: 'id.v', source: 'option' });
    expect(f.timestampField).toBeUndefined();
    expect([...f.seq.get('a')!].slice(1)).toEqual([10, 20, 30, 40, 50]);

    const off = lineageOf(s, { sequenceFields: [{ urlPattern: '*', path: null }] });
    expect(extractPayloadFields(off.lineage, off.ctx.options).sequenceField).toBeUndefined();
  });

  it('does not look for a sequence field in EventSource data (SSE has ids)', () => {
    const s = new Scenario();
    const a = s.es('a', T0).open(T0 + 1);
    for (let i = 1; i <= 5; i++) a.sse(T0 + i, '', JSON.stringify({ n: i }));
    const { ctx, lineage } = lineageOf(s);
    expect(extractPayloadFields(lineage, ctx.options).sequenceField).toBeUndefined();
  });
});
