// Our own extension page (same origin as the background, so it reads the same IndexedDB). The
// recorder API drives it with puppeteer: flush, export, map puppeteer pages to tab ids.
// Every export is sanitized unless the caller passes `includeSensitive: true`.
import browser from 'webextension-polyfill';
import { openInspectorDb } from '../store/db';
import type { FaultRequest, FaultResponse, FlushAllRequest, FlushAllResponse, StatusRequest, StatusResponse } from '../contracts/protocol';
import { exportFile, type ExportFormat } from '../export/export-file';
import { sessionLogToHar } from '../formats/har-writer';
import { ndjsonBlob } from '../export/ndjson-writer';
import { exportOptions } from '../export/export-options';
import type { ExportScope } from '../export/select';
import { buildSessionLog } from '../export/session-log-builder';

/** What callers choose: the scope, and whether to keep secrets (default: sanitized). */
export interface ExporterOptions extends ExportScope {
  includeSensitive?: boolean;
}

export interface ExporterApi {
  flushAll(timeoutMs?: number): Promise<FlushAllResponse>;
  /** The session log as JSON text. */
  exportSessionLog(opts?: ExporterOptions): Promise<string>;
  /** The HAR 1.2 as JSON text. */
  exportHar(opts?: ExporterOptions): Promise<string>;
  /**
   * NDJSON streamed into a Blob chunk by chunk (never all events in memory); returns its size and
   * counts, not the text (for the benchmark of large sessions). `exportText('ndjson')` gives the text.
   */
  exportNdjson(opts?: ExporterOptions): Promise<{ bytes: number; pages: number; connections: number; events: number; findings: number }>;
  /** Any format as text (small sessions: the whole text crosses the automation protocol). */
  exportText(format: ExportFormat, opts?: ExporterOptions): Promise<string>;
  tabs(): Promise<Array<{ id: number; url: string }>>;
  status(): Promise<StatusResponse>;
  /** Applies a fault on purpose (docs/faults.md; the recorder's `inspected.faults`). */
  fault(req: FaultRequest): Promise<FaultResponse>;
}

const options = (opts: ExporterOptions = {}) => exportOptions(opts);

const api: ExporterApi = {
  flushAll: (timeoutMs) => browser.runtime.sendMessage({ type: 'ri:flush-all', timeoutMs } satisfies FlushAllRequest) as Promise<FlushAllResponse>,
  async exportSessionLog(opts) {
    // A string crosses the automation protocol in one piece and parses the same everywhere.
    return JSON.stringify(await buildSessionLog(await openInspectorDb(), await options(opts)));
  },
  async exportHar(opts) {
    return JSON.stringify(sessionLogToHar(await buildSessionLog(await openInspectorDb(), await options(opts))));
  },
  async exportNdjson(opts) {
    const { bytes, end } = await ndjsonBlob(await openInspectorDb(), await options(opts));
    return { bytes, pages: end.pages, connections: end.connections, events: end.events, findings: end.findings };
  },
  async exportText(format, opts) {
    return (await exportFile(await openInspectorDb(), format, await options(opts))).blob.text();
  },
  status: () => browser.runtime.sendMessage({ type: 'ri:status' } satisfies StatusRequest) as Promise<StatusResponse>,
  fault: (req) => browser.runtime.sendMessage({ ...req, type: 'ri:fault' } satisfies FaultRequest) as Promise<FaultResponse>,
  async tabs() {
    const tabs = await browser.tabs.query({});
    return tabs.filter((t) => t.id !== undefined).map((t) => ({ id: t.id!, url: t.url ?? '' }));
  },
};

(window as unknown as { realtimeInspector: ExporterApi }).realtimeInspector = api;
document.title = 'Realtime Inspector exporter (ready)';
