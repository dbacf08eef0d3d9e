// Opens the real DevTools of a Chromium page and switches it to the Realtime panel; returns the
// panel's frame (full DOM access). See ../shared/notes/platform.md.
import type { Frame, Page } from 'puppeteer-core';
import { waitFor } from './waits';

export async function openChromiumPanel(page: Page, extensionOrigin: string): Promise<Frame> {
  return (await openChromiumDevtoolsPanel(page, extensionOrigin)).panel;
}

/** The same, also returning the DevTools page itself (screenshots, DevTools settings). */
export async function openChromiumDevtoolsPanel(page: Page, extensionOrigin: string): Promise<{ devtools: Page; panel: Frame }> {
  const devtools = await page.openDevTools();
  const panelId = `${extensionOrigin}Realtime`; // Chrome's id: extension origin + title without spaces
  // A string, not a function: vitest rewrites import() inside functions; DevTools must resolve it.
  const show = `(async () => {
    const legacy = await import('./ui/legacy/legacy.js');
    await legacy.InspectorView.InspectorView.instance().showPanel(${JSON.stringify(panelId)});
    return true;
  })()`;
  // The panel tab appears ~3 s after DevTools opens; earlier calls throw ("No locale data …").
  const panel = await waitFor(
    async () => {
      await devtools.evaluate(show);
      return devtools.frames().find((f) => f.url().startsWith(extensionOrigin) && f.url().includes('/src/panel/panel.html'));
    },
    'the Realtime panel to open',
    30_000,
    250,
  );
  return { devtools, panel };
}
