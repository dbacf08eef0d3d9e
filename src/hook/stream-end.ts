// How a recorded fetch body ended, as one `stream-end` record per connection: the first cause
// seen wins (a page's cancel() is recorded when it is called, before the stream closes). Errors
// are told apart by brand, never by page-visible properties: a network failure is a TypeError,
// anything else the body errors with is the abort signal's reason (an AbortError by default).

import type { HookRecord, StreamEndBy } from '../contracts/protocol';
import type { HookContext } from './context';
import { NO_PAGE_PROTO } from './intrinsics';
import type { ConnState } from './ordered-sink';

const P = NO_PAGE_PROTO as Record<string, never>;

export interface StreamConn extends ConnState {
  ended: boolean;
  /** A WebSocketStream's readable (websocket-stream.ts): each read is a message, its end is the socket's close. */
  message?: true;
}

export interface StreamEnds {
  end(conn: StreamConn, by: StreamEndBy, error?: string): void;
  /** The body errored with `e`. */
  failed(conn: StreamConn, e: unknown): void;
}

export function createStreamEnds(ctx: HookContext): StreamEnds {
  const { n } = ctx;
  const win = n.win;
  const getPrototypeOf = win.Reflect.getPrototypeOf;
  const TypeErrorProto = win.TypeError.prototype;
  const get = n.getOwnPropertyDescriptor(win.DOMException.prototype, 'name')?.get;
  const domName = get ? n.uncurry(get as (this: DOMException) => string) : undefined;

  function end(conn: StreamConn, by: StreamEndBy, error?: string) {
    if (conn.ended) return;
    conn.ended = true;
    if (conn.message === true) return; // a WebSocketStream's close is recorded from its `closed`
    ctx.emit(conn, { __proto__: P, k: 'stream-end', c: conn.c, t: ctx.now(), by, error } as HookRecord);
  }

  function failed(conn: StreamConn, e: unknown) {
    let name: string | undefined;
    if (domName !== undefined && typeof e === 'object' && e !== null) {
      try {
        name = domName(e as DOMException); // the native getter: throws for anything but a DOMException
      } catch {
        // not a DOMException
      }
    }
    if (name === undefined && typeof e === 'object' && e !== null && getPrototypeOf(e) === TypeErrorProto) {
      end(conn, 'error', 'TypeError');
      return;
    }
    end(conn, 'abort', name !== undefined && name.length <= 128 ? name : undefined);
  }

  return { end, failed };
}
