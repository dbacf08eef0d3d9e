// `for await (const chunk of response.body)`: ReadableStream's async iterator reads through a
// reader of its own that the page never sees, so its `next()` and `return()` are observed
// instead (masked Proxies on %ReadableStreamAsyncIteratorPrototype%, found by making one
// iterator of a throwaway stream at startup). `values()` / `[Symbol.asyncIterator]` (one function
// object, as WebIDL makes it) is wrapped to tell which iterators read a recorded body. As with
// readers: our reaction on each `next()` promise is its first, so the chunk is copied before the
// page's loop body runs; `return()` (a `break` out of the loop) cancels the body unless the page
// passed `preventCancel`, which we do not read (page getters): it is recorded as a cancel only
// when `values()` got no argument.

import type { HookContext } from './context';
import { VIEW } from './data-kind';
import type { ObservePromise } from './observe-promise';
import { recordRead } from './stream-chunk';
import { primitives } from './restack';
import type { StreamConn, StreamEnds } from './stream-end';

export function wrapStreamIteration(
  ctx: HookContext,
  connOf: (stream: object) => StreamConn | undefined,
  observe: ObservePromise,
  end: StreamEnds['end'],
  failed: StreamEnds['failed'],
): void {
  const { n, masker } = ctx;
  const RS = n.win.ReadableStream;
  const proto = RS.prototype as ReadableStream & { values?: (o?: unknown) => object };
  const values = n.getOwnPropertyDescriptor(proto, 'values')?.value as ((this: ReadableStream, o?: unknown) => object) | undefined;
  if (typeof values !== 'function' || n.getOwnPropertyDescriptor(proto, n.win.Symbol.asyncIterator)?.value !== values) return;
  const iterProto = n.win.Reflect.getPrototypeOf(n.reflectApply(values, new RS(), [])) as object | null;
  if (iterProto === null) return;
  /** Iterators of recorded bodies; `cancels`: return() cancels the body (values() had no options). */
  const iterators = new n.NativeWeakMap<object, { conn: StreamConn; cancels: boolean }>();
  const lookup = (it: unknown) => n.weakMapGet(iterators as WeakMap<object, unknown>, it) as { conn: StreamConn; cancels: boolean } | undefined;

  function valuesTrap(target: Function, thisArg: unknown, args: unknown[]) {
    let it: object;
    try {
      it = n.reflectApply(target, thisArg, args) as object;
    } catch (e) {
      throw primitives(args) ? ctx.restack(e, valuesTrap) : e;
    }
    try {
      const conn = typeof thisArg === 'object' && thisArg !== null ? connOf(thisArg) : undefined;
      if (conn !== undefined && !conn.ended) n.weakMapSet(iterators as WeakMap<object, unknown>, it, { __proto__: null, conn, cancels: args.length === 0 || args[0] === undefined });
    } catch {
      // the page still gets its iterator
    }
    return it;
  }

  function next(target: Function, thisArg: unknown, args: unknown[]) {
    const p = n.reflectApply(target, thisArg, args) as Promise<unknown>; // never throws: a rejected promise
    const entry = lookup(thisArg);
    if (entry !== undefined && !entry.conn.ended) {
      const conn = entry.conn;
      try {
        observe(
          p,
          (r) => {
            try {
              const res = r as { done?: unknown; value?: unknown };
              if (res.done === true) end(conn, 'server');
              else if (!conn.ended) recordRead(ctx, conn, ctx.now(), res.value);
            } catch {
              // nothing of ours may reach the page
            }
          },
          (e) => {
            try {
              failed(conn, e);
            } catch {
              // see above
            }
          },
        );
      } catch {
        // the page still gets its promise
      }
    }
    return p;
  }

  function ret(target: Function, thisArg: unknown, args: unknown[]) {
    const entry = lookup(thisArg);
    try {
      if (entry !== undefined && entry.cancels) end(entry.conn, 'cancel');
    } catch {
      // see above
    }
    return n.reflectApply(target, thisArg, args);
  }

  const wrapped = masker.wrap(proto, 'values', { __proto__: null, apply: valuesTrap } as ProxyHandler<Function>);
  masker.replace(proto, n.win.Symbol.asyncIterator, wrapped);
  masker.wrap(iterProto, 'next', { __proto__: null, apply: next } as ProxyHandler<Function>);
  if (typeof n.getOwnPropertyDescriptor(iterProto, 'return')?.value === 'function') masker.wrap(iterProto, 'return', { __proto__: null, apply: ret } as ProxyHandler<Function>);
}
