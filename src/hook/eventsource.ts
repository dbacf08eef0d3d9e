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
import type { ConnState } from './ordered-sink';
import { RECORD_OVERHEAD_CHARS, sseMessage } from './payload';

interface SseConn extends ConnState {
  /** Event types our listener is registered for, besides message/open/error. */
  types: string[];
  onMessage: (ev: Event) => void;
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
  const timeOrigin = n.timeOrigin;

  function onMessage(conn: SseConn, ev: Event) {
    if (ev.isTrusted !== true) return;
    const t = timeOrigin + n.eventTimeStamp(ev);
    const me = ev as MessageEvent;
    const data = n.messageData(me);
    if (typeof data !== 'string') return;
    const rec = sseMessage(
      conn.c,
      t,
      data,
      ctx.cap,
      clamp(n.eventType(ev), LIMITS.maxEventTypeChars),
      clamp(n.messageLastEventId(me), LIMITS.maxLastEventIdChars),
      clampUrl(n.messageOrigin(me)),
    );
    ctx.emit(conn, rec, data.length + RECORD_OVERHEAD_CHARS);
  }

  function observe(es: EventSource) {
    const conn: SseConn = {
      c: ctx.nextId(),
      queue: null,
      types: [],
      onMessage: (ev: Event) => {
        try {
          onMessage(conn, ev);
        } catch {
          // nothing of ours may reach the page's onerror
        }
      },
    };
    n.weakMapSet(conns as WeakMap<object, unknown>, es, conn);
    const stack = ctx.stack();
    const rec: HookRecord = {
      k: 'create',
      c: conn.c,
      t: ctx.now(),
      kind: 'eventsource',
      url: clampUrl(url(es)),
      withCredentials: withCredentials(es),
      frameUrl: clampUrl(n.locationHref()),
      stack,
    };
    ctx.emit(conn, rec, RECORD_OVERHEAD_CHARS + (stack?.length ?? 0));

    n.addEventListener(es, 'open', (ev: Event) => {
      try {
        if (ev.isTrusted !== true) return;
        ctx.emit(conn, { k: 'open', c: conn.c, t: timeOrigin + n.eventTimeStamp(ev) });
      } catch {
        // see above
      }
    });
    n.addEventListener(es, 'message', conn.onMessage);
    n.addEventListener(es, 'error', (ev: Event) => {
      try {
        if (ev.isTrusted !== true) return;
        // readyState 0 after an error: the browser reconnects by itself; 2: it gave up.
        ctx.emit(conn, { k: 'error', c: conn.c, t: timeOrigin + n.eventTimeStamp(ev), readyState: readyState(es) });
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
    n.addEventListener(es, type, conn.onMessage);
    ctx.emit(conn, { k: 'listen', c: conn.c, t: ctx.now(), eventType: clamp(type, LIMITS.maxEventTypeChars) });
  }

  const Wrapper = new n.NativeProxy(Native, {
    __proto__: null,
    construct(target: typeof EventSource, args: unknown[], newTarget: Function) {
      const es = n.reflectConstruct(target, args, newTarget) as EventSource;
      try {
        observe(es);
      } catch {
        // observation failed: the page still gets its EventSource
      }
      return es;
    },
  } as ProxyHandler<typeof EventSource>);
  masker.mask(Wrapper, Native);

  masker.wrap(proto, 'close', {
    __proto__: null,
    apply(target: () => void, thisArg: unknown, args: unknown[]) {
      const result = n.reflectApply(target, thisArg, args);
      try {
        const conn = n.weakMapGet(conns as WeakMap<object, unknown>, thisArg) as SseConn | undefined;
        if (conn !== undefined) ctx.emit(conn, { k: 'close-call', c: conn.c, t: ctx.now() });
      } catch {
        // see above
      }
      return result;
    },
  } as ProxyHandler<() => void>);

  // Runs for every addEventListener call on the page: one WeakMap lookup unless the target is
  // one of our EventSources.
  masker.wrap(win.EventTarget.prototype, 'addEventListener', {
    __proto__: null,
    apply(target: EventTarget['addEventListener'], thisArg: unknown, args: unknown[]) {
      const conn = n.weakMapGet(conns as WeakMap<object, unknown>, thisArg) as SseConn | undefined;
      if (conn !== undefined) {
        try {
          listen(conn, thisArg as EventSource, args[0], args[1]);
        } catch {
          // see above
        }
      }
      return n.reflectApply(target, thisArg, args);
    },
  } as ProxyHandler<EventTarget['addEventListener']>);

  masker.replace(proto, 'constructor', Wrapper);
  masker.replace(win, 'EventSource', Wrapper);
}
