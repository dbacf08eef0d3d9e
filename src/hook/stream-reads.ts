// Observes the reads a page makes on the body of a recorded fetch stream, through the page's own
// reader: ReadableStream.prototype.getReader and the readers' read / cancel / releaseLock are
// Proxies that call the native first and, only when the stream is one of ours (one WeakMap
// lookup otherwise), record what the read returned (the bytes, copied as base64 before the page's
// own reaction runs) and how the body ended. Nothing is inserted between the page and the
// network: the body stream, its reader, locking, backpressure and cancellation are the browser's
// own, so cancel() and abort close the real connection exactly when they would without us.
//
// The end comes from the reader's `closed` promise (resolved when the body ends or is cancelled,
// rejected when it errors: the streams spec marks that promise handled itself, so our reaction
// changes nothing), and from the page's cancel() calls, recorded when they are made.
// Bodies read without a reader of the page's are observed by stream-iteration.ts (for await)
// and stream-pipes.ts (pipeTo / pipeThrough), wired from here.

import type { HookContext } from './context';
import { VIEW } from './data-kind';
import { createObservePromise } from './observe-promise';
import { recordRead } from './stream-chunk';
import { isPrimitive, primitives } from './restack';
import { createStreamEnds, type StreamConn } from './stream-end';
import { wrapStreamIteration } from './stream-iteration';
import { wrapStreamPipes } from './stream-pipes';

export type { StreamConn } from './stream-end';

/** `connOf(stream)` says whether a body stream is recorded, creating its connection on first use. */
export function wrapStreamReads(ctx: HookContext, connOf: (stream: object) => StreamConn | undefined): void {
  const { n, masker } = ctx;
  const win = n.win as typeof n.win & { ReadableStreamBYOBReader?: typeof ReadableStreamBYOBReader };
  const RS = win.ReadableStream;
  const DR = win.ReadableStreamDefaultReader;
  if (typeof RS !== 'function' || typeof DR !== 'function') return;
  const observe = createObservePromise(n);
  const lockedGet = n.getOwnPropertyDescriptor(RS.prototype, 'locked')?.get;
  if (!lockedGet) return;
  const locked = n.uncurry(lockedGet as (this: ReadableStream) => boolean);
  const readers = new n.NativeWeakMap<object, StreamConn>();
  const released = new n.NativeWeakMap<object, boolean>();
  const getReaders = (r: unknown) => n.weakMapGet(readers as WeakMap<object, unknown>, r) as StreamConn | undefined;
  const ends = createStreamEnds(ctx);
  const { end, failed } = ends;

  function watchClosed(conn: StreamConn, reader: object, closed: Promise<unknown>) {
    observe(
      closed,
      () => {
        try {
          end(conn, 'server');
        } catch {
          // nothing of ours may reach the page
        }
      },
      (e) => {
        try {
          // releaseLock() rejects `closed` with a TypeError: the body goes on with the next reader.
          if (n.weakMapGet(released as WeakMap<object, unknown>, reader) !== true) failed(conn, e);
        } catch {
          // see above
        }
      },
    );
  }

  function wrapReader(proto: object) {
    const closedGet = n.getOwnPropertyDescriptor(proto, 'closed')?.get;
    const closed = closedGet ? n.uncurry(closedGet as (this: object) => Promise<unknown>) : undefined;

    function read(target: Function, thisArg: unknown, args: unknown[]) {
      let p: Promise<ReadableStreamReadResult<unknown>>;
      try {
        p = n.reflectApply(target, thisArg, args) as Promise<ReadableStreamReadResult<unknown>>;
      } catch (e) {
        throw primitives(args) ? ctx.restack(e, read) : e;
      }
      const conn = getReaders(thisArg);
      if (conn !== undefined && !conn.ended) {
        try {
          // Our reaction is the promise's first: it copies the chunk before the page's runs.
          observe(
            p,
            (r) => {
              try {
                const res = r as { done?: unknown; value?: unknown };
                // Own data properties of the result object the stream made: no page lookup.
                if (res.done === true || conn.ended) return;
                recordRead(ctx, conn, ctx.now(), res.value);
              } catch {
                // see above
              }
            },
            () => {
              // the end is seen on `closed`
            },
          );
        } catch {
          // the page still gets its promise
        }
      }
      return p;
    }

    function cancel(target: Function, thisArg: unknown, args: unknown[]) {
      const conn = getReaders(thisArg);
      // Recorded before the native call: the real connection closes inside it. A released
      // reader's cancel() only rejects.
      if (conn !== undefined && n.weakMapGet(released as WeakMap<object, unknown>, thisArg) !== true) {
        try {
          end(conn, 'cancel');
        } catch {
          // see above
        }
      }
      try {
        return n.reflectApply(target, thisArg, args);
      } catch (e) {
        throw primitives(args) ? ctx.restack(e, cancel) : e;
      }
    }

    function releaseLock(target: Function, thisArg: unknown, args: unknown[]) {
      let result: unknown;
      try {
        if (getReaders(thisArg) !== undefined) n.weakMapSet(released as WeakMap<object, unknown>, thisArg as object, true);
      } catch {
        // see above
      }
      try {
        result = n.reflectApply(target, thisArg, args);
      } catch (e) {
        throw ctx.restack(e, releaseLock); // no arguments: no page code ran
      }
      return result;
    }

    masker.wrap(proto, 'read', { __proto__: null, apply: read } as ProxyHandler<Function>);
    masker.wrap(proto, 'cancel', { __proto__: null, apply: cancel } as ProxyHandler<Function>);
    masker.wrap(proto, 'releaseLock', { __proto__: null, apply: releaseLock } as ProxyHandler<Function>);
    return closed;
  }

  const defaultClosed = wrapReader(DR.prototype);
  const BR = win.ReadableStreamBYOBReader;
  const byobClosed = typeof BR === 'function' ? wrapReader(BR.prototype) : undefined;
  const isDefault = (r: object) => {
    try {
      defaultClosed?.(r);
      return true;
    } catch {
      return false;
    }
  };

  function getReader(target: Function, thisArg: unknown, args: unknown[]) {
    let reader: object;
    try {
      reader = n.reflectApply(target, thisArg, args) as object;
    } catch (e) {
      // An options object is read (its `mode` getter is page code): its errors stay as they are.
      throw primitives(args) ? ctx.restack(e, getReader) : e;
    }
    try {
      const conn = typeof thisArg === 'object' && thisArg !== null ? connOf(thisArg) : undefined;
      if (conn !== undefined && !conn.ended) {
        n.weakMapSet(readers as WeakMap<object, unknown>, reader, conn);
        const closed = isDefault(reader) ? defaultClosed : byobClosed;
        if (closed !== undefined) watchClosed(conn, reader, closed(reader));
      }
    } catch {
      // the page still gets its reader
    }
    return reader;
  }
  masker.wrap(RS.prototype, 'getReader', { __proto__: null, apply: getReader } as ProxyHandler<Function>);

  // body.cancel() without a reader: the page ended the response (only a body already read is known).
  function streamCancel(target: Function, thisArg: unknown, args: unknown[]) {
    try {
      // A locked stream's cancel() only rejects: the reader's cancel() is the one that ends it.
      const conn = typeof thisArg === 'object' && thisArg !== null && !locked(thisArg as ReadableStream) ? connOf(thisArg) : undefined;
      if (conn !== undefined) end(conn, 'cancel');
    } catch {
      // see above
    }
    try {
      return n.reflectApply(target, thisArg, args);
    } catch (e) {
      throw isPrimitive(args[0]) ? ctx.restack(e, streamCancel) : e;
    }
  }
  masker.wrap(RS.prototype, 'cancel', { __proto__: null, apply: streamCancel } as ProxyHandler<Function>);

  wrapStreamIteration(ctx, connOf, observe, end, failed);
  wrapStreamPipes(ctx, connOf, observe, ends, locked);
}
