// Streamed fetch() responses (SSE and newline-delimited JSON read by the page, the LLM-API case).
// Nothing is attached to fetch() itself: a reaction on the promise fetch() returns would mark it
// handled, and a failed fetch the page leaves unhandled would no longer fire
// `unhandledrejection`. Instead the `body` getter of Response.prototype is a Proxy: when the page
// first reads `response.body` of a response that came from the network (type is not "default",
// i.e. not `new Response(…)`), the Content-Type decides, once, whether it is a stream we record.
// Only then are records made (create + open) and the body's reads observed (stream-reads.ts);
// every other response costs one WeakMap lookup per `body` read, and responses consumed with
// text() / json() / arrayBuffer() never reach our code at all.

import { LIMITS, type HookRecord, type StreamFormat } from '../contracts/protocol';
import { clamp, clampUrl, type HookContext } from './context';
import { NO_PAGE_PROTO } from './intrinsics';
import { RECORD_OVERHEAD_CHARS } from './payload';
import { streamFormatOf } from './stream-type';
import { wrapStreamReads, type StreamConn } from './stream-reads';

const P = NO_PAGE_PROTO as Record<string, never>;

/** What the body getter decided about a response: null = not a stream we record. */
interface Pending {
  format: StreamFormat;
  /** When the page first read `response.body`. */
  t: number;
  res: Response;
  conn: StreamConn | null;
}

/** `others`: further recorded streams (a WebSocketStream's readable), asked when a stream is no body of ours. */
export function wrapFetchStreams(ctx: HookContext, others?: (stream: object) => StreamConn | undefined): void {
  try {
    install(ctx, others);
  } catch {
    // A browser without one of these natives: WebSocket and EventSource are still recorded.
  }
}

function install(ctx: HookContext, others?: (stream: object) => StreamConn | undefined): void {
  const { n, masker } = ctx;
  const win = n.win;
  const R = win.Response;
  const H = win.Headers;
  if (typeof R !== 'function' || typeof H !== 'function' || typeof win.ReadableStream !== 'function') return;
  const proto = R.prototype;
  const getter = <T>(name: string) => {
    const get = n.getOwnPropertyDescriptor(proto, name)?.get;
    if (!get) throw new n.NativeError(name);
    return n.uncurry(get as (this: Response) => T);
  };
  const headersOf = getter<Headers>('headers');
  const typeOf = getter<string>('type');
  const statusOf = getter<number>('status');
  const statusTextOf = getter<string>('statusText');
  const urlOf = getter<string>('url');
  const headerGet = n.uncurry(H.prototype.get) as (h: Headers, name: string) => string | null;
  const bodyDesc = n.getOwnPropertyDescriptor(proto, 'body');
  const bodyGet = bodyDesc?.get;
  if (!bodyDesc || !bodyGet) return;

  /** Responses already decided (the Pending, or null); body streams of recorded responses. */
  const responses = new n.NativeWeakMap<object, Pending | null>();
  const streams = new n.NativeWeakMap<object, Pending>();

  function decide(res: Response): Pending | null {
    // A response the page made itself ("default") is not traffic.
    if (typeOf(res) === 'default') return null;
    const contentType = headerGet(headersOf(res), 'content-type');
    const format = streamFormatOf(contentType);
    return format === undefined ? null : ({ __proto__: P, format, t: ctx.now(), res, conn: null } as Pending);
  }

  /** The connection of a recorded body, made when the page first takes a reader of it. */
  function connOf(stream: object): StreamConn | undefined {
    const p = n.weakMapGet(streams as WeakMap<object, unknown>, stream) as Pending | undefined;
    if (p === undefined) return others?.(stream);
    if (p.conn !== null) return p.conn;
    const conn = { __proto__: P, c: ctx.nextId(), queue: null, ended: false } as StreamConn;
    p.conn = conn;
    const res = p.res;
    const url = clampUrl(urlOf(res));
    const stack = ctx.stack();
    ctx.emit(conn, { __proto__: P, k: 'create', c: conn.c, t: p.t, kind: 'fetch-stream', url, frameUrl: clampUrl(n.locationHref()), stack } as HookRecord, RECORD_OVERHEAD_CHARS + (stack?.length ?? 0));
    const h = headersOf(res);
    const contentType = headerGet(h, 'content-type');
    const contentEncoding = headerGet(h, 'content-encoding');
    ctx.emit(conn, {
      __proto__: P,
      k: 'open',
      c: conn.c,
      t: p.t,
      status: statusOf(res),
      statusText: clamp(statusTextOf(res), 1024),
      contentType: contentType === null ? undefined : clamp(contentType, 1024),
      contentEncoding: contentEncoding === null ? undefined : clamp(contentEncoding, LIMITS.maxEventTypeChars),
      responseUrl: url,
      streamFormat: p.format,
    } as HookRecord);
    return conn;
  }

  function body(target: () => ReadableStream | null, thisArg: unknown, args: unknown[]) {
    let stream: ReadableStream | null;
    try {
      stream = n.reflectApply(target, thisArg, args) as ReadableStream | null;
    } catch (e) {
      throw ctx.restack(e, body); // a getter: no arguments, no page code ran
    }
    if (stream === null) return stream;
    try {
      let p = n.weakMapGet(responses as WeakMap<object, unknown>, thisArg) as Pending | null | undefined;
      if (p === undefined) {
        p = decide(thisArg as Response);
        n.weakMapSet(responses as WeakMap<object, unknown>, thisArg as object, p);
      }
      // clone() replaces a response's body stream with a new one (a tee branch): map each.
      if (p !== null) n.weakMapSet(streams as WeakMap<object, unknown>, stream, p);
    } catch {
      // the page still gets its body
    }
    return stream;
  }
  const wrapped = new n.NativeProxy(bodyGet, { __proto__: null, apply: body } as ProxyHandler<() => ReadableStream | null>);
  masker.mask(wrapped, bodyGet);
  n.defineProperty(proto, 'body', { __proto__: null, get: wrapped, set: bodyDesc.set, enumerable: bodyDesc.enumerable, configurable: bodyDesc.configurable } as PropertyDescriptor);

  // tee() of a recorded body: each branch the page reads is its own connection, as after clone()
  // (the body itself is then locked by the native tee, never read through a reader of ours).
  function tee(target: Function, thisArg: unknown, args: unknown[]) {
    let branches: ReadableStream[];
    try {
      branches = n.reflectApply(target, thisArg, args) as ReadableStream[];
    } catch (e) {
      throw ctx.restack(e, tee); // tee() takes no arguments
    }
    try {
      const p = n.weakMapGet(streams as WeakMap<object, unknown>, thisArg) as Pending | undefined;
      if (p !== undefined && p.conn === null) {
        // The array the native made: its indices are own data properties, no page lookup.
        for (let i = 0; i < 2; i++) n.weakMapSet(streams as WeakMap<object, unknown>, branches[i]!, { __proto__: P, format: p.format, t: p.t, res: p.res, conn: null } as Pending);
      }
    } catch {
      // the page still gets its branches
    }
    return branches;
  }
  masker.wrap(win.ReadableStream.prototype, 'tee', { __proto__: null, apply: tee } as ProxyHandler<Function>);

  wrapStreamReads(ctx, connOf);
}
