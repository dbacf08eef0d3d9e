// The configurations a page is measured in. Puppeteer's own CDP Network capture is OFF in all of
// them (it is on by default and would tax every run alike, hiding what we measure):
//  - none:     the browser without the extension (the limit);
//  - ext:      the browser with our extension;
//  - devtools: no extension, but a CDP session on the page with Network.enable — what the
//              DevTools Network tab does (its events reach a client that only receives them).
import { launchInspectedBrowser } from './recorder.mjs';

export { CONFIG_LABEL } from './config-labels.mjs';

/** Exporter page of the extension, opened once per browser (polled: Firefox may never resolve goto). */
async function openExporter(browser, origin) {
  const page = await browser.newPage();
  page.goto(`${origin}/src/exporter/exporter.html`).catch(() => {});
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    try {
      if (await page.evaluate(() => typeof window.realtimeInspector === 'object')) return page;
    } catch {
      // navigation in progress
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`exporter page not ready at ${origin}`);
}

/** A fresh headless browser in one configuration, with the page under test open at `url`. */
export async function openConfig(browserName, config, url) {
  const inspected = await launchInspectedBrowser({ browser: browserName, extension: config === 'ext', networkEnabled: false });
  try {
    const page = await inspected.browser.newPage();
    let cdp = null;
    if (config === 'devtools') {
      cdp = await page.createCDPSession();
      await cdp.send('Network.enable');
    }
    await page.goto(url, { waitUntil: 'load' });
    let exporter = null;
    return {
      inspected,
      page,
      cdp,
      version: await inspected.browser.version(),
      async exporter() {
        exporter ??= await openExporter(inspected.browser, inspected.extensionOrigin);
        return exporter;
      },
      close: () => inspected.close(),
    };
  } catch (err) {
    await inspected.close().catch(() => {});
    throw err;
  }
}
