// The extension's data, read from a Playwright persistent context: the extension id from its
// service worker, then the same exporter page the puppeteer recorder drives (exporter-page.ts),
// opened in a tab of the context. Playwright types only: the caller passes the context in.
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { SessionLog } from '../contracts/session-log-format';
import { EXPORTER_PATH, type ExportFormat, type ExportRequest, type ExporterWindow } from './exporter-page';
import type { LogSource } from './save-log';

/** What the fixture's `inspector` offers: the puppeteer InspectedBrowser's reading half. */
export interface PlaywrightInspector extends LogSource {
  /** The chrome-extension id of the loaded extension. */
  extensionId: string;
  /** 'chrome-extension://<id>'. */
  extensionOrigin: string;
  /** Resolves when everything the pages captured so far is stored. */
  flush(timeoutMs?: number): Promise<void>;
  /** The session log (flushed first), sanitized unless `includeSensitive: true`. */
  exportSessionLog(opts?: ExportRequest): Promise<SessionLog>;
  exportHar(opts?: ExportRequest): Promise<Record<string, unknown> & { log: { entries: unknown[] } }>;
  exportNdjson(opts?: ExportRequest): Promise<string>;
  /** The exporter tab (opened on first use and kept), whose `window.realtimeInspector` has the rest. */
  exporterPage(): Promise<Page>;
}

const isOurs = (w: Worker): boolean => w.url().startsWith('chrome-extension://');

/** The extension's id, from its MV3 service worker (registered right after launch). */
export async function extensionIdOf(context: BrowserContext, timeoutMs: number): Promise<string> {
  const worker = context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: timeoutMs }));
  return new URL(worker.url()).host;
}

export function playwrightInspector(context: BrowserContext, extensionId: string, readyTimeoutMs: number): PlaywrightInspector {
  const extensionOrigin = `chrome-extension://${extensionId}`;
  let exporter: Promise<Page> | null = null;
  const exporterPage = (): Promise<Page> => {
    exporter ??= (async () => {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/${EXPORTER_PATH}`, { timeout: readyTimeoutMs });
      await page.waitForFunction(() => typeof (window as unknown as Partial<ExporterWindow>).realtimeInspector === 'object', undefined, { timeout: readyTimeoutMs });
      return page;
    })();
    return exporter;
  };
  const flush = async (timeoutMs = 10000): Promise<void> => {
    const page = await exporterPage();
    await page.evaluate((ms) => (window as unknown as ExporterWindow).realtimeInspector.flushAll(ms), timeoutMs);
  };
  const exportText = async (format: ExportFormat, o: ExportRequest = {}): Promise<string> => {
    await flush();
    const page = await exporterPage();
    // JSON round trip: only plain fields cross into the page.
    const request = JSON.parse(JSON.stringify(o)) as ExportRequest;
    return page.evaluate(([f, r]) => (window as unknown as ExporterWindow).realtimeInspector.exportText(f, r), [format, request] as const);
  };
  return {
    extensionId,
    extensionOrigin,
    flush,
    exporterPage,
    exportSessionLog: async (o) => JSON.parse(await exportText('session-log', o)) as SessionLog,
    exportHar: async (o) => JSON.parse(await exportText('har', o)) as Record<string, unknown> & { log: { entries: unknown[] } },
    exportNdjson: (o) => exportText('ndjson', o),
  };
}
