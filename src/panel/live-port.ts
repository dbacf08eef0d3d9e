// The live channel to the background: a runtime port that comes back when it drops. Chrome stops
// an idle service worker after ~30 s and Firefox unloads idle event pages; either way the port
// disconnects and whatever was committed meanwhile is only in IndexedDB — hence `onConnect`,
// which the caller uses to re-read (facebook/react#27119: panels that silently stop).
// `onConnect` waits for the background's `subscribed` answer: reading IndexedDB any earlier left a
// window where a commit was neither in the read nor sent over the port (the background had not
// processed `subscribe` yet) — and a panel whose port never gets an answer reconnects.

import type { Port } from '../contracts/port';
import { PANEL_PORT, isSubscribedMessage, type PanelToBackground, type SubscribeMessage } from '../contracts/protocol';

/** The panel's runtime port to the background (a fake one in tests). */
export type PanelPort = Port<PanelToBackground>;

export interface LivePortOptions {
  tabId: number;
  connect: (name: string) => PanelPort;
  /** Called after every (re)connect, once the background confirmed the subscription. */
  onConnect: () => void;
  onMessage: (message: unknown) => void;
  onDrop: () => void;
  setTimeout?: (cb: () => void, ms: number) => unknown;
  now?: () => number;
}

const MIN_DELAY_MS = 50;
const MAX_DELAY_MS = 5000;
/** A port that lived this long (or was answered) was a real connection: the next drop retries at once. */
const STABLE_MS = 2000;
/** No `subscribed` answer within this time: the port is dead without saying so; start again. */
export const SUBSCRIBE_TIMEOUT_MS = 5000;

export function openLivePort(opts: LivePortOptions): { close(): void } {
  const wait = opts.setTimeout ?? ((cb: () => void, ms: number) => setTimeout(cb, ms));
  const now = opts.now ?? Date.now;
  let delay = MIN_DELAY_MS;
  let port: PanelPort | null = null;
  let closed = false;

  function connect(): void {
    if (closed) return;
    let p: PanelPort;
    try {
      p = opts.connect(PANEL_PORT);
    } catch {
      // The extension was reloaded or removed: this page's context is gone for good.
      closed = true;
      return;
    }
    port = p;
    const since = now();
    let subscribed = false;
    const drop = () => {
      port = null;
      opts.onDrop();
      // A port the background answered was a real connection, however short (an event page
      // unloaded soon after): retry at once. Ports that failed before an answer back off.
      delay = subscribed || now() - since >= STABLE_MS ? MIN_DELAY_MS : Math.min(delay * 2, MAX_DELAY_MS);
      wait(connect, delay);
    };
    p.onMessage.addListener((m) => {
      if (port !== p) return;
      if (isSubscribedMessage(m)) {
        if (m.tabId !== opts.tabId || subscribed) return;
        subscribed = true;
        opts.onConnect();
        return;
      }
      opts.onMessage(m);
    });
    p.onDisconnect.addListener(() => {
      if (port !== p || closed) return;
      drop();
    });
    wait(() => {
      if (port !== p || closed || subscribed) return;
      p.disconnect(); // our own disconnect() fires no onDisconnect here
      drop();
    }, SUBSCRIBE_TIMEOUT_MS);
    const subscribe: SubscribeMessage = { type: 'subscribe', tabId: opts.tabId };
    p.postMessage(subscribe);
  }

  connect();
  return {
    close() {
      closed = true;
      port?.disconnect();
      port = null;
    },
  };
}
