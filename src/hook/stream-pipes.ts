// `body.pipeTo(dest)` and `body.pipeThrough(transform)` of a recorded fetch body (the Vercel AI
// SDK's `pipeThrough(new TextDecoderStream())`): the browser pipes inside itself, through no
// public method, so the destination the page gave is put behind a WritableStream of ours whose
// sink records each chunk and writes it on with the destination's own (native) writer, closes and
// aborts it the same way. The pipe, its options (read once, by the native, as without us), the
// abort signal and cancellation of the body stay the browser's. What differs: the pipe writes to
// our stream, whose queue holds one chunk (high-water mark 1) while the destination's write is
// pending — one chunk more in flight than without us; and the destination is locked by our
// writer, released as soon as the pipe settles (our reaction runs before the page's).
// Anything unusual (a locked body or destination, a transform that is not a plain pair) goes to
// the native call unchanged, which fails as it would.

import type { HookContext } from './context';
import { ownArray } from './intrinsics';
import { VIEW } from './data-kind';
import type { ObservePromise } from './observe-promise';
import { recordRead } from './stream-chunk';
import type { StreamConn, StreamEnds } from './stream-end';

export function wrapStreamPipes(
  ctx: HookContext,
  connOf: (stream: object) => StreamConn | undefined,
  observe: ObservePromise,
  ends: StreamEnds,
  locked: (s: ReadableStream) => boolean,
): void {
  const { n, masker } = ctx;
  const win = n.win;
  const WS = win.WritableStream;
  const RS = win.ReadableStream;
  if (typeof WS !== 'function') return;
  const wsLocked = n.uncurry(n.getOwnPropertyDescriptor(WS.prototype, 'locked')!.get as (this: WritableStream) => boolean);
  const getWriter = n.uncurry(WS.prototype.getWriter) as (w: WritableStream) => WritableStreamDefaultWriter;
  const W = win.WritableStreamDefaultWriter.prototype;
  const write = n.uncurry(W.write) as (w: WritableStreamDefaultWriter, c: unknown) => Promise<void>;
  const close = n.uncurry(W.close) as (w: WritableStreamDefaultWriter) => Promise<void>;
  const abort = n.uncurry(W.abort) as (w: WritableStreamDefaultWriter, r: unknown) => Promise<void>;
  const release = n.uncurry(W.releaseLock) as (w: WritableStreamDefaultWriter) => void;
  const NativePromise = win.Promise;
  const own = { __proto__: null, value: NativePromise, writable: true, enumerable: false, configurable: true } as PropertyDescriptor;
  // The native converts what a sink method returns with PromiseResolve, which reads
  // `constructor` of the promise (ECMA-262 PromiseResolve step 1.a): on Promise.prototype, where
  // a page getter would see every write. Our promises (the page never holds them) carry their own.
  const shielded = (p: Promise<void>) => {
    n.reflectDefineProperty(p, 'constructor', own);
    return p;
  };
  const isWritable = (x: unknown) => {
    try {
      wsLocked(x as WritableStream);
      return true;
    } catch {
      return false;
    }
  };

  /** Our stand-in for `dest`, or undefined when the native call should go as it is. */
  function standIn(body: unknown, dest: unknown): { conn: StreamConn; proxy: WritableStream; writer: WritableStreamDefaultWriter } | undefined {
    if (typeof body !== 'object' || body === null || locked(body as ReadableStream) || !isWritable(dest) || wsLocked(dest as WritableStream)) return undefined;
    const conn = connOf(body);
    if (conn === undefined || conn.ended) return undefined;
    const writer = getWriter(dest as WritableStream);
    // Sink and strategy objects without prototype: the WritableStream constructor reads their
    // members, and must not find a page getter on Object.prototype.
    const released = () => {
      try {
        release(writer);
      } catch {
        // nothing of ours may reach the page
      }
    };
    const sink = {
      __proto__: null,
      write(chunk: unknown) {
        try {
          if (!conn.ended) recordRead(ctx, conn, ctx.now(), chunk);
        } catch {
          // see above
        }
        return shielded(write(writer, chunk));
      },
      close() {
        try {
          ends.end(conn, 'server');
        } catch {
          // see above
        }
        const p = close(writer);
        observe(p, released, released);
        return shielded(p);
      },
      abort(reason: unknown) {
        try {
          ends.failed(conn, reason);
        } catch {
          // see above
        }
        const p = abort(writer, reason);
        observe(p, released, released);
        return shielded(p);
      },
    } as UnderlyingSink;
    const strategy = { __proto__: null, highWaterMark: 1 } as QueuingStrategy;
    return { conn, proxy: new WS(sink, strategy), writer };
  }

  function settle(p: Promise<unknown>, s: { conn: StreamConn; writer: WritableStreamDefaultWriter }) {
    const done = () => {
      try {
        release(s.writer);
      } catch {
        // see above
      }
    };
    observe(p, done, (e) => {
      done();
      try {
        ends.failed(s.conn, e);
      } catch {
        // see above
      }
    });
  }

  function pipeTo(target: Function, thisArg: unknown, args: unknown[]) {
    let s: ReturnType<typeof standIn>;
    try {
      s = standIn(thisArg, args[0]);
    } catch {
      s = undefined;
    }
    if (s === undefined) return n.reflectApply(target, thisArg, args);
    const rest = ownArray<unknown>();
    rest[0] = s.proxy;
    for (let i = 1; i < args.length; i++) rest[i] = args[i];
    const p = n.reflectApply(target, thisArg, rest) as Promise<unknown>;
    try {
      settle(p, s);
    } catch {
      // see above
    }
    return p;
  }
  masker.wrap(RS.prototype, 'pipeTo', { __proto__: null, apply: pipeTo } as ProxyHandler<Function>);

  // The pair's members are read here, once, in the order the native's dictionary conversion
  // reads them (readable, then writable), and handed on in a pair without prototype: a page
  // getter on them runs once, as without us (below one frame of ours).
  function pipeThrough(target: Function, thisArg: unknown, args: unknown[]) {
    const t = args[0];
    if (typeof t !== 'object' || t === null || typeof thisArg !== 'object' || thisArg === null || connOf(thisArg) === undefined) return n.reflectApply(target, thisArg, args);
    const pair = t as ReadableWritablePair<unknown, unknown>;
    const readable = pair.readable;
    const writable = pair.writable;
    let s: ReturnType<typeof standIn>;
    try {
      s = standIn(thisArg, writable);
    } catch {
      s = undefined;
    }
    const rest = ownArray<unknown>();
    rest[0] = { __proto__: null, readable, writable: s === undefined ? writable : s.proxy };
    for (let i = 1; i < args.length; i++) rest[i] = args[i];
    return n.reflectApply(target, thisArg, rest);
  }
  masker.wrap(RS.prototype, 'pipeThrough', { __proto__: null, apply: pipeThrough } as ProxyHandler<Function>);
}
