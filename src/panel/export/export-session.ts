// "Export": the chosen scope in the chosen format as a download. The background is asked to
// flush first so the file holds what the page sent up to the click, not up to the last batch
// boundary. Sanitized unless the user ticked "Include sensitive data".

import browser from 'webextension-polyfill';
import { EXPORT_FORMATS, exportFile, type ExportFormat } from '../../export/export-file';
import { exportOptions } from '../../export/export-options';
import type { Db } from '../../store/db';
import type { FlushAllRequest } from '../../contracts/protocol';
import { exportScopeFor, scopeFileTag, type PanelExportScope } from './export-scope';
import type { PanelState } from '../store';

declare global {
  interface Window {
    /** The last document this panel exported (parsed; NDJSON: its counts): read by e2e tests. */
    __riLastExport?: unknown;
  }
}

export interface ExportChoice {
  format: ExportFormat;
  scope: PanelExportScope;
  includeSensitive: boolean;
}

/** What the Export button does without a choice, and what its menu starts with. */
export const DEFAULT_EXPORT_CHOICE: ExportChoice = { format: 'session-log', scope: 'tab', includeSensitive: false };

export async function exportSession(db: Db, tabId: number, choice: ExportChoice = DEFAULT_EXPORT_CHOICE, state?: () => PanelState): Promise<void> {
  const scope = state ? exportScopeFor(choice.scope, tabId, state()) : { tabIds: [tabId] };
  const flush: FlushAllRequest = { type: 'ri:flush-all' };
  // A flush that fails (background restarting) must not block the export of what is stored.
  await browser.runtime.sendMessage(flush).catch(() => undefined);
  const opts = await exportOptions({ ...scope, includeSensitive: choice.includeSensitive });
  const { blob, summary } = await exportFile(db, choice.format, opts, choice.format !== 'ndjson');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  download(`realtime-session-${scopeFileTag(choice.scope, tabId)}-${stamp}.${EXPORT_FORMATS[choice.format].extension}`, blob);
  window.__riLastExport = choice.format === 'ndjson' ? summary : JSON.parse(await blob.text());
}

/** Blob URL + <a download>: works in the DevTools panels of both browsers without `downloads`. */
function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: revoking at once can cancel the download before the browser reads the blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
