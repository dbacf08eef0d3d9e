// Wraps window.WebSocket. The page keeps getting REAL native sockets: the constructor is a Proxy
// whose construct trap calls Reflect.construct and then attaches our listeners (added first, with
// the native addEventListener, so they run before the page's and cannot be removed by it).
// send() and close() are Proxies that call the native first (native exceptions unchanged), then
// record.
//
// Known limitation: our listeners keep otherwise-abandoned sockets from being garbage-collected
// (the GC rules of WebSocket depend on registered listeners). Sockets in Workers and
// SharedWorkers, WebSocketStream and WebTransport are not reached by wrapping window.WebSocket.

import { LIMITS, type HookRecord } from '../contracts/protocol';
import { closeCode, closeReason } from './close-args';
import { clamp, clampUrl, type HookContext } from './context';
import { NO_PAGE_PROTO, ownArray } from './intrinsics';

import { dataKind, OTHER_OBJECT, TEXT } from './data-kind';
import type { ConnState } from './ordered-sink';
import { RECORD_OVERHEAD_CHARS, textMessage } from './payload';
import { recordPayload } from './record-payload';
import { isPrimitive, primitives } from './restack';
import { createConnectionFaults, type ConnectionFaults } from './connection-faults';

/** See payload.ts: records never inherit from the page's Object.prototype. */
const P = NO_PAGE_PROTO as Record<string, never>;

/** A socket's record state, and its faults once one was applied (null until then: docs/faults.md). */
interface WsConn extends ConnState {
  f: ConnectionFaults | null;
}

export function wrapWebSocket(ctx: HookContext): void {
  const { n, masker } = ctx;
  const win = n.win;
  const Native = win.WebSocket;
  if (typeof Native !== 'function') return;
  const proto = Native.prototype;
  const getter = <R>(name: string) => {
    const get = n.getOwnPropertyDescriptor(proto, name)?.get;
    if (!get) throw new n.NativeError(name);
    return n.uncurry(get as (this: WebSocket) => R);
  };
  const url = getter<string>('url');
  const readyState = getter<number>('readyState');
  const protocol = getter<string>('protocol');
  const extensions = getter<string>('extensions');
  const bufferedAmount = getter<number>('bufferedAmount');
  const conns = new n.NativeWeakMap<object, WsConn>();
  // Captured before they are wrapped below: a fault's own close() and send() are not the page's.
  const protoClose = proto.close;
  const protoSend = proto.send;
  const nativeClose = (ws: WebSocket) => n.reflectApply(protoClose, ws, []);
  const nativeSendData = (ws: WebSocket, data: unknown) => n.reflectApply(protoSend, ws, [data]);
  const timeOrigin = n.timeOrigin;

  function observe(ws: WebSocket, args: unknown[]) {
    const conn = { __proto__: P, c: ctx.nextId(), queue: null, f: null } as unknown as WsConn;
    n.weakMapSet(conns as WeakMap<object, unknown>, ws, conn);
    // Faults reach this socket by its number until it closes (fault-command.ts).
    ctx.faults.register(conn.c, (cmd) => {
      try {
        conn.f ??= createConnectionFaults({
          ctx,
          kind: 'websocket',
          ws,
          conn,
          readyState,
          nativeClose,
          nativeSend: nativeSendData,
          recordOut: (data, kind) => recordPayload(ctx, conn, ctx.now(), 'out', data, kind, bufferedAmount(ws)),
          closedByFault: () => {},
        });
        conn.f.command(cmd);
      } catch {
        // nothing of ours may reach the page
      }
    });
    const stack = ctx.stack();
    const rec = {
      __proto__: P,
      k: 'create',
      c: conn.c,
      t: ctx.now(),
      kind: 'websocket',
      url: clampUrl(url(ws)),
      protocols: requestedProtocols(args[1]),
      frameUrl: clampUrl(n.locationHref()),
      stack,
    } as HookRecord;
    ctx.emit(conn, rec, RECORD_OVERHEAD_CHARS + (stack?.length ?? 0));

    // One closure per connection and event type; none per message.
    n.addEventListener(ws, 'open', (ev: Event) => {
      try {
        if (ev.isTrusted !== true) return;
        ctx.emit(conn, { __proto__: P, k: 'open', c: conn.c, t: timeOrigin + n.eventTimeStamp(ev), protocol: protocol(ws), extensions: extensions(ws) } as HookRecord);
      } catch {
        // nothing of ours may reach the page's onerror
      }
    });
    n.addEventListener(ws, 'message', (ev: Event) => {
      try {
        // isTrusted is an own, unforgeable property: page-dispatched fakes are not traffic.
        if (ev.isTrusted !== true) return;
        const t = timeOrigin + n.eventTimeStamp(ev);
        const data = n.messageData(ev as MessageEvent);
        if (typeof data === 'string') {
          ctx.emit(conn, textMessage(conn.c, t, 'in', data, ctx.cap), data.length + RECORD_OVERHEAD_CHARS);
        } else recordPayload(ctx, conn, t, 'in', data, dataKind(n, data));
        if (conn.f !== null) conn.f.message(ev as MessageEvent);
      } catch {
        // see above
      }
    });
    n.addEventListener(ws, 'error', (ev: Event) => {
      try {
        if (ev.isTrusted !== true) return;
        ctx.emit(conn, { __proto__: P, k: 'error', c: conn.c, t: timeOrigin + n.eventTimeStamp(ev), readyState: readyState(ws) } as HookRecord);
      } catch {
        // see above
      }
    });
    n.addEventListener(ws, 'close', (ev: Event) => {
      try {
        if (ev.isTrusted !== true) return;
        const e = ev as CloseEvent;
        ctx.emit(conn, {
          __proto__: P,
          k: 'close',
          c: conn.c,
          t: timeOrigin + n.eventTimeStamp(ev),
          code: n.closeCode(e),
          reason: clamp(n.closeReason(e), LIMITS.maxReasonChars),
          wasClean: n.closeWasClean(e),
        } as HookRecord);
        ctx.faults.unregister(conn.c);
        if (conn.f !== null) conn.f.close(ev);
      } catch {
        // see above
      }
    });
  }

  /**
   * The protocols argument as the page passed it, read without calling page code: a string, or
   * the string elements of an array (read by index; only a Proxy of an array would notice).
   * Other iterables are recorded as [] (iterating again would run page code twice).
   */
  function requestedProtocols(p: unknown): string[] {
    const out = ownArray<string>();
    if (p === undefined) return out;
    if (typeof p === 'string' || p === null || (typeof p !== 'object' && typeof p !== 'function')) {
      out[0] = clamp(typeof p === 'string' ? p : `${p as string}`, 256);
      return out;
    }
    if (!n.isArray(p)) return out;
    const len = (p as unknown[]).length;
    for (let i = 0; i < len && out.length < 64; i++) {
      const v = (p as unknown[])[i];
      if (typeof v === 'string') out[out.length] = clamp(v, 256);
    }
    return out;
  }

  const arrayProto = win.Array.prototype;
  const arrayValues = n.getOwnPropertyDescriptor(arrayProto, win.Symbol.iterator)?.value as unknown;
  const arrayIteratorProto = win.Object.getPrototypeOf(win.Object.getPrototypeOf([][win.Symbol.iterator]())) as object;
  const arrayIteratorNext = n.getOwnPropertyDescriptor(arrayIteratorProto, 'next')?.value as unknown;
  /**
   * `new WebSocket(url, ['a', 'a'])`: the protocols array is iterated (WebIDL sequence
   * conversion) with Array.prototype[Symbol.iterator] and %ArrayIteratorPrototype%.next. While
   * both are the originals and every element is a string, no page code ran. Only read on the
   * error path. (A Proxy of an array would have run its traps: not told apart here.)
   */
  function plainProtocols(args: unknown[]): boolean {
    const p = args[1];
    if (!isPrimitive(args[0]) || !n.isArray(p)) return false;
    if (n.getOwnPropertyDescriptor(arrayProto, win.Symbol.iterator)?.value !== arrayValues) return false;
    if (n.getOwnPropertyDescriptor(arrayIteratorProto, 'next')?.value !== arrayIteratorNext) return false;
    const len = (p as unknown[]).length;
    for (let i = 0; i < len; i++) if (typeof n.getOwnPropertyDescriptor(p as object, i)?.value !== 'string') return false;
    return true;
  }

  function construct(target: typeof WebSocket, args: unknown[], newTarget: Function) {
    let ws: WebSocket;
    try {
      ws = n.reflectConstruct(target, args, newTarget) as WebSocket;
    } catch (e) {
      // Native errors (bad URL, duplicate protocols …) propagate, with the page's stack when the
      // arguments ran no page code (an object URL's toString, an iterable's iterator may have).
      throw primitives(args) || plainProtocols(args) ? ctx.restack(e, construct) : e;
    }
    try {
      observe(ws, args);
    } catch {
      // observation failed: the page still gets its socket
    }
    return ws;
  }
  const Wrapper = new n.NativeProxy(Native, { __proto__: null, construct } as ProxyHandler<typeof WebSocket>);
  masker.mask(Wrapper, Native);

  // send() converts an object that is no ArrayBuffer, view or Blob with ToString (page code);
  // everything else it takes runs no page code, so its errors are re-captured.
  const nativeSend = (target: (data: unknown) => void, thisArg: unknown, args: unknown[]) => {
    try {
      return n.reflectApply(target, thisArg, args);
    } catch (e) {
      throw args.length === 0 || dataKind(n, args[0]) !== OTHER_OBJECT ? ctx.restack(e, send) : e;
    }
  };
  function send(target: (data: unknown) => void, thisArg: unknown, args: unknown[]) {
    const conn = n.weakMapGet(conns as WeakMap<object, unknown>, thisArg) as WsConn | undefined;
    if (conn === undefined || args.length === 0) return nativeSend(target, thisArg, args);
    // Sends held by a fault: the native send() is not called (yet) while the socket is open.
    if (conn.f !== null && readyState(thisArg as WebSocket) === 1 && conn.f.hold(args)) return undefined;
    let data = args[0];
    const kind = dataKind(n, data);
    if (kind === OTHER_OBJECT) {
      // send() would run ToString on it; do it once here and pass the string, so page code
      // (a custom toString) runs exactly once, as without the hook. Throws propagate as natively.
      data = `${data as string}`;
      args[0] = data;
    }
    const result = nativeSend(target, thisArg, args);
    try {
      const t = ctx.now();
      recordPayload(ctx, conn, t, 'out', data, kind === OTHER_OBJECT ? TEXT : kind, bufferedAmount(thisArg as WebSocket));
    } catch {
      // see above
    }
    return result;
  }
  masker.wrap(proto, 'send', { __proto__: null, apply: send } as ProxyHandler<(data: unknown) => void>);

  // close(code, reason) converts objects with ToNumber / ToString (page code).
  function close(target: () => void, thisArg: unknown, args: unknown[]) {
    let result: unknown;
    try {
      result = n.reflectApply(target, thisArg, args);
    } catch (e) {
      throw primitives(args) ? ctx.restack(e, close) : e;
    }
    try {
      const conn = n.weakMapGet(conns as WeakMap<object, unknown>, thisArg) as ConnState | undefined;
      if (conn !== undefined) {
        ctx.emit(conn, { __proto__: P, k: 'close-call', c: conn.c, t: ctx.now(), code: closeCode(args[0]), reason: closeReason(args[1]) } as HookRecord);
      }
    } catch {
      // see above
    }
    return result;
  }
  masker.wrap(proto, 'close', { __proto__: null, apply: close } as ProxyHandler<() => void>);

  masker.replace(proto, 'constructor', Wrapper);
  masker.replace(win, 'WebSocket', Wrapper);
}
