// `realtime-inspector/playwright` (built to dist/recorder/playwright.js): @playwright/test's `test`
// with the built extension loaded in every test's browser, and the session log written and
// attached to the report when a test fails (or always, by option). `@playwright/test` is an
// optional peer dependency: it stays an import (never bundled) and is needed only by this entry.
//
//   import { test, expect } from 'realtime-inspector/playwright';
//   test('chat', async ({ page, inspector }) => {
//     await page.goto(url);
//     expect(await inspector.exportSessionLog()).toHaveNoFindings();
//   });
//
// Chromium only: Playwright loads extensions only into Chromium's persistent context, and its
// Firefox is a patched build (Juggler protocol) that cannot be swapped for the system Firefox.
import { chromium, expect as baseExpect, test as base, type BrowserContext, type TestInfo } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, defaultExecutablePath, defaultExtensionDir } from './browsers';
import type { ExportFormat } from './exporter-page';
import { toHaveNoFindings, type FindingsCheckOptions } from './findings-check';
import { extensionIdOf, playwrightInspector, type PlaywrightInspector } from './playwright-exporter';
import { LOG_FILES, saveSessionLog } from './save-log';

export interface InspectorOptions {
  /** When to write the session log and attach it to the report. Default 'on-failure' (a test that did not end as expected). */
  inspectorLog: 'on-failure' | 'always' | 'off';
  /** Default 'session-log' (JSON); 'har' or 'ndjson' write those formats. */
  inspectorLogFormat: ExportFormat;
  /** Keep tokens, cookies and the like in the attached log. Default false: sanitized. */
  inspectorIncludeSensitive: boolean;
  /** The built Chromium extension. Default: this package's dist/chrome. */
  inspectorExtensionDir: string | undefined;
  /** Time for the extension's service worker and exporter page to come up. Default 30000 ms. */
  inspectorReadyTimeout: number;
}

export interface InspectorFixtures {
  /** Reads what the extension recorded in this test's browser: exportSessionLog(), exportHar(), exportNdjson(), flush(). */
  inspector: PlaywrightInspector;
}

export const FIREFOX_UNSUPPORTED =
  'realtime-inspector/playwright runs in Chromium only: Playwright loads extensions only into a Chromium persistent context, and its Firefox is a patched build that cannot be replaced by the system Firefox. For Firefox use the puppeteer API (launchInspectedBrowser({ browser: "firefox" }) from realtime-inspector/recorder).';

/** Writes the log into the test's output folder and attaches it, with the one-line findings summary. */
async function attachSessionLog(inspector: PlaywrightInspector, testInfo: TestInfo, format: ExportFormat, includeSensitive: boolean): Promise<void> {
  const { fileName, contentType } = LOG_FILES[format];
  try {
    const saved = await saveSessionLog(inspector, testInfo.outputPath(fileName), { format, includeSensitive });
    await testInfo.attach(fileName, { path: saved.path, contentType });
    // A text attachment: reporters print it right under the test's error.
    await testInfo.attach('realtime-inspector findings', { body: `${saved.summary} — session log attached as ${fileName}\n`, contentType: 'text/plain' });
  } catch (error) {
    // Never hide the test's own error behind one of ours: say why there is no log instead.
    const why = (error as Error).message.split('\n')[0];
    await testInfo.attach('realtime-inspector findings', { body: `Realtime Inspector: could not export the session log: ${why}\n`, contentType: 'text/plain' });
  }
}

export const test = base.extend<InspectorFixtures & InspectorOptions>({
  inspectorLog: ['on-failure', { option: true }],
  inspectorLogFormat: ['session-log', { option: true }],
  inspectorIncludeSensitive: [false, { option: true }],
  inspectorExtensionDir: [undefined, { option: true }],
  inspectorReadyTimeout: [30_000, { option: true }],

  // A fresh profile per test, so each test's log holds only its own traffic. Replaces the built-in
  // context: an extension loads only into a persistent context (the browser's default one).
  context: async ({ browserName, headless, launchOptions, contextOptions, baseURL, inspectorExtensionDir }, use) => {
    if (browserName !== 'chromium') throw new Error(FIREFOX_UNSUPPORTED);
    // Absolute: Chromium resolves --load-extension against its own working directory.
    const extensionDir = resolve(inspectorExtensionDir ?? defaultExtensionDir('chromium'));
    if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` in realtime-inspector, or set inspectorExtensionDir`);
    const userDataDir = await mkdtemp(join(tmpdir(), 'realtime-inspector-pw-'));
    let context: BrowserContext | undefined;
    try {
      context = await chromium.launchPersistentContext(userDataDir, {
        ...contextOptions,
        ...(baseURL ? { baseURL } : {}),
        // Playwright cannot download a browser everywhere (nor here): the system Chromium, as the recorder uses.
        executablePath: launchOptions.executablePath ?? defaultExecutablePath('chromium'),
        headless,
        args: [...CHROMIUM_ARGS, ...(launchOptions.args ?? []), `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
      });
      await use(context);
    } finally {
      await context?.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  },

  // Auto: set up for every test (so the extension is running before the page loads) and torn down
  // before the context closes, which is when the log is written.
  inspector: [
    async ({ context, inspectorLog, inspectorLogFormat, inspectorIncludeSensitive, inspectorReadyTimeout }, use, testInfo) => {
      const inspector = playwrightInspector(context, await extensionIdOf(context, inspectorReadyTimeout), inspectorReadyTimeout);
      await use(inspector);
      const failed = testInfo.status !== testInfo.expectedStatus;
      if (inspectorLog === 'always' || (inspectorLog === 'on-failure' && failed)) await attachSessionLog(inspector, testInfo, inspectorLogFormat, inspectorIncludeSensitive);
    },
    { auto: true },
  ],

  // The persistent context's first tab rather than a second one.
  page: async ({ context, inspector }, use) => {
    void inspector; // depended on so the extension is up before the test navigates
    await use(context.pages()[0] ?? (await context.newPage()));
  },
});

/** Playwright's expect with `expect(log).toHaveNoFindings({ severity, ignore })`. */
export const expect = baseExpect.extend({
  toHaveNoFindings(log: Parameters<typeof toHaveNoFindings>[0], opts?: FindingsCheckOptions) {
    return { ...toHaveNoFindings.call(this, log, opts), name: 'toHaveNoFindings' };
  },
});

export type { PlaywrightInspector } from './playwright-exporter';
export type { SessionLog, LogFinding } from '../contracts/session-log-format';
export { expectNoFindings, findingsAtLeast, findingsSummary, toHaveNoFindings, FindingsAssertionError, type FindingsCheckOptions, type Severity } from './findings-check';
export { saveSessionLog, LOG_FILES, type SavedLog, type SaveLogOptions } from './save-log';
