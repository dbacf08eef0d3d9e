// Wraps window.EventSource the same way as WebSocket (see websocket.ts): a construct-trap Proxy
// returning the real native object, listeners added first through the native addEventListener,
// close() wrapped to record who closed.
//
// Named SSE events (`event: foo`) are dispatched only to listeners of type "foo", so the hook
// sees a named type only once the page listens to it: EventTarget.prototype.addEventListener is
// wrapped, and when the target is one of our EventSources and the type is new, our own listener
// for that type is added just before the page's (and a `listen` record says from when on that
// type is visible). Types nobody listens to stay invisible.
//
// Known limitation: our listeners keep otherwise-abandoned EventSources from being
// garbage-collected; EventSources in Workers and fetch()-based SSE are not reached.

import { LIMITS, type HookRecord } from '../contracts/protocol';
import { clamp, clampUrl, type HookContext } from './context';
import { NO_PAGE_PROTO, ownArray } from './intrinsics';

import type { ConnState } from './ordered-sink';
import { RECORD_OVERHEAD_CHARS, sseMessage } from './payload';
import { isPrimitive, primitives } from './restack';
import { createConnectionFaults, type ConnectionFaults } from './connection-faults';

/** See payload.ts: records never inherit from the page's Object.prototype. */
const P = NO_PAGE_PROTO as Record<string, never>;

/** The reason on the close-call record of an EventSource a fault closed (the page did not call close()). */
export const FAULT_CLOSE_REASON = 'closed by a fault (realtime-inspector)';

interface SseConn extends ConnState {
  /** Event types our listener is registered for, besides message/open/error. */
  types: string[];
  /** Our listener for the named types the page listens to (reads the event's type). */
  onNamed: (ev: Event) => void;
  /** lastEventId as the previous message record sent it; undefined before the first. */
  sentId: string | undefined;
  /** origin as a message record last sent it. */
  sentOrigin: string | undefined;
  /**
   * The origin of the current response is known. An EventSource message's origin is that of the
   * stream's final URL (HTML, "dispatch the event"): it can change only with a new response,
   * which begins with an open event, so it is read once per response, not per message.
   */
  originRead: boolean;
  /** Its faults once one was applied (null until then: docs/faults.md). */
  f: ConnectionFaults | null;
}

export function wrapEventSource(ctx: HookContext): void {
  const { n, masker } = ctx;
  const win = n.win;
  const Native = win.EventSource;
  if (typeof Native !== 'function') return;
  const proto = Native.prototype;
  const getter = <R>(name: string) => {
    const get = n.getOwnPropertyDescriptor(proto, name)?.get;
    if (!get) throw new n.NativeError(name);
    return n.uncurry(get as (this: EventSource) => R);
  };
  const url = getter<string>('url');
  const readyState = getter<number>('readyState');
  const withCredentials = getter<boolean>('withCredentials');
  const conns = new n.NativeWeakMap<object, SseConn>();
  // Captured before it is wrapped below: a fault's own close() is not the page's.
  const protoClose = proto.close;
  const timeOrigin = n.timeOrigin;

  /** `named`: a listener of a named type (else "message", which records leave out). */
  function onMessage(conn: SseConn, ev: Event, named: boolean) {
    if (ev.isTrusted !== true) return;
    const t = timeOrigin + n.eventTimeStamp(ev);
    const me = ev as MessageEvent;
    const data = n.messageData(me);
    if (typeof data !== 'string') return;
    // Only what changed since the connection's previous record is sent (payload.ts sseMessage).
    let lastEventId: string | undefined = clamp(n.messageLastEventId(me), LIMITS.maxLastEventIdChars);
    if (lastEventId === conn.sentId) lastEventId = undefined;
    else conn.sentId = lastEventId;
    let origin: string | undefined;
    if (!conn.originRead) {
      conn.originRead = true;
      origin = clampUrl(n.messageOrigin(me));
      if (origin === conn.sentOrigin) origin = undefined;
      else conn.sentOrigin = origin;
    }
    const rec = sseMessage(conn.c, t, data, ctx.cap, named ? clamp(n.eventType(ev), LIMITS.maxEventTypeChars) : undefined, lastEventId, origin);
    ctx.emit(conn, rec, data.length + RECORD_OVERHEAD_CHARS);
    if (conn.f !== null) conn.f.message(me);
  }

  function observe(es: EventSource) {
    const conn = {
      __proto__: P,
      f: null,
      c: ctx.nextId(),
      queue: null,
      types: ownArray<string>(),
      onNamed: (ev: Event) => {
        try {
          onMessage(conn, ev, true);
        } catch {
          // nothing of ours may reach the page's onerror
        }
      },
      sentId: undefined,
      sentOrigin: undefined,
      originRead: false,
    } as unknown as SseConn;
    const onDefault = (ev: Event) => {
      try {
        onMessage(conn, ev, false);
      } catch {
        // see above
      }
    };
    n.weakMapSet(conns as WeakMap<object, unknown>, es, conn);
    ctx.faults.register(conn.c, (cmd) => {
      try {
        conn.f ??= createConnectionFaults({
          ctx,
          kind: 'eventsource',
          ws: es as unknown as WebSocket,
          conn,
          readyState: (x) => readyState(x as unknown as EventSource),
          nativeClose: (x) => n.reflectApply(protoClose, x, []),
          nativeSend: () => {},
          recordOut: () => {},
          closedByFault: () => {
            ctx.faults.unregister(conn.c);
            ctx.emit(conn, { __proto__: P, k: 'close-call', c: conn.c, t: ctx.now(), reason: FAULT_CLOSE_REASON } as HookRecord);
          },
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
      kind: 'eventsource',
      url: clampUrl(url(es)),
      withCredentials: withCredentials(es),
      frameUrl: clampUrl(n.locationHref()),
      stack,
    } as HookRecord;
    ctx.emit(conn, rec, RECORD_OVERHEAD_CHARS + (stack?.length ?? 0));

    n.addEventListener(es, 'open', (ev: Event) => {
      try {
        if (ev.isTrusted !== true) return;
        conn.originRead = false; // a new response: its messages' origin is read again
        ctx.emit(conn, { __proto__: P, k: 'open', c: conn.c, t: timeOrigin + n.eventTimeStamp(ev) } as HookRecord);
      } catch {
        // see above
      }
    });
    n.addEventListener(es, 'message', onDefault);
    n.addEventListener(es, 'error', (ev: Event) => {
      try {
        if (ev.isTrusted !== true) return;
        // readyState 0 after an error: the browser reconnects by itself; 2: it gave up.
        const state = readyState(es);
        ctx.emit(conn, { __proto__: P, k: 'error', c: conn.c, t: timeOrigin + n.eventTimeStamp(ev), readyState: state } as HookRecord);
        // Given up for good: no fault can reach it any more (and the entry must not keep it alive).
        if (state === 2) ctx.faults.unregister(conn.c);
      } catch {
        // see above
      }
    });
  }

  function listen(conn: SseConn, es: EventSource, type: unknown, callback: unknown) {
    if (typeof type !== 'string' || type === 'message' || type === 'open' || type === 'error') return;
    if (callback === null || (typeof callback !== 'object' && typeof callback !== 'function')) return;
    const types = conn.types;
    for (let i = 0; i < types.length; i++) if (types[i] === type) return;
    types[types.length] = type;
    n.addEventListener(es, type, conn.onNamed);
    ctx.emit(conn, { __proto__: P, k: 'listen', c: conn.c, t: ctx.now(), eventType: clamp(type, LIMITS.maxEventTypeChars) } as HookRecord);
  }

  function construct(target: typeof EventSource, args: unknown[], newTarget: Function) {
    let es: EventSource;
    try {
      es = n.reflectConstruct(target, args, newTarget) as EventSource;
    } catch (e) {
      // The page's stack, unless page code may have run (an object URL, an init dictionary).
      throw primitives(args) ? ctx.restack(e, construct) : e;
    }
    try {
      observe(es);
    } catch {
      // observation failed: the page still gets its EventSource
    }
    return es;
  }
  const Wrapper = new n.NativeProxy(Native, { __proto__: null, construct } as ProxyHandler<typeof EventSource>);
  masker.mask(Wrapper, Native);

  function close(target: () => void, thisArg: unknown, args: unknown[]) {
    let result: unknown;
    try {
      result = n.reflectApply(target, thisArg, args);
    } catch (e) {
      throw ctx.restack(e, close); // close() takes no arguments: no page code ran
    }
    try {
      const conn = n.weakMapGet(conns as WeakMap<object, unknown>, thisArg) as SseConn | undefined;
      if (conn !== undefined) {
        ctx.faults.unregister(conn.c);
        ctx.emit(conn, { __proto__: P, k: 'close-call', c: conn.c, t: ctx.now() } as HookRecord);
      }
    } catch {
      // see above
    }
    return result;
  }
  masker.wrap(proto, 'close', { __proto__: null, apply: close } as ProxyHandler<() => void>);

  // Runs for every addEventListener call on the page: one WeakMap lookup unless the target is
  // one of our EventSources.
  function addEventListener(target: EventTarget['addEventListener'], thisArg: unknown, args: unknown[]) {
    const conn = n.weakMapGet(conns as WeakMap<object, unknown>, thisArg) as SseConn | undefined;
    if (conn !== undefined) {
      try {
        listen(conn, thisArg as EventSource, args[0], args[1]);
      } catch {
        // see above
      }
    }
    try {
      return n.reflectApply(target, thisArg, args);
    } catch (e) {
      // A listener object is not read when it is added; an options object is (page getters).
      throw isPrimitive(args[0]) && primitives(args, 2) ? ctx.restack(e, addEventListener) : e;
    }
  }
  masker.wrap(win.EventTarget.prototype, 'addEventListener', { __proto__: null, apply: addEventListener } as ProxyHandler<EventTarget['addEventListener']>);

  masker.replace(proto, 'constructor', Wrapper);
  masker.replace(win, 'EventSource', Wrapper);
}
