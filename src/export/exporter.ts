// Our own extension page (same origin as the background, so it reads the same IndexedDB). The
// recorder API drives it with puppeteer: flush, export, map puppeteer pages to tab ids.
import browser from 'webextension-polyfill';
import { openInspectorDb } from '../shared/db';
import type { FlushAllRequest, FlushAllResponse, StatusRequest, StatusResponse } from '../shared/protocol';
import { buildSessionLog, type ExportOptions } from './session-log';
import { producerBrowser } from './producer-browser';
import { loadSettings } from '../shared/settings-store';

export interface ExporterApi {
  flushAll(timeoutMs?: number): Promise<FlushAllResponse>;
  exportSessionLog(opts?: Omit<ExportOptions, 'browser'>): Promise<string>;
  tabs(): Promise<Array<{ id: number; url: string }>>;
  status(): Promise<StatusResponse>;
}

const api: ExporterApi = {
  flushAll: (timeoutMs) => browser.runtime.sendMessage({ type: 'ri:flush-all', timeoutMs } satisfies FlushAllRequest) as Promise<FlushAllResponse>,
  async exportSessionLog(opts = {}) {
    const { settings } = await loadSettings();
    const log = await buildSessionLog(await openInspectorDb(), { fieldOverrides: settings, ...opts, browser: producerBrowser(navigator.userAgent) });
    // A string crosses the automation protocol in one piece and parses the same everywhere.
    return JSON.stringify(log);
  },
  status: () => browser.runtime.sendMessage({ type: 'ri:status' } satisfies StatusRequest) as Promise<StatusResponse>,
  async tabs() {
    const tabs = await browser.tabs.query({});
    return tabs.filter((t) => t.id !== undefined).map((t) => ({ id: t.id!, url: t.url ?? '' }));
  },
};

(window as unknown as { realtimeInspector: ExporterApi }).realtimeInspector = api;
document.title = 'Realtime Inspector exporter (ready)';
