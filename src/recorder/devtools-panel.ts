// Opens the extension's "Realtime" panel in the real DevTools of a Chromium page. `npm start`, the
// panel's end-to-end tests, and anyone automating the panel use this one function.
//
// How: Chromium launched with handleDevToolsAsPage (LaunchOptions.devtools) makes
// `page.openDevTools()` return the DevTools front end as a page. Chrome names an extension's
// panel tab by the extension origin followed by the panel title without spaces; evaluating
// InspectorView.showPanel(id) in the DevTools page switches to it, and the panel is then a frame
// of that page with full DOM access and a working chrome.devtools.inspectedWindow.tabId.
// Firefox's toolbox has no such automation API (test/panel.e2e.test.ts drives it with
// privileged script and can read only the panel's title).
import type { Frame, Page } from 'puppeteer-core';

/** Where the built extension serves the panel page (the path of its HTML in the build). */
export const PANEL_PATH = 'src/panel/panel.html';
/** The title the devtools page gives the panel (chrome.devtools.panels.create). */
export const PANEL_TITLE = 'Realtime';

export interface OpenPanelOptions {
  /** How long DevTools gets to register and show the panel. Default 30000 ms. */
  timeoutMs?: number;
  /**
   * Undock DevTools so its page shows DevTools alone (docked, the left part is the inspected
   * page's area, blank in a screenshot of the DevTools page). Best effort. Default false.
   */
  undock?: boolean;
}

export interface OpenedPanel {
  /** The DevTools front end, as a puppeteer page (screenshots, DevTools settings). */
  devtools: Page;
  /** The Realtime panel's frame inside it. */
  panel: Frame;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Opens DevTools for `page` and switches it to the Realtime panel. `page` must belong to a
 * Chromium launched with `devtools: true` and the extension; `extensionOrigin` is
 * 'chrome-extension://<id>' (InspectedBrowser.extensionOrigin). InspectedBrowser.openPanel(page)
 * calls this with both filled in.
 */
export async function openPanel(page: Page, extensionOrigin: string, opts: OpenPanelOptions = {}): Promise<OpenedPanel> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const devtools = await page.openDevTools();
  const panelId = `${extensionOrigin}${PANEL_TITLE.replace(/\s+/g, '')}`;
  // A string, not a function: the DevTools page must resolve this import() against its own
  // modules, and vitest would rewrite an import() inside a function passed to evaluate.
  // showPanel() of an id not registered yet resolves without doing anything, so check first:
  // the extension's tab appears about 3 s after DevTools opens, and earlier calls can throw
  // ("No locale data registered").
  const show = `(async () => {
    const legacy = await import('./ui/legacy/legacy.js');
    const view = legacy.InspectorView.InspectorView.instance();
    const id = ${JSON.stringify(panelId)};
    const has = typeof view.hasPanel === 'function' ? view.hasPanel(id) : view.tabbedPane.tabIds().includes(id);
    if (!has) return false;
    await view.showPanel(id);
    return true;
  })()`;
  const panelUrl = `${extensionOrigin}/${PANEL_PATH}`;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await devtools.evaluate(show)) {
        const panel = devtools.frames().find((f) => f.url().startsWith(panelUrl));
        if (panel) {
          if (opts.undock) await undock(devtools);
          return { devtools, panel };
        }
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError ? ` (last error: ${(lastError as Error).message?.split('\n')[0] ?? String(lastError)})` : '';
      throw new Error(`the ${PANEL_TITLE} panel did not open within ${timeoutMs} ms${why}`);
    }
    await sleep(250);
  }
}

/** Best effort: a layout nicety, never a reason to fail. */
async function undock(devtools: Page): Promise<void> {
  await devtools
    .evaluate(`(async () => {
      const legacy = await import('./ui/legacy/legacy.js');
      legacy.DockController.DockController.instance().setDockSide('undocked');
      return true;
    })()`)
    .catch(() => false);
}
