// The hook's side of the private channel: records are buffered and sent as ONE JSON string per
// batch, so JSON encoding stays out of the per-message path. A batch goes out a fixed time after
// its first record, or in a task of our own as soon as it reaches a record count or an
// (estimated) size — never inside the page's event dispatch, where the page's next handler would
// wait for it — or at once when a connection ends, or when asked (pagehide, the relay's flush
// request). Only a buffer that reaches
// the hard cap (a burst faster than tasks run) is sent at once, so memory stays bounded: at most
// `hardRecords` records or `hardChars` estimated characters. Records are never dropped or
// reordered here.

import { FRAME_MIN_CHARS, frameBatch } from '../contracts/batch-frame';
import type { HookRecord } from '../contracts/protocol';
import { NO_PAGE_PROTO, ownArray } from './intrinsics';

export interface ChannelOptions {
  flushRecords: number;
  flushChars: number;
  flushMs: number;
  /** Sent at once, inside the current dispatch, only past these: the bound of what is buffered. */
  hardRecords: number;
  hardChars: number;
  /** Hard cap of one batch string: a bigger batch is split (a single record is sent as is). */
  maxBatchChars: number;
  /** Sends one batch; must not throw. */
  dispatch: (payload: string) => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  stringify: (records: HookRecord[]) => string;
  /** The buffer went from empty to holding records (install.ts guards teardown while it holds). */
  onHolding?: () => void;
}

export interface Channel {
  /** `chars` is a cheap estimate of the record's JSON length. */
  push(rec: HookRecord, chars: number): void;
  flush(): void;
  /** Records waiting in the buffer. */
  held(): number;
}

/** A WebSocket's close, an EventSource's close() or the error after which it gives up. */
function endsConnection(rec: HookRecord): boolean {
  return rec.k === 'close' || rec.k === 'close-call' || (rec.k === 'error' && rec.readyState >= 2);
}

/** Where a framed record keeps its payload until the batch string is made. */
const PAYLOAD = Symbol('payload');

/** The framed payloads of a batch, in record order. */
function framedPayloads(batch: readonly HookRecord[]): string[] {
  const out = ownArray<string>();
  for (let i = 0; i < batch.length; i++) {
    const data = (batch[i] as { [PAYLOAD]?: string })[PAYLOAD];
    if (data !== undefined) out[out.length] = data;
  }
  return out;
}

export function createChannel(o: ChannelOptions): Channel {
  // Batches are arrays without Array.prototype (intrinsics.ts): JSON.stringify's `toJSON` lookup
  // and indexed stores never reach the page.
  let buf = ownArray<HookRecord>();
  let chars = 0;
  let timer: unknown = null;
  /** The pending timer is the 0-ms one of a full batch (not the flushMs one of a first record). */
  let soon = false;

  const onTimer = () => {
    timer = null;
    soon = false;
    flush();
  };

  function send(batch: HookRecord[]) {
    const payload = frameBatch(o.stringify(batch), framedPayloads(batch));
    if (payload.length > o.maxBatchChars && batch.length > 1) {
      const half = batch.length >> 1;
      // Not batch.slice(): its species lookup would make a plain array.
      const a = ownArray<HookRecord>();
      const b = ownArray<HookRecord>();
      for (let i = 0; i < batch.length; i++) (i < half ? a : b)[i < half ? i : i - half] = batch[i]!;
      send(a);
      send(b);
      return;
    }
    o.dispatch(payload);
  }

  function flush() {
    if (timer !== null) {
      o.clearTimer(timer);
      timer = null;
      soon = false;
    }
    if (buf.length === 0) return;
    const batch = buf;
    buf = ownArray<HookRecord>();
    chars = 0;
    send(batch);
  }

  function push(rec: HookRecord, n: number) {
    // A large payload travels outside the batch's JSON (batch-frame.ts): never JSON-escaped. A
    // new literal (assigning a missing field would run a setter the page put on Object.prototype;
    // its prototype is NO_PAGE_PROTO like every record's) keeps it under a symbol that
    // JSON.stringify skips and no page script can name.
    if (rec.k === 'message' && rec.data !== undefined && rec.data.length >= FRAME_MIN_CHARS) {
      rec = { __proto__: NO_PAGE_PROTO, ...rec, data: undefined, dl: rec.data.length, [PAYLOAD]: rec.data } as unknown as HookRecord;
    }
    buf[buf.length] = rec;
    chars += n;
    if (buf.length === 1) o.onHolding?.();
    // The end of a connection is sent at once, before the page's own close handler runs: a page
    // that reacts by closing its window (a login popup closed by its opener, an iframe removed)
    // must not take the connection's records with it. Rare, so the page does not pay for it.
    if (buf.length >= o.hardRecords || chars >= o.hardChars || endsConnection(rec)) flush();
    else if (buf.length >= o.flushRecords || chars >= o.flushChars) {
      if (soon) return;
      if (timer !== null) o.clearTimer(timer);
      timer = o.setTimer(onTimer, 0);
      soon = true;
    } else if (timer === null) timer = o.setTimer(onTimer, o.flushMs);
  }

  return { push, flush, held: () => buf.length };
}
