import { describe, expect, it } from 'vitest';
import { isHookRecord, type HookRecord } from '../contracts/protocol';
import { base64FromBytes } from './base64';
import type { PayloadContext } from './context';
import { ARRAY_BUFFER, BLOB, dataKind, OTHER_OBJECT, OTHER_PRIMITIVE, TEXT, UNSUPPORTED, VIEW } from './data-kind';
import { captureDataNatives } from './natives';
import { createOrderedSink, type ConnState } from './ordered-sink';
import { recordPayload } from './record-payload';

const n = captureDataNatives(globalThis);
const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

function setup(cap = 1024) {
  const out: HookRecord[] = [];
  const sink = createOrderedSink((r) => out.push(JSON.parse(JSON.stringify(r)) as HookRecord));
  const ctx: PayloadContext = { n, sink, cap, encode: base64FromBytes, emit: (conn, rec, chars = 100) => sink.emit(conn, rec, chars) };
  const conn: ConnState = { c: 7, queue: null };
  const record = (data: unknown, dir: 'in' | 'out' = 'out', t = 1, bufferedAmount?: number) =>
    recordPayload(ctx, conn, t, dir, data, dataKind(n, data), bufferedAmount);
  return { out, ctx, conn, record };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('dataKind', () => {
  it('classifies by internal slots, like send() does', () => {
    expect(dataKind(n, 'x')).toBe(TEXT);
    expect(dataKind(n, new ArrayBuffer(2))).toBe(ARRAY_BUFFER);
    expect(dataKind(n, new Uint16Array(2))).toBe(VIEW);
    expect(dataKind(n, new DataView(new ArrayBuffer(2)))).toBe(VIEW);
    expect(dataKind(n, new Blob(['a']))).toBe(BLOB);
    expect(dataKind(n, { a: 1 })).toBe(OTHER_OBJECT);
    // A Proxy has no internal slots: send() would stringify it. (No `get` trap here: Node's Blob
    // getter, unlike a browser's WebIDL brand check, reads a property of its receiver.)
    let trapped = 0;
    const proxy = new Proxy(new ArrayBuffer(2), { getPrototypeOf: () => (trapped++, null) });
    expect(dataKind(n, proxy)).toBe(OTHER_OBJECT);
    expect(trapped).toBe(0);
    // An object pretending to be an ArrayBuffer is not one.
    expect(dataKind(n, Object.create(ArrayBuffer.prototype))).toBe(OTHER_OBJECT);
    expect(dataKind(n, 42)).toBe(OTHER_PRIMITIVE);
    expect(dataKind(n, null)).toBe(OTHER_PRIMITIVE);
    expect(dataKind(n, Symbol('s'))).toBe(UNSUPPORTED);
    expect(dataKind(n, new SharedArrayBuffer(2))).toBe(UNSUPPORTED);
  });
});

describe('recordPayload', () => {
  it('records text, numbers and binary views by their own bytes', () => {
    const { out, record } = setup();
    record('hé', 'out', 1, 5);
    record(42);
    const bytes = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]);
    record(bytes.subarray(2, 5));
    record(new DataView(bytes.buffer, 5, 2));
    record(new Float32Array([1.5]));
    record(bytes.buffer);
    expect(out.map((r) => r.k === 'message' && [r.data, r.binary ?? false, r.size])).toEqual([
      ['hé', false, undefined],
      ['42', false, undefined],
      [b64([2, 3, 4]), true, 3],
      [b64([5, 6]), true, 2],
      [Buffer.from(new Float32Array([1.5]).buffer).toString('base64'), true, 4],
      [b64([0, 1, 2, 3, 4, 5, 6, 7]), true, 8],
    ]);
    expect(out[0]).toMatchObject({ bufferedAmount: 5 });
    for (const r of out) expect(isHookRecord(r)).toBe(true);
  });

  it('truncates binary to the cap without touching the page’s buffer', () => {
    const { out, record } = setup(4);
    const buf = new Uint8Array([1, 2, 3, 4, 5, 6]).buffer;
    record(buf, 'in');
    expect(out[0]).toMatchObject({ data: b64([1, 2, 3, 4]), binary: true, size: 6, truncated: true });
    expect(buf.byteLength).toBe(6);
    expect(isHookRecord(out[0], 4)).toBe(true);
  });

  it('keeps a connection’s order behind a pending Blob read', async () => {
    const { out, conn, ctx, record } = setup();
    record(new Blob(['ab']), 'in', 1);
    record('after', 'in', 2);
    const other: ConnState = { c: 8, queue: null };
    recordPayload(ctx, other, 3, 'in', 'other', TEXT);
    expect(out.map((r) => r.t)).toEqual([3]);
    await settle();
    expect(out.map((r) => [r.c, r.t])).toEqual([
      [8, 3],
      [7, 1],
      [7, 2],
    ]);
    expect(out[1]).toMatchObject({ data: b64([97, 98]), binary: true, size: 2 });
    expect(conn.queue).toBeNull();
  });

  it('reads at most cap bytes of a Blob and keeps its full size', async () => {
    const { out, record } = setup(3);
    const blob = new Blob(['abcdef']);
    record(blob, 'out', 1, 9);
    await settle();
    expect(out).toEqual([{ k: 'message', c: 7, t: 1, dir: 'out', data: b64([97, 98, 99]), binary: true, size: 6, truncated: true, bufferedAmount: 9 }]);
    expect(blob.size).toBe(6);
  });

  it('pagehide before a Blob read finishes: the placeholder goes out, in order, once', async () => {
    const { out, ctx, record } = setup();
    record(new Blob(['ab']), 'in', 1);
    record('after', 'in', 2);
    ctx.sink.drainAll();
    expect(out).toEqual([
      { k: 'message', c: 7, t: 1, dir: 'in', binary: true, size: 2 },
      { k: 'message', c: 7, t: 2, dir: 'in', data: 'after' },
    ]);
    await settle();
    expect(out).toHaveLength(2);
    for (const r of out) expect(isHookRecord(r)).toBe(true);
  });
});
