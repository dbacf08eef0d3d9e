// Isolated-world content script entry: a thin shell over relay.ts. It uses the browser's own
// extension namespace (`browser` in Firefox, `chrome` in Chromium: runtime.connect and Port are
// the same in both) rather than webextension-polyfill, which would add ~30 KB to every frame of
// every page for one call. The polyfill stays in extension pages and the background only.
import { RELAY_PORT } from '../contracts/protocol';
import { startRelay, type RelayPort } from './relay';

declare const browser: typeof chrome | undefined;
const runtime = (typeof browser !== 'undefined' ? browser : chrome).runtime;

startRelay({
  window,
  connect: () => runtime.connect({ name: RELAY_PORT }) as unknown as RelayPort,
  sourceId: crypto.randomUUID(),
  frameUrl: () => location.href,
  isTop: window === window.top,
  timeOrigin: performance.timeOrigin,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  eager: window === window.top,
});
