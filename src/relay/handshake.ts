// The relay's side of the one-time handshake (see hook/handshake.ts): it listens on the window
// from the moment it starts until the hook, declared after it in manifest.json and run right after
// it, offers its port. The listener goes at the first offer, or at the relay's first task if no
// hook came, so no page script (all run later) can find it, answer it or offer a port of its own.

import { HANDSHAKE_EVENT } from '../contracts/protocol';

export interface HandshakeDeps {
  window: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  setTimeout(fn: () => void, ms: number): unknown;
}

/** Calls `onPort` with the hook's private port, at most once. */
export function awaitHookPort(deps: HandshakeDeps, onPort: (port: EventTarget) => void): void {
  let open = true;
  const stop = (): void => {
    if (!open) return;
    open = false;
    deps.window.removeEventListener(HANDSHAKE_EVENT, onOffer, true);
  };
  function onOffer(event: Event): void {
    const port = (event as MessageEvent).ports?.[0];
    if (!open || !port) return;
    stop();
    event.preventDefault(); // tells the hook the port was taken
    event.stopImmediatePropagation();
    onPort(port);
  }
  deps.window.addEventListener(HANDSHAKE_EVENT, onOffer, true);
  deps.setTimeout(stop, 0);
}
