// The isolated-world relay: receives the hook's batches on the private port (handshake.ts), forwards them to
// the background over a runtime port, and keeps every batch until the background acknowledges
// that it is durably stored. A stopped service worker / unloaded event page disconnects the
// port; the relay reconnects and replays what was not acknowledged, in order. The background
// drops replays it already stored (dedup by sourceId + batchNo), so nothing is lost or doubled.

import {
  LIMITS,
  PORT_BATCH_EVENT,
  PORT_CAP_EVENT,
  PORT_FAULT_EVENT,
  PORT_FLUSH_EVENT,
  PROTOCOL_VERSION,
  isBackgroundToRelay,
  type BatchMessage,
  type MessageSerialization,
  type RelayToBackground,
} from '../contracts/protocol';
import type { Port } from '../contracts/port';
import { awaitHookPort } from './handshake';

/** The relay's runtime port to the background (a fake in tests). */
export type RelayPort = Port<RelayToBackground>;

export interface RelayDeps {
  /** The frame's window, where the hook offers its private port once (handshake.ts). */
  window: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  connect(): RelayPort;
  sourceId: string;
  frameUrl(): string;
  isTop: boolean;
  timeOrigin: number;
  setTimeout(fn: () => void, ms: number): unknown;
  /** Top frames connect at once so the background learns about each top-level load. */
  eager?: boolean;
}

/** Resend everything unacknowledged if the background made no progress for this long. */
export const RESEND_AFTER_MS = 3000;

export interface Relay {
  /** Batches posted but not acknowledged (for tests and diagnostics). */
  unacked(): number;
  dropped(): number;
  serialization(): MessageSerialization | null;
}

export function startRelay(deps: RelayDeps): Relay {
  const unacked: BatchMessage[] = [];
  let dropped = 0;
  let nextBatchNo = 1;
  let port: RelayPort | null = null;
  let dead = false; // the extension context is gone (update/uninstall): nothing can be sent any more
  let resendTimer = false;
  let lastProgress = 0;
  /** What the background saw of our hello's probe (null until its welcome). Batches are strings, which cross either way. */
  let serialization: MessageSerialization | null = null;

  const post = (message: RelayToBackground): void => {
    const p = ensurePort();
    if (!p) return;
    try {
      p.postMessage(message);
    } catch {
      port = null; // disconnected under us: the next post reconnects and replays
    }
  };

  function ensurePort(): RelayPort | null {
    if (port || dead) return port;
    try {
      const p = deps.connect();
      port = p;
      p.onMessage.addListener(onBackgroundMessage);
      p.onDisconnect.addListener(() => {
        if (port === p) port = null;
        // Reconnect lazily (when there is something to send): reconnecting at once would keep
        // waking a service worker that Chrome stopped for being idle.
        if (unacked.length > 0) deps.setTimeout(replay, 0);
      });
      p.postMessage({
        v: PROTOCOL_VERSION,
        type: 'hello',
        sourceId: deps.sourceId,
        frameUrl: deps.frameUrl(),
        isTop: deps.isTop,
        timeOrigin: deps.timeOrigin,
        probe: new ArrayBuffer(0),
      });
      for (const batch of unacked) p.postMessage(batch);
      return p;
    } catch {
      // runtime.connect throws once the extension context is invalidated.
      dead = true;
      port = null;
      return null;
    }
  }

  function replay(): void {
    if (unacked.length === 0) return;
    if (port) {
      for (const batch of unacked) post(batch);
    } else {
      ensurePort(); // connecting replays all unacked batches
    }
  }

  function armResendTimer(): void {
    if (resendTimer) return;
    resendTimer = true;
    lastProgress = Date.now();
    const check = (): void => {
      if (unacked.length === 0) {
        resendTimer = false;
        return;
      }
      if (Date.now() - lastProgress >= RESEND_AFTER_MS) {
        lastProgress = Date.now();
        replay();
      }
      deps.setTimeout(check, RESEND_AFTER_MS);
    };
    deps.setTimeout(check, RESEND_AFTER_MS);
  }

  function onBackgroundMessage(message: unknown): void {
    if (!isBackgroundToRelay(message)) return;
    if (message.type === 'welcome') {
      serialization = message.serialization;
      // The hook caps what it copies with the user's cap from now on (ingest caps the rest).
      if (message.payloadCapBytes !== undefined) {
        try {
          hookPort?.dispatchEvent(new CustomEvent(PORT_CAP_EVENT, { detail: message.payloadCapBytes }));
        } catch {
          /* a page cannot make this throw; be safe anyway */
        }
      }
    } else if (message.type === 'ack') {
      let n = 0;
      while (n < unacked.length && unacked[n]!.batchNo <= message.upTo) n++;
      if (n > 0) {
        unacked.splice(0, n);
        lastProgress = Date.now();
      }
    } else if (message.type === 'fault') {
      // A fault for one of this document's connections (docs/faults.md): handed to the hook as
      // the same kind of event as a flush request, on the private port no page object leads to.
      try {
        hookPort?.dispatchEvent(new CustomEvent(PORT_FAULT_EVENT, { detail: message.command }));
      } catch {
        /* as below */
      }
    } else {
      // Ask the hook to hand over what it buffered; it dispatches synchronously, so every batch is
      // posted (port messages keep their order) before we answer.
      try {
        hookPort?.dispatchEvent(new CustomEvent(PORT_FLUSH_EVENT));
      } catch {
        /* a page cannot make this throw; be safe anyway */
      }
      post({ v: PROTOCOL_VERSION, type: 'flushed', flushId: message.flushId });
    }
  }

  const onBatch = (event: Event): void => {
    const detail = (event as CustomEvent<unknown>).detail;
    // Only strings cross worlds reliably in both browsers; anything else is not from our hook.
    if (typeof detail !== 'string' || detail.length === 0) return;
    if (__RI_ABLATE__ === 'relay-drop') return;
    if (detail.length > LIMITS.maxBatchChars) {
      dropped++;
      return;
    }
    const batch: BatchMessage = {
      v: PROTOCOL_VERSION,
      type: 'batch',
      sourceId: deps.sourceId,
      batchNo: nextBatchNo++,
      payload: detail,
    };
    if (dead) {
      dropped++; // the extension was updated or removed: nobody can ever store it
      return;
    }
    // Kept until acknowledged, however long the background is away: losing a batch would break
    // the contiguous seq promise (the background only accepts batch n+1 after batch n).
    unacked.push(batch);
    if (port) post(batch);
    else ensurePort(); // connecting sends hello, then every unacknowledged batch (this one too)
    armResendTimer();
  };

  /** The hook's private port (null until the handshake, and for ever in a document without a hook). */
  let hookPort: EventTarget | null = null;
  awaitHookPort({ window: deps.window, setTimeout: deps.setTimeout }, (port) => {
    hookPort = port;
    port.addEventListener(PORT_BATCH_EVENT, onBatch);
  });

  if (deps.eager) ensurePort();

  return { unacked: () => unacked.length, dropped: () => dropped, serialization: () => serialization };
}
