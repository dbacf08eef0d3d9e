import { describe, expect, it } from 'vitest';
import type { HookRecord } from '../contracts/protocol';
import { createOrderedSink, type ConnState } from './ordered-sink';

const m = (c: number, t: number, data?: string): HookRecord => ({ k: 'message', c, t, dir: 'in', ...(data === undefined ? { binary: true, size: 3 } : { data }) });

function setup() {
  const out: HookRecord[] = [];
  const sink = createOrderedSink((r) => out.push(r));
  const a: ConnState = { c: 1, queue: null };
  const b: ConnState = { c: 2, queue: null };
  return { out, sink, a, b };
}

describe('ordered sink', () => {
  it('passes records straight through while nothing is pending', () => {
    const { out, sink, a } = setup();
    sink.emit(a, m(1, 1, 'x'), 1);
    expect(out).toEqual([m(1, 1, 'x')]);
  });

  it('holds a connection’s later records behind a pending Blob read, others pass', () => {
    const { out, sink, a, b } = setup();
    const e = sink.hold(a, m(1, 1), 1);
    sink.emit(a, m(1, 2, 'after'), 1);
    sink.emit(b, m(2, 3, 'other'), 1);
    expect(out).toEqual([m(2, 3, 'other')]);
    sink.release(a, e, m(1, 1, 'blob'), 1);
    expect(out).toEqual([m(2, 3, 'other'), m(1, 1, 'blob'), m(1, 2, 'after')]);
    expect(a.queue).toBeNull();
    sink.emit(a, m(1, 4, 'next'), 1);
    expect(out.at(-1)).toEqual(m(1, 4, 'next'));
  });

  it('keeps order when reads complete out of order', () => {
    const { out, sink, a } = setup();
    const e1 = sink.hold(a, m(1, 1), 1);
    sink.emit(a, m(1, 2, 'two'), 1);
    const e3 = sink.hold(a, m(1, 3), 1);
    sink.emit(a, m(1, 4, 'four'), 1);
    sink.release(a, e3, m(1, 3, 'three'), 1);
    expect(out).toEqual([]);
    sink.release(a, e1, m(1, 1, 'one'), 1);
    expect(out.map((r) => r.t)).toEqual([1, 2, 3, 4]);
    expect(a.queue).toBeNull();
  });

  it('releases up to the next pending read only', () => {
    const { out, sink, a } = setup();
    const e1 = sink.hold(a, m(1, 1), 1);
    sink.emit(a, m(1, 2, 'two'), 1);
    const e3 = sink.hold(a, m(1, 3), 1);
    sink.emit(a, m(1, 4, 'four'), 1);
    sink.release(a, e1, m(1, 1, 'one'), 1);
    expect(out.map((r) => r.t)).toEqual([1, 2]);
    sink.emit(a, m(1, 5, 'five'), 1);
    sink.release(a, e3, m(1, 3, 'three'), 1);
    expect(out.map((r) => r.t)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drainAll sends placeholders in order and ignores late completions', () => {
    const { out, sink, a, b } = setup();
    const e1 = sink.hold(a, m(1, 1), 1);
    sink.emit(a, m(1, 2, 'two'), 1);
    const e2 = sink.hold(b, m(2, 3), 1);
    sink.drainAll();
    expect(out).toEqual([m(1, 1), m(1, 2, 'two'), m(2, 3)]);
    sink.release(a, e1, m(1, 1, 'late'), 1);
    sink.release(b, e2, m(2, 3, 'late'), 1);
    expect(out).toHaveLength(3);
    expect(a.queue).toBeNull();
    expect(b.queue).toBeNull();
    sink.emit(a, m(1, 9, 'x'), 1);
    expect(out).toHaveLength(4);
  });
});
