// "Export": the tab's session log as a JSON download. The background is asked to flush first so
// the log holds what the page sent up to the click, not up to the last batch boundary.

import browser from 'webextension-polyfill';
import { producerBrowser } from '../export/producer-browser';
import { buildSessionLog } from '../export/session-log';
import type { Db } from '../shared/db';
import type { FlushAllRequest } from '../shared/protocol';
import type { SessionLog } from '../shared/session-log';
import { loadSettings } from '../shared/settings-store';

declare global {
  interface Window {
    /** The last log this panel exported: read by the e2e test (our own extension page only). */
    __riLastExport?: SessionLog;
  }
}

export async function exportSession(db: Db, tabId: number): Promise<SessionLog> {
  const flush: FlushAllRequest = { type: 'ri:flush-all' };
  // A flush that fails (background restarting) must not block the export of what is stored.
  await browser.runtime.sendMessage(flush).catch(() => undefined);
  const { settings } = await loadSettings();
  const log = await buildSessionLog(db, { tabIds: [tabId], browser: producerBrowser(navigator.userAgent), fieldOverrides: settings });
  download(`realtime-session-tab${tabId}-${log.exportedAt.replace(/[:.]/g, '-')}.json`, JSON.stringify(log, null, 2));
  window.__riLastExport = log;
  return log;
}

/** Blob URL + <a download>: works in the DevTools panels of both browsers without `downloads`. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
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
