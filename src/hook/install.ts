// Installs the hook into one window: captures natives, wraps WebSocket and EventSource, and
// sends records through the private channel. Called once per document, at document_start.

import { LIMITS, PORT_BATCH_EVENT, PORT_CAP_EVENT, PORT_FAULT_EVENT, PORT_FLUSH_EVENT, type HookRecord } from '../contracts/protocol';
import { base64FromBytes } from './base64';
import { createChannel } from './channel';
import { createFaultTargets, parseFaultCommand } from './fault-command';
import type { HookContext } from './context';
import { wrapEventSource } from './eventsource';
import { wrapFetchStreams } from './fetch-stream';
import { openPrivatePort } from './handshake';
import { createMasker } from './mask';
import { captureNatives, type Natives } from './natives';
import { createOrderedSink } from './ordered-sink';
import { RECORD_OVERHEAD_CHARS } from './payload';
import { createRestack } from './restack';
import { ownLocation, trimStack } from './stack';
import { wrapWebSocket } from './websocket';
import { wrapXhrStreams } from './xhr-stream';
import { wrapWebSocketStream } from './websocket-stream';
import type { StreamConn } from './stream-end';

/** How often the beforeunload guard checks whether records still wait (see onHolding below). */
const GUARD_CHECK_MS = 1000;

export interface InstallOptions {
  /** Payloads above this many bytes are recorded truncated (with their full size). */
  payloadCapBytes?: number;
}

/**
 * V8 formats a stack when it is first read and then looks up `Error.prepareStackTrace` with an
 * ordinary [[Get]] (v8/src/execution/messages.cc, ErrorUtils::FormatStackTrace): a page function
 * there, or a getter on Function.prototype / Object.prototype, would run inside our code and be
 * handed our frames. While we read ours, Error has an own data property `prepareStackTrace` =
 * undefined, which ends that lookup: added and deleted again when absent (no trace: same keys,
 * same order), swapped when the page set one. A page accessor there, or a read-only value, is
 * never called: no stack is recorded then. Firefox reads no such property.
 */
function pageStack(n: Natives, ownUrl: string | null): string | undefined {
  const E = n.NativeError as unknown as { new (): Error; prepareStackTrace?: unknown };
  const read = () => {
    const raw = n.errorStack(new E());
    return trimStack(typeof raw === 'string' ? raw : undefined, ownUrl, LIMITS.maxStackChars);
  };
  if (!n.ownErrorStack) return read();
  const d = n.getOwnPropertyDescriptor(E, 'prepareStackTrace');
  if (d === undefined) {
    const shield = { __proto__: null, value: undefined, writable: true, enumerable: false, configurable: true } as PropertyDescriptor;
    if (!n.reflectDefineProperty(E, 'prepareStackTrace', shield)) return undefined;
    try {
      return read();
    } finally {
      n.deleteProperty(E, 'prepareStackTrace');
    }
  }
  if (!('value' in d) || d.writable !== true) return undefined;
  if (d.value === undefined) return read();
  E.prepareStackTrace = undefined;
  try {
    return read();
  } finally {
    E.prepareStackTrace = d.value;
  }
}

export function install(win: Window & typeof globalThis, options: InstallOptions = {}): void {
  const n = captureNatives(win);
  // No relay took the port: nobody could store what we record (or a hook already runs here, a
  // second copy of this script): wrap nothing, so the page pays nothing.
  const port = openPrivatePort(win);
  if (!port) return;
  const cap = options.payloadCapBytes ?? LIMITS.payloadCapBytes;

  // The private channel: a CustomEvent dispatched on the handshake's port, which only the relay
  // listens on and no page object leads to. The init dictionary has a null prototype so that
  // page-defined Object.prototype getters are not read.
  const dispatch = (payload: string) => {
    if (__RI_ABLATE__ === 'no-dispatch') return;
    const init = { __proto__: null, detail: payload } as CustomEventInit<string>;
    n.dispatchEvent(port, new n.NativeCustomEvent(PORT_BATCH_EVENT, init));
  };
  const flushNow = () => {
    try {
      channel.flush();
    } catch {
      // nothing of ours may reach the page
    }
  };
  let guarding = false;
  const releaseGuard = () => {
    try {
      if (channel.held() > 0) {
        n.setTimeout(releaseGuard, GUARD_CHECK_MS);
        return;
      }
      n.removeEventListener(win, 'beforeunload', flushNow, true);
      guarding = false;
    } catch {
      // nothing of ours may reach the page
    }
  };
  const guardTeardown = () => {
    if (guarding) return;
    try {
      n.addEventListener(win, 'beforeunload', flushNow, true);
      guarding = true;
      n.setTimeout(releaseGuard, GUARD_CHECK_MS);
    } catch {
      // nothing of ours may reach the page
    }
  };
  const channel = createChannel({
    flushRecords: LIMITS.batchFlushRecords,
    flushChars: LIMITS.batchFlushChars,
    flushMs: LIMITS.batchFlushMs,
    hardRecords: LIMITS.batchHardRecords,
    hardChars: LIMITS.batchHardChars,
    maxBatchChars: LIMITS.maxBatchChars,
    dispatch,
    setTimer: n.setTimeout,
    clearTimer: n.clearTimeout as (h: unknown) => void,
    // Records and batches inherit from NO_PAGE_PROTO (intrinsics.ts): the `toJSON` lookups of
    // JSON.stringify end there, never on the page's Object.prototype / Array.prototype.
    stringify: (records: HookRecord[]) => n.stringify(records),
    // Chromium drops extension messages posted from `pagehide` when an opener closes a popup
    // (the frame is already being torn down; measured: a port message from beforeunload arrives,
    // one from pagehide or unload does not, though pagehide runs). So while records wait, a
    // beforeunload listener of ours sends them first. Not for ever: a beforeunload listener makes
    // Chromium ask the renderer before every navigation. Nor per batch: adding and removing it
    // cost ~0.2 ms a pair in Chromium (54 ms per 1,000 64 KiB messages, profiled). It stays
    // while traffic flows and goes at the first check, once a second, that finds nothing held.
    onHolding: guardTeardown,
  });
  const sink = createOrderedSink(channel.push);
  const restack = createRestack(n);
  const masker = createMasker(n);
  const toBase64 = n.toBase64;
  const ownUrl = ownLocation(n.errorStack(new n.NativeError()) as string | undefined);
  let lastId = 0;
  const faults = createFaultTargets();

  const ctx: HookContext = {
    faults,
    n,
    masker,
    restack,
    sink,
    cap,
    encode: toBase64 ? (bytes) => toBase64(bytes) : base64FromBytes,
    nextId: () => ++lastId,
    now: () => n.timeOrigin + n.performanceNow(),
    stack() {
      try {
        return pageStack(n, ownUrl);
      } catch {
        return undefined;
      }
    },
    emit: (conn, rec, chars = RECORD_OVERHEAD_CHARS) => {
      if (__RI_ABLATE__ === 'listener') return;
      sink.emit(conn, rec, chars);
    },
  };

  wrapWebSocket(ctx);
  wrapEventSource(ctx);
  // The WebSocketStream wrapper is installed after the body-read observers, which capture the
  // natives it wraps (WritableStream getWriter / write) first; they ask it about readables.
  let wssReadable: ((stream: object) => StreamConn | undefined) | undefined;
  wrapFetchStreams(ctx, (s) => wssReadable?.(s));
  wrapXhrStreams(ctx);
  wssReadable = wrapWebSocketStream(ctx);

  // Nothing may stay behind when the document goes away: pending Blob reads are sent as
  // placeholders (size known, data absent). Capture phase on window, registered before any page
  // listener, so the page cannot stop it.
  n.addEventListener(
    win,
    'pagehide',
    () => {
      try {
        sink.drainAll();
        channel.flush();
      } catch {
        // nothing of ours may reach the page
      }
    },
    true,
  );
  // The user's payload cap, passed on by the relay once the background welcomed it: payloads
  // are copied up to it from then on (never above the hook's own limit).
  n.addEventListener(
    port,
    PORT_CAP_EVENT,
    (ev: Event) => {
      try {
        const bytes = n.customEventDetail(ev as CustomEvent);
        if (typeof bytes === 'number' && bytes >= 0 && bytes <= LIMITS.payloadCapBytes && bytes === (bytes | 0)) ctx.cap = bytes;
      } catch {
        // see above
      }
    },
    true,
  );
  // A fault applied on purpose (docs/faults.md), for one connection of this document. Only the
  // relay can dispatch on the port; the command is one string, read with captured natives.
  n.addEventListener(
    port,
    PORT_FAULT_EVENT,
    (ev: Event) => {
      try {
        const cmd = parseFaultCommand(n, n.customEventDetail(ev as CustomEvent));
        if (cmd !== null) faults.apply(cmd);
      } catch {
        // nothing of ours may reach the page
      }
    },
    true,
  );
  // The relay asks for a flush (e.g. before an export). Records waiting for a Blob read stay.
  n.addEventListener(
    port,
    PORT_FLUSH_EVENT,
    () => {
      try {
        channel.flush();
      } catch {
        // see above
      }
    },
    true,
  );
}
