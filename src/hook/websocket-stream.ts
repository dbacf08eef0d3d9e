// WebSocketStream (Chromium 124+; not in Firefox): recorded as a `websocket` connection with
// `api: 'websocketstream'`. As for WebSocket, the page keeps the real native object: the
// constructor is a construct-trap Proxy. What we observe, and how:
// - `opened` and `closed` get a reaction of ours inside the construct trap, before the page has
//   the object (observe-promise.ts: no page lookup). Chromium marks both promises handled itself
//   (a failed connection fires no unhandledrejection with or without us: checked by
//   test/websocket-stream.e2e.test.ts). `opened` gives the open record (protocol, extensions) and
//   the readable / writable, read as own data properties of the dictionary the browser made.
// - Incoming messages: the readable is registered with the body-read observers (stream-reads.ts,
//   stream-iteration.ts, stream-pipes.ts), which record each read as a message (text or bytes).
// - Outgoing messages: WritableStream.prototype.getWriter and the default writer's write() are
//   Proxies calling the native first; a write on a writer of a registered writable is recorded
//   (bytes copied synchronously, as send() does). Other writables cost one WeakMap lookup.
//   A pipe into the writable (`pipeTo(wss.writable)`) writes without a public writer: not recorded.
// - close(): a close-call record (its options object is not read: its getters are page code).

import { LIMITS, type HookRecord } from '../contracts/protocol';
import { clamp, clampUrl, type HookContext } from './context';
import { ARRAY_BUFFER, dataKind, TEXT, VIEW } from './data-kind';
import { NO_PAGE_PROTO } from './intrinsics';
import { createObservePromise } from './observe-promise';
import { RECORD_OVERHEAD_CHARS } from './payload';
import { recordPayload } from './record-payload';
import { primitives } from './restack';
import type { StreamConn } from './stream-end';

const P = NO_PAGE_PROTO as Record<string, never>;

interface Opened {
  readable?: unknown;
  writable?: unknown;
  protocol?: unknown;
  extensions?: unknown;
}
interface Closed {
  closeCode?: unknown;
  reason?: unknown;
}

/** Wraps WebSocketStream where the browser has it; returns how to find the connection of its readable. */
export function wrapWebSocketStream(ctx: HookContext): ((stream: object) => StreamConn | undefined) | undefined {
  try {
    return install(ctx);
  } catch {
    return undefined; // the other kinds are still recorded
  }
}

function install(ctx: HookContext): ((stream: object) => StreamConn | undefined) | undefined {
  const { n, masker } = ctx;
  const win = n.win as typeof n.win & { WebSocketStream?: new (url: string, options?: object) => object };
  const Native = win.WebSocketStream;
  const WS = win.WritableStream;
  const W = win.WritableStreamDefaultWriter;
  if (typeof Native !== 'function' || typeof WS !== 'function' || typeof W !== 'function') return undefined;
  const proto = Native.prototype as object;
  const getter = <R>(name: string) => {
    const get = n.getOwnPropertyDescriptor(proto, name)?.get;
    if (!get) throw new n.NativeError(name);
    return n.uncurry(get as (this: object) => R);
  };
  const url = getter<string>('url');
  const opened = getter<Promise<unknown>>('opened');
  const closed = getter<Promise<unknown>>('closed');
  const observe = createObservePromise(n);
  const conns = new n.NativeWeakMap<object, StreamConn>();
  const readables = new n.NativeWeakMap<object, StreamConn>();
  const writables = new n.NativeWeakMap<object, StreamConn>();
  const writers = new n.NativeWeakMap<object, StreamConn>();
  const get = (m: WeakMap<object, StreamConn>, k: unknown) => n.weakMapGet(m as WeakMap<object, unknown>, k) as StreamConn | undefined;
  const set = (m: WeakMap<object, StreamConn>, k: unknown, v: StreamConn) => {
    if (typeof k === 'object' && k !== null) n.weakMapSet(m as WeakMap<object, unknown>, k, v);
  };
  const str = (x: unknown, max: number) => (typeof x === 'string' ? clamp(x, max) : '');

  function track(wss: object) {
    const conn = { __proto__: P, c: ctx.nextId(), queue: null, ended: false, message: true } as StreamConn;
    n.weakMapSet(conns as WeakMap<object, unknown>, wss, conn);
    const stack = ctx.stack();
    ctx.emit(conn, { __proto__: P, k: 'create', c: conn.c, t: ctx.now(), kind: 'websocket', api: 'websocketstream', url: clampUrl(url(wss)), frameUrl: clampUrl(n.locationHref()), stack } as HookRecord, RECORD_OVERHEAD_CHARS + (stack?.length ?? 0));
    let closedSeen = false;
    observe(
      opened(wss),
      (v) => {
        try {
          const o = v as Opened; // the dictionary the browser made: own data properties
          set(readables, o.readable, conn);
          set(writables, o.writable, conn);
          if (!closedSeen) ctx.emit(conn, { __proto__: P, k: 'open', c: conn.c, t: ctx.now(), protocol: str(o.protocol, 1024), extensions: str(o.extensions, 4096) } as HookRecord);
        } catch {
          // nothing of ours may reach the page
        }
      },
      () => {
        // a failed connection: its end comes on `closed`
      },
    );
    const onClosed = (code: number, reason: string, wasClean: boolean) => {
      closedSeen = true;
      conn.ended = true;
      ctx.emit(conn, { __proto__: P, k: 'close', c: conn.c, t: ctx.now(), code, reason: clamp(reason, LIMITS.maxReasonChars), wasClean } as HookRecord);
    };
    observe(
      closed(wss),
      (v) => {
        try {
          const c = v as Closed;
          onClosed(typeof c.closeCode === 'number' ? c.closeCode : 1005, str(c.reason, LIMITS.maxReasonChars), true);
        } catch {
          // see above
        }
      },
      () => {
        try {
          // A WebSocketError (its closeCode / reason getters are on a prototype the page can change: not read).
          ctx.emit(conn, { __proto__: P, k: 'error', c: conn.c, t: ctx.now(), readyState: 3 } as HookRecord);
          onClosed(1006, '', false);
        } catch {
          // see above
        }
      },
    );
  }

  function construct(target: Function, args: unknown[], newTarget: Function) {
    let wss: object;
    try {
      wss = n.reflectConstruct(target, args, newTarget) as object;
    } catch (e) {
      // An options object (protocols, signal) is read by the native: its errors stay as they are.
      throw primitives(args) ? ctx.restack(e, construct) : e;
    }
    try {
      track(wss);
    } catch {
      // the page still gets its stream
    }
    return wss;
  }
  const Wrapper = new n.NativeProxy(Native, { __proto__: null, construct } as ProxyHandler<typeof Native>);
  masker.mask(Wrapper, Native);

  function close(target: Function, thisArg: unknown, args: unknown[]) {
    let result: unknown;
    try {
      result = n.reflectApply(target, thisArg, args);
    } catch (e) {
      throw primitives(args) ? ctx.restack(e, close) : e;
    }
    try {
      const conn = get(conns, thisArg);
      if (conn !== undefined && !conn.ended) ctx.emit(conn, { __proto__: P, k: 'close-call', c: conn.c, t: ctx.now() } as HookRecord);
    } catch {
      // see above
    }
    return result;
  }
  masker.wrap(proto, 'close', { __proto__: null, apply: close } as ProxyHandler<Function>);

  function getWriter(target: Function, thisArg: unknown, args: unknown[]) {
    let writer: unknown;
    try {
      writer = n.reflectApply(target, thisArg, args);
    } catch (e) {
      throw ctx.restack(e, getWriter); // no arguments
    }
    try {
      const conn = get(writables, thisArg);
      if (conn !== undefined) set(writers, writer, conn);
    } catch {
      // see above
    }
    return writer;
  }
  masker.wrap(WS.prototype, 'getWriter', { __proto__: null, apply: getWriter } as ProxyHandler<Function>);

  function write(target: Function, thisArg: unknown, args: unknown[]) {
    let result: unknown;
    try {
      result = n.reflectApply(target, thisArg, args);
    } catch (e) {
      throw ctx.restack(e, write); // write() only throws for a wrong `this`, before reading its argument
    }
    try {
      const conn = get(writers, thisArg);
      if (conn !== undefined && !conn.ended && args.length > 0) {
        const kind = dataKind(n, args[0]);
        // What the socket sends: text or bytes (anything else rejects the write).
        if (kind === TEXT || kind === VIEW || kind === ARRAY_BUFFER) recordPayload(ctx, conn, ctx.now(), 'out', args[0], kind);
      }
    } catch {
      // see above
    }
    return result;
  }
  masker.wrap(W.prototype, 'write', { __proto__: null, apply: write } as ProxyHandler<Function>);

  masker.replace(proto, 'constructor', Wrapper);
  masker.replace(win, 'WebSocketStream', Wrapper);
  return (stream) => get(readables, stream);
}
