// The panel tests' short names for the recorder's openPanel (src/recorder/devtools-panel.ts), the
// one way scripts, tests and users open the Realtime panel in Chromium's real DevTools.
import type { Frame, Page } from 'puppeteer-core';
import { openPanel, type OpenedPanel } from '../../src/recorder/index';

/** The panel's frame (full DOM access). */
export async function openChromiumPanel(page: Page, extensionOrigin: string): Promise<Frame> {
  return (await openPanel(page, extensionOrigin)).panel;
}

/** The same, also returning the DevTools page itself (screenshots, DevTools settings). */
export function openChromiumDevtoolsPanel(page: Page, extensionOrigin: string): Promise<OpenedPanel> {
  return openPanel(page, extensionOrigin);
}
