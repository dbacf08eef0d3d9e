// The extension's exporter page, opened by the recorder in a tab of its own. Through it the
// recorder flushes, exports and reads status: an extension page shares the background's origin
// and so its IndexedDB, and in Firefox the background is not a puppeteer target at all.
import type { Browser, Page } from 'puppeteer-core';
import type { StatusResponse } from '../contracts/protocol';

/** Where the built extension serves the exporter page (the path of its HTML in the build). */
export const EXPORTER_PATH = 'src/exporter/exporter.html';

/** What to export: filters combine; no filter = every recorded tab. Sanitized by default. */
export interface ExportRequest {
  tabIds?: number[];
  pageIds?: string[];
  connectionIds?: string[];
  lineageIds?: string[];
  /** Keep tokens, cookies and the like as recorded. Default false. */
  includeSensitive?: boolean;
}

export type ExportFormat = 'session-log' | 'har' | 'ndjson';

/** The API the exporter page puts on its window (kept in step with the exporter page by the e2e tests). */
export interface ExporterWindow {
  realtimeInspector: {
    flushAll(timeoutMs?: number): Promise<{ ok: boolean; unanswered: number }>;
    exportText(format: ExportFormat, opts: ExportRequest): Promise<string>;
    tabs(): Promise<Array<{ id: number; url: string }>>;
    status(): Promise<StatusResponse>;
  };
}

/** Opens the exporter page in a new tab and resolves once its window API exists. */
export async function openExporter(browser: Browser, url: string, timeoutMs: number): Promise<Page> {
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

/**
 * Ready handshake: resolves once the background answers through the exporter page. The
 * background registers its webRequest and port listeners synchronously at startup, before the
 * message listener that answers, so from then on the first page's requests are observed
 * (without it Chromium's first EventSource requests right after launch were sometimes missed:
 * fatal causes read "unknown", Last-Event-ID checks were lost).
 */
export async function waitForBackground(page: Page, timeoutMs: number): Promise<void> {
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
