import { describe, expect, it } from 'vitest';
import type { HookRecord, MessageRecord } from '../contracts/protocol';
import { base64FromBytes } from './base64';
import type { PayloadContext } from './context';
import { captureDataNatives } from './natives';
import { createOrderedSink, type ConnState } from './ordered-sink';
import { recordStreamBytes, recordStreamText } from './stream-chunk';

const n = captureDataNatives(globalThis);

function setup(cap: number) {
  const out: MessageRecord[] = [];
  const sink = createOrderedSink((r: HookRecord) => out.push(JSON.parse(JSON.stringify(r)) as MessageRecord));
  const ctx: PayloadContext = { n, sink, cap, encode: base64FromBytes, emit: (conn, rec, chars = 100) => sink.emit(conn, rec, chars) };
  const conn: ConnState = { c: 1, queue: null };
  return { out, ctx, conn };
}

describe('recordStreamBytes', () => {
  it('records a read above the cap as pieces of at most the cap, none truncated, every byte once', () => {
    const { out, ctx, conn } = setup(4);
    const bytes = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    recordStreamBytes(ctx, conn, 5, bytes.subarray(1), 4); // a view with an offset
    expect(out.map((r) => [...Buffer.from(r.data!, 'base64')])).toEqual([[2, 3, 4, 5], [6, 7, 8, 9], [10]]);
    expect(out.every((r) => r.truncated === undefined && r.t === 5 && r.dir === 'in')).toBe(true);
    expect(out.map((r) => r.size)).toEqual([4, 4, 1]);
  });

  it('records a read within the cap as one message', () => {
    const { out, ctx, conn } = setup(4);
    recordStreamBytes(ctx, conn, 1, Uint8Array.from([1, 2, 3, 4]), 4);
    expect(out).toHaveLength(1);
  });
});

describe('recordStreamText', () => {
  it('splits long text into pieces whose UTF-8 fits the cap, never inside a surrogate pair', () => {
    const { out, ctx, conn } = setup(9);
    const text = 'ab😀cdefg'; // the emoji is units 2–3
    recordStreamText(ctx, conn, 1, text, 9); // 3 UTF-16 units a piece
    const pieces = out.map((r) => r.data);
    expect(pieces.join('')).toBe(text);
    expect(pieces).toEqual(['ab', '😀c', 'def', 'g']);
    expect(out.every((r) => r.truncated === undefined)).toBe(true);
  });

  it('records whole reads whatever the message cap in force (a user cap of 0 included)', () => {
    const { out, ctx, conn } = setup(0);
    recordStreamBytes(ctx, conn, 1, Uint8Array.from([1, 2, 3]));
    recordStreamText(ctx, conn, 2, 'abc');
    expect(out.map((r) => [r.data, r.truncated])).toEqual([[Buffer.from([1, 2, 3]).toString('base64'), undefined], ['abc', undefined]]);
  });
});
