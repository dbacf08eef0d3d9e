// The hook's side of the one-time handshake that opens the private channel to the relay.
//
// The hook makes a MessageChannel and offers its port1 to the relay in a MessageEvent on its
// window. The MessagePort is one DOM object with a wrapper in each world (the page's and the
// relay's), referenced from nothing the page can reach; batches then go as events dispatched on
// that port (install.ts), which the relay hears and no page script can. MessagePort messaging
// itself is not used: postMessage would serialize each batch, an event's string detail crosses
// without a copy (measured in both browsers: ~0 ms per MiB).
//
// It runs before any page script: the relay is declared first in manifest.json, so it already
// listens, and the two content scripts run back to back at document_start, before the page's
// first script, in top documents, iframes, about:blank and srcdoc frames, sandboxed and blob:
// frames, document.write()n frames and popups used synchronously by their opener (measured,
// docs/architecture.md "The private channel").

import { HANDSHAKE_EVENT } from '../contracts/protocol';

/**
 * The private port, or null when no relay took it: then this document has no relay (or a hook
 * already made the handshake, so this is a second copy) and the hook must not install.
 */
export function openPrivatePort(win: Window & typeof globalThis): MessagePort | null {
  const { port1 } = new win.MessageChannel();
  // A plain array and init object are safe here: no page script has run yet (see above).
  const offer = new win.MessageEvent(HANDSHAKE_EVENT, { cancelable: true, ports: [port1] });
  const accepted = !win.EventTarget.prototype.dispatchEvent.call(win, offer);
  return accepted ? port1 : null;
}
