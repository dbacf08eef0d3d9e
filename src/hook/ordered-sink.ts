// Keeps each connection's records in order although some payloads (Blobs) are read
// asynchronously: while a read is pending for a connection, that connection's later records wait
// behind it. Other connections are not held up. Records go to the channel in order.

import type { HookRecord } from '../contracts/protocol';
import { NO_PAGE_PROTO, ownArray } from './intrinsics';

/** Queues and entries never inherit from the page's prototypes (intrinsics.ts). */
const P = NO_PAGE_PROTO as Record<string, never>;

export interface ConnState {
  /** The hook's per-document connection number (`c` in records). */
  readonly c: number;
  /** Non-null while a record of this connection waits for its payload. */
  queue: Entry[] | null;
}

export interface Entry {
  rec: HookRecord;
  chars: number;
  ready: boolean;
  /** Already handed to the channel (by drainAll); a late completion is then ignored. */
  sent: boolean;
}

export interface OrderedSink {
  emit(conn: ConnState, rec: HookRecord, chars: number): void;
  /** Reserves the record's place; `placeholder` is sent as is if the page goes away first. */
  hold(conn: ConnState, placeholder: HookRecord, chars: number): Entry;
  /** The held record is complete: sends it and whatever was waiting behind it. */
  release(conn: ConnState, entry: Entry, rec: HookRecord, chars: number): void;
  /** Sends everything that waits, placeholders included (pagehide: nothing may stay behind). */
  drainAll(): void;
}

export function createOrderedSink(push: (rec: HookRecord, chars: number) => void): OrderedSink {
  const blocked = ownArray<ConnState>();

  function unblock(conn: ConnState) {
    conn.queue = null;
    for (let i = 0; i < blocked.length; i++) {
      if (blocked[i] === conn) {
        for (let j = i + 1; j < blocked.length; j++) blocked[j - 1] = blocked[j]!;
        blocked.length--;
        return;
      }
    }
  }

  function drain(conn: ConnState) {
    const q = conn.queue;
    if (q === null) return;
    let i = 0;
    while (i < q.length && q[i]!.ready) {
      const e = q[i]!;
      e.sent = true;
      push(e.rec, e.chars);
      i++;
    }
    if (i === q.length) unblock(conn);
    else if (i > 0) {
      const rest = ownArray<Entry>();
      for (let j = i; j < q.length; j++) rest[rest.length] = q[j]!;
      conn.queue = rest;
    }
  }

  return {
    emit(conn, rec, chars) {
      const q = conn.queue;
      if (q === null) push(rec, chars);
      else q[q.length] = { __proto__: P, rec, chars, ready: true, sent: false } as Entry;
    },
    hold(conn, placeholder, chars) {
      const e = { __proto__: P, rec: placeholder, chars, ready: false, sent: false } as Entry;
      if (conn.queue === null) {
        const q = ownArray<Entry>();
        q[0] = e;
        conn.queue = q;
        blocked[blocked.length] = conn;
      } else conn.queue[conn.queue.length] = e;
      return e;
    },
    release(conn, entry, rec, chars) {
      if (entry.sent) return;
      entry.rec = rec;
      entry.chars = chars;
      entry.ready = true;
      drain(conn);
    },
    drainAll() {
      while (blocked.length > 0) {
        const conn = blocked[0]!;
        const q = conn.queue ?? ownArray<Entry>();
        for (let i = 0; i < q.length; i++) {
          q[i]!.sent = true;
          push(q[i]!.rec, q[i]!.chars);
        }
        unblock(conn);
      }
    },
  };
}
