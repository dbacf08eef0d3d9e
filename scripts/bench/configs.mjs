// The configurations a page is measured in. Puppeteer's own CDP Network capture is OFF in all of
// them (it is on by default and would tax every run alike, hiding what we measure):
//  - none:     the browser without the extension (the limit);
//  - ext:      the browser with our extension;
//  - devtools: no extension, but a CDP session on the page with Network.enable — what the
//              DevTools Network tab does (its events reach a client that only receives them).

// The built recorder API (dist/recorder), imported on first use: bench.mjs imports this module
// before ensureBuilt() has made dist/ fresh (or made it at all, on a fresh clone).
const recorder = () => import('../../dist/recorder/index.js');

/** A fresh headless browser in one configuration, with the page under test open at `url`. */
export async function openConfig(browserName, config, url) {
  const inspected = await (await recorder()).launchInspectedBrowser({ browser: browserName, extension: config === 'ext', networkEnabled: false });
  try {
    const page = await inspected.browser.newPage();
    let cdp = null;
    if (config === 'devtools') {
      cdp = await page.createCDPSession();
      await cdp.send('Network.enable');
    }
    await page.goto(url, { waitUntil: 'load' });
    return {
      inspected,
      page,
      cdp,
      version: await inspected.browser.version(),
      commandLine: inspected.commandLine,
      // The recorder's own exporter tab: opened once, on first use.
      exporter: () => inspected.exporterPage(),
      close: () => inspected.close(),
    };
  } catch (err) {
    await inspected.close().catch(() => {});
    throw err;
  }
}
