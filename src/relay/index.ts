// Isolated-world content script entry: a thin shell over relay.ts.
import browser from 'webextension-polyfill';
import { RELAY_PORT } from '../contracts/protocol';
import { startRelay, type RelayPort } from './relay';

startRelay({
  channel: window,
  connect: () => browser.runtime.connect({ name: RELAY_PORT }) as unknown as RelayPort,
  sourceId: crypto.randomUUID(),
  frameUrl: () => location.href,
  isTop: window === window.top,
  timeOrigin: performance.timeOrigin,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  eager: window === window.top,
});
