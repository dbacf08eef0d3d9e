import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HookRecord } from '../contracts/protocol';
import { FRAME_MIN_CHARS, unframeBatch } from '../contracts/batch-frame';
import { createChannel, type ChannelOptions } from './channel';
import { sseMessage, textMessage } from './payload';

const rec = (c: number, t: number): HookRecord => ({ k: 'message', c, t, dir: 'in', data: 'x' });

function setup(over: Partial<ChannelOptions> = {}) {
  const batches: HookRecord[][] = [];
  const channel = createChannel({
    flushRecords: 3,
    flushChars: 1000,
    flushMs: 50,
    hardRecords: 6,
    hardChars: 2000,
    maxBatchChars: 1_000_000,
    dispatch: (p) => batches.push(JSON.parse(p) as HookRecord[]),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    stringify: (r) => JSON.stringify(r),
    ...over,
  });
  return { channel, batches };
}

describe('channel', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a full batch (record count) in a task of its own, not inside the push', () => {
    const { channel, batches } = setup();
    channel.push(rec(1, 1), 10);
    channel.push(rec(1, 2), 10);
    channel.push(rec(1, 3), 10);
    // Still inside the page's event dispatch: nothing is serialised or sent yet.
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([[rec(1, 1), rec(1, 2), rec(1, 3)]]);
    // The flushMs timer of that batch is gone: nothing more is sent.
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(1);
  });

  it('sends a full batch (estimated size) in a task of its own, with what arrived before that task', () => {
    const { channel, batches } = setup();
    channel.push(rec(1, 1), 600);
    channel.push(rec(1, 2), 400);
    channel.push(rec(1, 3), 1); // arrives before the task runs: goes with it
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([[rec(1, 1), rec(1, 2), rec(1, 3)]]);
  });

  it('frames large payloads outside the JSON, and every batch of a split keeps its own', () => {
    const raw: string[] = [];
    const big = (n: number) => `"${n}"`.repeat(FRAME_MIN_CHARS);
    const { channel } = setup({ dispatch: (p) => raw.push(p), maxBatchChars: 3 * FRAME_MIN_CHARS * 4, flushRecords: 100, hardRecords: 100 });
    const sent = [rec(1, 1), { ...rec(1, 2), data: big(2) }, rec(1, 3), { ...rec(1, 4), data: big(4) }, { ...rec(1, 5), data: big(5) }];
    for (const r of sent) channel.push(r, r.k === 'message' ? (r.data?.length ?? 0) : 0);
    channel.flush();
    expect(raw.length).toBeGreaterThan(1); // split: too long for one batch
    for (const p of raw) expect(p.includes('\\"')).toBe(false); // no payload escaped inside JSON
    expect(raw.flatMap((p) => unframeBatch(p) ?? ['bad batch'])).toEqual(sent);
  });

  it('bounds what it holds: at the hard cap it sends at once', () => {
    const { channel, batches } = setup();
    for (let i = 1; i <= 5; i++) channel.push(rec(1, i), 1);
    expect(batches).toHaveLength(0);
    channel.push(rec(1, 6), 1); // hardRecords
    expect(batches.flat()).toHaveLength(6);
    channel.push(rec(1, 7), 1999); // hardChars reached with one large record
    expect(batches.flat()).toHaveLength(6); // 1999 < 2000: still waits
    channel.push(rec(1, 8), 1);
    expect(batches.flat()).toHaveLength(8);
    vi.advanceTimersByTime(1000);
    expect(batches.flat().map((r) => r.t)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('flushes flushMs after the first buffered record, not after the last', () => {
    const { channel, batches } = setup();
    channel.push(rec(1, 1), 1);
    vi.advanceTimersByTime(30);
    channel.push(rec(1, 2), 1);
    vi.advanceTimersByTime(19);
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[rec(1, 1), rec(1, 2)]]);
    channel.push(rec(1, 3), 1);
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([[rec(1, 1), rec(1, 2)], [rec(1, 3)]]);
  });

  it('flush() sends what is buffered right away, and nothing when empty', () => {
    const { channel, batches } = setup();
    channel.flush();
    expect(batches).toHaveLength(0);
    channel.push(rec(2, 1), 1);
    channel.flush();
    expect(batches).toEqual([[rec(2, 1)]]);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
  });

  it('keeps order and loses nothing across many pushes and flushes', () => {
    const { channel, batches } = setup({ flushRecords: 7, flushChars: 50 });
    const sent: HookRecord[] = [];
    for (let i = 0; i < 1000; i++) {
      const r = rec(1 + (i % 3), i);
      sent.push(r);
      channel.push(r, i % 11);
      if (i % 97 === 0) channel.flush();
      if (i % 13 === 0) vi.advanceTimersByTime(60);
    }
    channel.flush();
    expect(batches.flat()).toEqual(sent);
    for (const b of batches) expect(b.length).toBeLessThanOrEqual(7);
  });

  it('splits a batch whose string exceeds the hard cap, in order', () => {
    const { channel, batches } = setup({ flushRecords: 100, maxBatchChars: 200 });
    const sent = Array.from({ length: 10 }, (_, i) => rec(1, i));
    for (const r of sent) channel.push(r, 1);
    channel.flush();
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(sent);
  });
});

describe('channel without the page’s prototypes', () => {
  it('JSON.stringify of batches (split ones too) never reaches a toJSON getter on Object/Array.prototype', () => {
    const payloads: string[] = [];
    let hits = 0;
    const getter = { configurable: true, get: () => void hits++ };
    const channel = createChannel({
      flushRecords: 100,
      flushChars: 1_000_000,
      flushMs: 50,
      hardRecords: 1000,
      hardChars: 10_000_000,
      maxBatchChars: 200,
      dispatch: (p) => payloads.push(p),
      setTimer: () => 0,
      clearTimer: () => {},
      stringify: (r) => JSON.stringify(r),
    });
    Object.defineProperty(Object.prototype, 'toJSON', getter);
    Object.defineProperty(Array.prototype, 'toJSON', getter);
    try {
      for (let i = 0; i < 6; i++) channel.push(textMessage(1, i, 'in', 'payload '.repeat(4), 1000), 40);
      channel.push(sseMessage(1, 9, 'x', 1000, 'foo', '1', 'http://o'), 40);
      channel.push(textMessage(1, 10, 'in', 'L'.repeat(FRAME_MIN_CHARS), 10_000), 40); // framed
      channel.flush();
    } finally {
      delete (Object.prototype as Record<string, unknown>).toJSON;
      delete (Array.prototype as unknown as Record<string, unknown>).toJSON;
    }
    expect(hits).toBe(0);
    expect(payloads.length).toBeGreaterThan(1); // split at maxBatchChars
    expect(payloads.flatMap((p) => (unframeBatch(p) ?? []) as HookRecord[]).map((r) => r.t)).toEqual([0, 1, 2, 3, 4, 5, 9, 10]);
  });
});
