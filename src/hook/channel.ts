// The hook's side of the private channel: records are buffered and sent as ONE JSON string per
// batch, so JSON encoding stays out of the per-message path. A batch goes out when it reaches a
// record count or an (estimated) size, or a fixed time after its first record, or when asked
// (pagehide, the relay's flush request). Records are never dropped or reordered here.

import type { HookRecord } from '../shared/protocol';
import { ownArray } from './intrinsics';

export interface ChannelOptions {
  flushRecords: number;
  flushChars: number;
  flushMs: number;
  /** Hard cap of one batch string: a bigger batch is split (a single record is sent as is). */
  maxBatchChars: number;
  /** Sends one batch; must not throw. */
  dispatch: (payload: string) => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  stringify: (records: HookRecord[]) => string;
}

export interface Channel {
  /** `chars` is a cheap estimate of the record's JSON length. */
  push(rec: HookRecord, chars: number): void;
  flush(): void;
}

export function createChannel(o: ChannelOptions): Channel {
  // Batches are arrays without Array.prototype (intrinsics.ts): JSON.stringify's `toJSON` lookup
  // and indexed stores never reach the page.
  let buf = ownArray<HookRecord>();
  let chars = 0;
  let timer: unknown = null;

  const onTimer = () => {
    timer = null;
    flush();
  };

  function send(batch: HookRecord[]) {
    const payload = o.stringify(batch);
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
    }
    if (buf.length === 0) return;
    const batch = buf;
    buf = ownArray<HookRecord>();
    chars = 0;
    send(batch);
  }

  function push(rec: HookRecord, n: number) {
    buf[buf.length] = rec;
    chars += n;
    if (buf.length >= o.flushRecords || chars >= o.flushChars) flush();
    else if (timer === null) timer = o.setTimer(onTimer, o.flushMs);
  }

  return { push, flush };
}
