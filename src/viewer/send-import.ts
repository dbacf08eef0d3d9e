// Sends a parsed file to the background over the IMPORT_PORT, one batch at a time (each waits
// for the background to store the previous one), and resolves with the new tabId. Any failure
// disconnects the port, which makes the background delete what it wrote.

import browser from 'webextension-polyfill';
import { importMessages } from '../export/import/import-messages';
import type { ImportedFile } from '../export/import/read-import-file';
import { IMPORT_PORT, type BackgroundToViewer, type ViewerToBackground } from '../shared/protocol';

export interface ImportResult {
  tabId: number;
  connections: number;
  events: number;
}

export async function sendImport(file: ImportedFile, fileName: string, onProgress: (sentEvents: number) => void): Promise<ImportResult> {
  const port = browser.runtime.connect({ name: IMPORT_PORT });
  let waiting: { resolve: (m: BackgroundToViewer) => void; reject: (e: Error) => void } | null = null;
  port.onMessage.addListener((m: unknown) => {
    const w = waiting;
    waiting = null;
    const message = m as BackgroundToViewer;
    if (message.type === 'import-failed') w?.reject(new Error(message.message));
    else w?.resolve(message);
  });
  port.onDisconnect.addListener(() => waiting?.reject(new Error('The extension background went away during the import; nothing was imported.')));
  const send = (m: ViewerToBackground) =>
    new Promise<BackgroundToViewer>((resolve, reject) => {
      waiting = { resolve, reject };
      port.postMessage(m);
    });
  try {
    let sent = 0;
    for (const m of importMessages(file, fileName)) {
      const reply = await send(m);
      if (m.type === 'import-rows') onProgress((sent += m.events.length));
      if (reply.type === 'import-done') return { tabId: reply.tabId, connections: reply.connections, events: reply.events };
    }
    throw new Error('The background did not confirm the import.');
  } finally {
    port.disconnect();
  }
}

export function deleteImport(tabId: number): Promise<void> {
  const port = browser.runtime.connect({ name: IMPORT_PORT });
  return new Promise<void>((resolve, reject) => {
    port.onMessage.addListener((m: unknown) => {
      const message = m as BackgroundToViewer;
      port.disconnect();
      if (message.type === 'import-deleted') resolve();
      else reject(new Error(message.type === 'import-failed' ? message.message : 'unexpected reply'));
    });
    port.postMessage({ type: 'import-delete', tabId } satisfies ViewerToBackground);
  });
}
