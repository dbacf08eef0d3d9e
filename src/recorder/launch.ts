// launchInspectedBrowser(): Debian's Chromium or Firefox, headless, with the built extension.
// It returns InspectedBrowser, the handle through which the recorder API reads what was recorded.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type LaunchOptions as PuppeteerLaunchOptions, type Page } from 'puppeteer-core';
import type { StatusResponse } from '../contracts/protocol';
import type { SessionLog } from '../contracts/session-log-format';
import { BROWSERS, CHROMIUM_ARGS, FIREFOX_ARGS, GECKO_ID, browserNotFound, defaultExecutablePath, defaultExtensionDir, type BrowserName } from './browsers';
import { openPanel, type OpenedPanel, type OpenPanelOptions } from './devtools-panel';
import { EXPORTER_PATH, openExporter, waitForBackground, type ExporterWindow, type ExportFormat, type ExportRequest } from './exporter-page';
import { createFaults, type Faults } from './faults';

export interface LaunchOptions {
  /** Default 'chromium'. */
  browser?: BrowserName;
  /** Default true; false launches the same browser with the same flags and no extension. */
  extension?: boolean;
  /** Default: dist/chrome or dist/firefox of this package. */
  extensionDir?: string;
  /** Default: $CHROME_PATH / $FIREFOX_PATH, else /usr/bin/chromium / /usr/bin/firefox-esr. */
  executablePath?: string;
  /** Default true. */
  headless?: boolean;
  /** Chromium: let `page.openDevTools()` return the real DevTools page (handleDevToolsAsPage); needed by openPanel. */
  devtools?: boolean;
  args?: string[];
  /** Firefox: extra about:config prefs. */
  firefoxPrefs?: Record<string, unknown>;
  /** Time to wait for the extension's exporter page to become ready. Default 30000 ms. */
  readyTimeoutMs?: number;
  /**
   * Default true (puppeteer's default): puppeteer enables the CDP Network domain (Chromium) or
   * network events (Firefox BiDi) on every page it attaches to, which is the same capture the
   * Network tab does and slows a page with heavy traffic. The benchmark turns it off.
   */
  networkEnabled?: boolean;
}

export interface InspectedBrowser {
  browser: Browser;
  name: BrowserName;
  /** chrome-extension id or moz-extension UUID (absent when launched without the extension). */
  extensionId?: string;
  /** 'chrome-extension://<id>' or 'moz-extension://<uuid>'. */
  extensionOrigin?: string;
  /** The browser's command line as launched (executable and arguments), e.g. to show two launches differ only by the extension. */
  commandLine: string[];
  /** Resolves when everything the pages captured so far is stored in IndexedDB. */
  flush(timeoutMs?: number): Promise<void>;
  /**
   * The session log (flushed first): all recorded tabs, or the given scope. Sanitized (secrets
   * masked, docs/session-log.md) unless `includeSensitive: true`.
   */
  exportSessionLog(opts?: ExportRequest): Promise<SessionLog>;
  /** The same as a HAR 1.2 document (docs/har.md). */
  exportHar(opts?: ExportRequest): Promise<Record<string, unknown> & { log: { entries: unknown[] } }>;
  /** The same as NDJSON text (docs/ndjson.md); for very large sessions use the exporter page's exportNdjson. */
  exportNdjson(opts?: ExportRequest): Promise<string>;
  /**
   * The extension's exporter page (one tab, opened on first use and kept), for what the methods
   * above do not cover: `window.realtimeInspector` there has the streamed exportNdjson, and the
   * page shares the background's IndexedDB.
   */
  exporterPage(): Promise<Page>;
  /** The extension's tab id for a puppeteer page (matched by URL: give tabs distinct URLs). */
  tabIdOf(page: Page): Promise<number>;
  /**
   * Chromium launched with `devtools: true`: opens DevTools for `page` and shows the Realtime
   * panel; returns the DevTools page and the panel's frame (full DOM access). Firefox: throws
   * (its toolbox has no automation API).
   */
  openPanel(page: Page, opts?: OpenPanelOptions): Promise<OpenedPanel>;
  /**
   * Chromium: stop the extension's service worker now, as Chrome does after 30 s idle (the next
   * relay message restarts it). For testing that a restart loses nothing. Firefox: throws.
   */
  stopBackground(): Promise<void>;
  /** The background's identity and ingest counters (a new instanceId after each restart). */
  status(): Promise<StatusResponse>;
  /** Faults applied on purpose and their recovery verdicts (docs/faults.md). */
  faults: Faults;
  close(): Promise<void>;
}

export async function launchInspectedBrowser(opts: LaunchOptions = {}): Promise<InspectedBrowser> {
  const name = opts.browser ?? 'chromium';
  const withExtension = opts.extension ?? true;
  // Absolute: Firefox's add-on installer refuses relative paths (NS_ERROR_FILE_UNRECOGNIZED_PATH).
  const extensionDir = resolve(opts.extensionDir ?? defaultExtensionDir(name));
  const executablePath = opts.executablePath ?? defaultExecutablePath(name);
  if (!existsSync(executablePath)) throw new Error(browserNotFound(name, executablePath));
  if (withExtension && !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first`);
  }
  const headless = opts.headless ?? true;
  const uuid = randomUUID();

  const launch: PuppeteerLaunchOptions =
    name === 'chromium'
      ? {
          browser: 'chrome',
          executablePath,
          headless,
          pipe: true,
          // Always: puppeteer adds --disable-extensions without it, so a run without the extension
          // would be a different launch (the benchmark's baseline must differ by the extension only).
          // Without installExtension() nothing is loaded.
          enableExtensions: true,
          handleDevToolsAsPage: opts.devtools ?? false,
          networkEnabled: opts.networkEnabled ?? true,
          args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
        }
      : {
          browser: 'firefox',
          executablePath,
          headless,
          args: [...FIREFOX_ARGS, ...(opts.args ?? [])],
          networkEnabled: opts.networkEnabled ?? true,
          extraPrefsFirefox: {
            // Pin the extension's UUID so we know its origin (the background is not a target).
            'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
            ...(opts.firefoxPrefs ?? {}),
          },
        };
  const browser = await puppeteer.launch(launch);

  let extensionId: string | undefined;
  let extensionOrigin: string | undefined;
  try {
    if (withExtension) {
      const id = await browser.installExtension(extensionDir);
      extensionId = name === 'chromium' ? id : uuid;
      extensionOrigin = name === 'chromium' ? `chrome-extension://${extensionId}` : `moz-extension://${extensionId}`;
    }
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }

  let exporter: Promise<Page> | null = null;
  const exporterPage = (): Promise<Page> => {
    if (!extensionOrigin) return Promise.reject(new Error('launched without the extension: nothing was recorded'));
    exporter ??= openExporter(browser, `${extensionOrigin}/${EXPORTER_PATH}`, opts.readyTimeoutMs ?? 30000);
    return exporter;
  };

  // Resolve only once the background listens (exporter-page.ts, waitForBackground).
  if (extensionOrigin) {
    try {
      await waitForBackground(await exporterPage(), opts.readyTimeoutMs ?? 30000);
    } catch (error) {
      await browser.close().catch(() => {});
      throw error;
    }
  }

  const flush = async (timeoutMs = 10000): Promise<void> => {
    const page = await exporterPage();
    await page.evaluate((ms) => (window as unknown as ExporterWindow).realtimeInspector.flushAll(ms), timeoutMs);
  };

  const exportText = async (format: ExportFormat, o: ExportRequest): Promise<string> => {
    await flush();
    const page = await exporterPage();
    // JSON round trip: only plain fields cross into the page.
    return page.evaluate((f, opts) => (window as unknown as ExporterWindow).realtimeInspector.exportText(f, opts), format, JSON.parse(JSON.stringify(o)) as ExportRequest);
  };

  const tabIdOf = async (target: Page): Promise<number> => {
    const page = await exporterPage();
    const url = target.url();
    const tabs = await page.evaluate(() => (window as unknown as ExporterWindow).realtimeInspector.tabs());
    const matches = tabs.filter((t) => t.url === url);
    if (matches.length !== 1) throw new Error(`tabIdOf: ${matches.length} tabs have the URL ${url}; give each tab a distinct URL`);
    return matches[0]!.id;
  };
  const faults = createFaults({ exporterPage, tabIdOf, exportSessionLog: async () => JSON.parse(await exportText('session-log', {})) as SessionLog });

  return {
    faults,
    commandLine: [...(browser.process()?.spawnargs ?? [])],
    browser,
    name,
    extensionId,
    extensionOrigin,
    flush,
    async exportSessionLog(o = {}) {
      return JSON.parse(await exportText('session-log', o)) as SessionLog;
    },
    async exportHar(o = {}) {
      return JSON.parse(await exportText('har', o)) as Record<string, unknown> & { log: { entries: unknown[] } };
    },
    exportNdjson: (o = {}) => exportText('ndjson', o),
    exporterPage,
    tabIdOf,
    async openPanel(page, o) {
      if (name !== 'chromium' || !extensionOrigin) throw new Error(`openPanel: only for ${BROWSERS.chromium.label} with the extension (launched with devtools: true)`);
      if (!opts.devtools) throw new Error('openPanel: launch with devtools: true (handleDevToolsAsPage), or page.openDevTools() returns no DevTools page');
      return openPanel(page, extensionOrigin, o);
    },
    async stopBackground() {
      if (name !== 'chromium' || !extensionOrigin) throw new Error('stopBackground: only for Chromium with the extension');
      const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin!), { timeout: 10000 });
      const worker = await target.worker();
      if (!worker) throw new Error('stopBackground: the service worker target has no worker');
      await worker.close();
    },
    async status() {
      const page = await exporterPage();
      return page.evaluate(() => (window as unknown as ExporterWindow).realtimeInspector.status());
    },
    async close() {
      await browser.close();
    },
  };
}
