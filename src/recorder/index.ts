// Node API: launch Debian's Chromium or Firefox headless with the built extension, and read what it
// recorded. `npm run record`, `npm start`, the benchmark and the end-to-end tests all use it;
// people can use it in their own puppeteer runs to dump a session log when a test fails.
//
//   import { launchInspectedBrowser } from 'realtime-inspector/recorder';
//   const inspected = await launchInspectedBrowser({ browser: 'chromium' });
//   const page = await inspected.browser.newPage(); await page.goto(url);
//   const log = await inspected.exportSessionLog();   // flushes first
//   await inspected.close();

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type LaunchOptions as PuppeteerLaunchOptions, type Page } from 'puppeteer-core';
import type { StatusResponse } from '../shared/protocol';
import type { SessionLog } from '../shared/session-log';

export type { SessionLog } from '../shared/session-log';
export { record, checkBrowserBinary, RecordError, type RecordOptions, type RecordResult } from './record';

export type BrowserName = 'chromium' | 'firefox';

/** What to export: filters combine; no filter = every recorded tab. Sanitized by default. */
export interface ExportRequest {
  tabIds?: number[];
  pageIds?: string[];
  connectionIds?: string[];
  lineageIds?: string[];
  /** Keep tokens, cookies and the like as recorded. Default false. */
  includeSensitive?: boolean;
}

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
  /** Chromium: let `page.openDevTools()` return the real DevTools page (handleDevToolsAsPage). */
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
  /** The extension's tab id for a puppeteer page (matched by URL: give tabs distinct URLs). */
  tabIdOf(page: Page): Promise<number>;
  /**
   * Chromium: stop the extension's service worker now, as Chrome does after 30 s idle (the next
   * relay message restarts it). For testing that a restart loses nothing. Firefox: throws.
   */
  stopBackground(): Promise<void>;
  /** The background's identity and ingest counters (a new instanceId after each restart). */
  status(): Promise<StatusResponse>;
  close(): Promise<void>;
}

/** Firefox add-on id, from manifest.json's browser_specific_settings.gecko.id. */
export const GECKO_ID = 'realtime-inspector@example.org';
const EXPORTER_PATH = 'src/export/exporter.html';

const CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  // Without these Chromium keeps trying to reach Google's hosts, which this network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Background tabs must not be throttled while we measure or record them.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'realtime-inspector') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('realtime-inspector: cannot find the package root from ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export function defaultExtensionDir(name: BrowserName): string {
  return resolve(packageRoot(), 'dist', name === 'chromium' ? 'chrome' : 'firefox');
}

export function defaultExecutablePath(name: BrowserName): string {
  return name === 'chromium' ? process.env.CHROME_PATH || '/usr/bin/chromium' : process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
}

export async function launchInspectedBrowser(opts: LaunchOptions = {}): Promise<InspectedBrowser> {
  const name = opts.browser ?? 'chromium';
  const withExtension = opts.extension ?? true;
  // Absolute: Firefox's add-on installer refuses relative paths (NS_ERROR_FILE_UNRECOGNIZED_PATH).
  const extensionDir = resolve(opts.extensionDir ?? defaultExtensionDir(name));
  const executablePath = opts.executablePath ?? defaultExecutablePath(name);
  if (!existsSync(executablePath)) {
    throw new Error(
      `${name === 'chromium' ? 'Chromium' : 'Firefox'} not found at ${executablePath}; install it (apt-get install ${name === 'chromium' ? 'chromium' : 'firefox-esr'}) or set ${name === 'chromium' ? 'CHROME_PATH' : 'FIREFOX_PATH'}`,
    );
  }
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
          enableExtensions: withExtension,
          handleDevToolsAsPage: opts.devtools ?? false,
          networkEnabled: opts.networkEnabled ?? true,
          args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
        }
      : {
          browser: 'firefox',
          executablePath,
          headless,
          // Lets us open moz-extension:// pages and reach the browser chrome (DevTools toolbox).
          args: ['--remote-allow-system-access', ...(opts.args ?? [])],
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

  // Ready handshake: resolve only once the background answers. It registers its webRequest and
  // port listeners synchronously at startup, before the message listener that answers, so from
  // then on the first page's requests are observed (without it Chromium's first EventSource
  // requests right after launch were sometimes missed: causes "unknown", Last-Event-ID lost).
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

  const exportText = async (format: 'session-log' | 'har' | 'ndjson', o: ExportRequest): Promise<string> => {
    await flush();
    const page = await exporterPage();
    // JSON round trip: only plain fields cross into the page.
    return page.evaluate((f, opts) => (window as unknown as ExporterWindow).realtimeInspector.exportText(f, opts), format, JSON.parse(JSON.stringify(o)) as ExportRequest);
  };

  return {
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
    async tabIdOf(target) {
      const page = await exporterPage();
      const url = target.url();
      const tabs = await page.evaluate(() => (window as unknown as ExporterWindow).realtimeInspector.tabs());
      const matches = tabs.filter((t) => t.url === url);
      if (matches.length !== 1) throw new Error(`tabIdOf: ${matches.length} tabs have the URL ${url}; give each tab a distinct URL`);
      return matches[0]!.id;
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

interface ExporterWindow {
  realtimeInspector: {
    flushAll(timeoutMs?: number): Promise<{ ok: boolean; unanswered: number }>;
    exportText(format: 'session-log' | 'har' | 'ndjson', opts: ExportRequest): Promise<string>;
    tabs(): Promise<Array<{ id: number; url: string }>>;
    status(): Promise<StatusResponse>;
  };
}

async function waitForBackground(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const status = await page.evaluate(() => (window as unknown as ExporterWindow).realtimeInspector.status());
      if (status && typeof status.instanceId === 'string') return;
    } catch (error) {
      lastError = error; // the background is not running yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The extension's background did not answer within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}

async function openExporter(browser: Browser, url: string, timeoutMs: number): Promise<Page> {
  const page = await browser.newPage();
  // Firefox may never resolve a navigation to a moz-extension:// page over BiDi: start it, then
  // poll for the page's API instead of awaiting goto.
  page.goto(url).catch(() => {});
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await page.evaluate(() => typeof (window as unknown as Partial<ExporterWindow>).realtimeInspector === 'object')) return page;
    } catch (error) {
      lastError = error; // navigation in progress: the context was replaced under us
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The extension's exporter page did not become ready at ${url} within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}
