// The configurations a page is measured in. Puppeteer's own CDP Network capture is OFF in all of
// them (it is on by default and would tax every run alike, hiding what we measure):
//  - none:     the browser without the extension (the limit);
//  - ext:      the browser with our extension;
//  - devtools: no extension, but a CDP session on the page with Network.enable — what the
//              DevTools Network tab does (its events reach a client that only receives them);
//  - ablate-*: --ablate, our extension with one stage of the capture path cut off (where the cost is).

// The built recorder API (dist/recorder), imported on first use: bench.mjs imports this module
// before ensureBuilt() has made dist/ fresh (or made it at all, on a fresh clone).
const recorder = () => import('../../dist/recorder/index.js');

/** Ablation builds, made once per process on first use: `ablate-<stage>` → its extension folder. */
const ablationDirs = new Map();
async function ablationDir(browserName, config) {
  const key = `${browserName}/${config}`;
  if (!ablationDirs.has(key)) {
    const { buildAblation } = await import('../lib/build-all.mjs');
    ablationDirs.set(key, await buildAblation(config.slice('ablate-'.length), browserName));
  }
  return ablationDirs.get(key);
}

/** A fresh headless browser in one configuration, with the page under test open at `url`. */
export async function openConfig(browserName, config, url) {
  const ablated = config.startsWith('ablate-');
  const extensionDir = ablated ? await ablationDir(browserName, config) : undefined;
  const inspected = await (await recorder()).launchInspectedBrowser({ browser: browserName, extension: config === 'ext' || ablated, extensionDir, networkEnabled: false });
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
