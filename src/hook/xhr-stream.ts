// XMLHttpRequest streaming: SSE or NDJSON read progressively from `xhr.responseText` (what
// EventSource polyfills such as sse.js and event-source-polyfill's XHR transport do on every
// `progress` event). Recorded as `fetch-stream` connections with `api: 'xhr'`.
//
// As for fetch() (fetch-stream.ts), we observe the page's own reads and insert nothing: the
// `responseText` and `response` getters of XMLHttpRequest.prototype are masked Proxies that call
// the native first. On the first read after the response headers arrived, the Content-Type
// decides, once per request, whether it is a stream we record (before any byte is copied); every
// other XHR then costs one WeakMap lookup per read, and an XHR whose page never reads its text
// (responseType json / arraybuffer / blob, or nothing read) never reaches our code. A recorded
// request's chunks are what `responseText` grew by between the page's reads (the text the
// browser decoded; sliced, never re-read from the network).
//
// The end: a `loadend` listener of ours on recorded requests only (added with the native
// addEventListener, after the page's listeners; the page reads responseText in its own progress
// listener, so a request we record is already kept alive by those). It records the text the
// page has not read yet, then who ended it: `server` (load), `error` (network error, timeout,
// window.stop(): status 0). `abort()` and a new `open()` on the same object are Proxies too
// (one WeakMap lookup for ordinary XHRs): the page's abort is recorded before the native call,
// like a reader's cancel().

import { LIMITS, type HookRecord, type StreamEndBy, type StreamFormat } from '../contracts/protocol';
import { clamp, clampUrl, type HookContext } from './context';
import { NO_PAGE_PROTO, stringSlice } from './intrinsics';
import { RECORD_OVERHEAD_CHARS } from './payload';
import { primitives } from './restack';
import type { StreamConn } from './stream-end';
import { recordStreamText } from './stream-chunk';
import { streamFormatOf } from './stream-type';

const P = NO_PAGE_PROTO as Record<string, never>;

const HEADERS_RECEIVED = 2;
const DONE = 4;

interface XhrStream {
  conn: StreamConn;
  /** How many characters of responseText are recorded. */
  seen: number;
}

export function wrapXhrStreams(ctx: HookContext): void {
  try {
    install(ctx);
  } catch {
    // A browser without one of these natives: the other kinds are still recorded.
  }
}

function install(ctx: HookContext): void {
  const { n, masker } = ctx;
  const X = n.win.XMLHttpRequest;
  if (typeof X !== 'function') return;
  const proto = X.prototype;
  const getter = <T>(name: string) => {
    const get = n.getOwnPropertyDescriptor(proto, name)?.get;
    if (!get) throw new n.NativeError(name);
    return n.uncurry(get as (this: XMLHttpRequest) => T);
  };
  const readyState = getter<number>('readyState');
  const status = getter<number>('status');
  const statusText = getter<string>('statusText');
  const responseURL = getter<string>('responseURL');
  const responseText = getter<string>('responseText');
  const header = n.uncurry(proto.getResponseHeader) as (x: XMLHttpRequest, name: string) => string | null;

  /** Per request: undefined = not decided yet, null = not a stream, else the recorded stream. */
  const streams = new n.NativeWeakMap<object, XhrStream | null>();
  /** XHR objects our loadend listener is on (once per object, whatever it is reused for). */
  const listening = new n.NativeWeakMap<object, boolean>();
  const get = (x: unknown) => n.weakMapGet(streams as WeakMap<object, unknown>, x) as XhrStream | null | undefined;

  function end(s: XhrStream, by: StreamEndBy) {
    if (s.conn.ended) return;
    s.conn.ended = true;
    ctx.emit(s.conn, { __proto__: P, k: 'stream-end', c: s.conn.c, t: ctx.now(), by } as HookRecord);
  }

  /** Records what responseText grew by since the last record. */
  function take(s: XhrStream, text: string) {
    if (s.conn.ended || text.length <= s.seen) return;
    const part = s.seen === 0 ? text : stringSlice(text, s.seen);
    s.seen = text.length;
    recordStreamText(ctx, s.conn, ctx.now(), part);
  }

  /** The text the page has not read yet, then the end (the request finished or is replaced). */
  function finish(x: XMLHttpRequest, s: XhrStream, by: StreamEndBy) {
    if (s.conn.ended) return;
    try {
      take(s, responseText(x));
    } catch {
      // responseType changed: nothing more to read
    }
    end(s, by);
  }

  function onLoadEnd(this: XMLHttpRequest, ev: Event) {
    try {
      if (ev.isTrusted !== true) return; // own and unforgeable: a page-dispatched loadend is ignored
      const s = get(this);
      if (s) finish(this, s, status(this) === 0 ? 'error' : 'server');
    } catch {
      // nothing of ours may reach the page
    }
  }

  function decide(x: XMLHttpRequest, format: StreamFormat): XhrStream {
    const t = ctx.now();
    const conn = { __proto__: P, c: ctx.nextId(), queue: null, ended: false } as StreamConn;
    const url = clampUrl(responseURL(x));
    const stack = ctx.stack();
    ctx.emit(conn, { __proto__: P, k: 'create', c: conn.c, t, kind: 'fetch-stream', api: 'xhr', url, frameUrl: clampUrl(n.locationHref()), stack } as HookRecord, RECORD_OVERHEAD_CHARS + (stack?.length ?? 0));
    const contentType = header(x, 'content-type');
    const contentEncoding = header(x, 'content-encoding');
    ctx.emit(conn, {
      __proto__: P,
      k: 'open',
      c: conn.c,
      t,
      status: status(x),
      statusText: clamp(statusText(x), 1024),
      contentType: contentType === null ? undefined : clamp(contentType, 1024),
      contentEncoding: contentEncoding === null ? undefined : clamp(contentEncoding, LIMITS.maxEventTypeChars),
      responseUrl: url,
      streamFormat: format,
    } as HookRecord);
    if (n.weakMapGet(listening as WeakMap<object, unknown>, x) !== true) {
      n.weakMapSet(listening as WeakMap<object, unknown>, x, true);
      n.addEventListener(x, 'loadend', onLoadEnd as EventListener);
    }
    return { __proto__: P, conn, seen: 0 } as XhrStream;
  }

  /** The page read `text` from `x`'s responseText (or response). */
  function observe(x: object, text: string) {
    let s = get(x);
    if (s === null) return;
    if (s === undefined) {
      // Before the headers there is nothing to decide on: decide at a later read.
      if (readyState(x as XMLHttpRequest) < HEADERS_RECEIVED) return;
      const format = streamFormatOf(header(x as XMLHttpRequest, 'content-type'));
      s = format === undefined ? null : decide(x as XMLHttpRequest, format);
      n.weakMapSet(streams as WeakMap<object, unknown>, x, s);
      if (s === null) return;
    }
    take(s, text);
    // Done (state 4 is set before the last progress and load events): the text is complete. A
    // synchronous XHR gets here only after its loadend, which our listener never saw.
    if (readyState(x as XMLHttpRequest) === DONE) end(s, status(x as XMLHttpRequest) === 0 ? 'error' : 'server');
  }

  function textGetter(name: 'responseText' | 'response') {
    const d = n.getOwnPropertyDescriptor(proto, name);
    const native = d?.get;
    if (!d || !native) throw new n.NativeError(name);
    function read(target: () => unknown, thisArg: unknown, args: unknown[]) {
      let v: unknown;
      try {
        v = n.reflectApply(target, thisArg, args);
      } catch (e) {
        throw ctx.restack(e, read); // a getter: no page code ran
      }
      // `response` is a string only for responseType "" / "text": the same text.
      if (typeof v === 'string') {
        try {
          observe(thisArg as object, v);
        } catch {
          // the page still gets its text
        }
      }
      return v;
    }
    const wrapped = new n.NativeProxy(native, { __proto__: null, apply: read } as ProxyHandler<() => unknown>);
    masker.mask(wrapped, native);
    n.defineProperty(proto, name, { __proto__: null, get: wrapped, set: d.set, enumerable: d.enumerable, configurable: d.configurable } as PropertyDescriptor);
  }
  textGetter('responseText');
  textGetter('response');

  // abort(): recorded before the native call (which resets responseText), with the text so far.
  function abort(target: Function, thisArg: unknown, args: unknown[]) {
    try {
      const s = get(thisArg);
      if (s) {
        const rs = readyState(thisArg as XMLHttpRequest);
        if (rs !== DONE) finish(thisArg as XMLHttpRequest, s, 'abort');
      }
    } catch {
      // see above
    }
    try {
      return n.reflectApply(target, thisArg, args);
    } catch (e) {
      throw ctx.restack(e, abort); // abort() takes no arguments
    }
  }
  masker.wrap(proto, 'abort', { __proto__: null, apply: abort } as ProxyHandler<Function>);

  // open() on a used object starts a new request (and silently ends one in flight).
  function open(target: Function, thisArg: unknown, args: unknown[]) {
    try {
      const s = get(thisArg);
      if (s !== undefined) {
        if (s) {
          const x = thisArg as XMLHttpRequest;
          finish(x, s, readyState(x) !== DONE ? 'abort' : status(x) === 0 ? 'error' : 'server');
        }
        n.weakMapSet(streams as WeakMap<object, unknown>, thisArg as object, undefined);
      }
    } catch {
      // see above
    }
    try {
      return n.reflectApply(target, thisArg, args);
    } catch (e) {
      // A URL object's toString is page code: its errors stay as they are.
      throw primitives(args) ? ctx.restack(e, open) : e;
    }
  }
  masker.wrap(proto, 'open', { __proto__: null, apply: open } as ProxyHandler<Function>);
}
