// Sends import messages to the background over the IMPORT_PORT, one batch at a time (each waits
// for the background to store the previous one; a streamed file is read no faster than that), and
// resolves with the new tabId. Any failure (a bad line found midway through a streamed file too)
// disconnects the port, which makes the background delete what it wrote.

import browser from 'webextension-polyfill';
import type { Port } from '../contracts/port';
import { IMPORT_PORT, isBackgroundToViewer, type BackgroundToViewer, type ViewerToBackground } from '../contracts/protocol';

/** The viewer's runtime port to the background. */
type ViewerPort = Port<ViewerToBackground>;
const connect = (): ViewerPort => browser.runtime.connect({ name: IMPORT_PORT });

export interface ImportResult {
  tabId: number;
  connections: number;
  events: number;
}

export async function sendImport(messages: Iterable<ViewerToBackground> | AsyncIterable<ViewerToBackground>, onProgress: (sentEvents: number) => void): Promise<ImportResult> {
  const port = connect();
  let waiting: { resolve: (m: BackgroundToViewer) => void; reject: (e: Error) => void } | null = null;
  port.onMessage.addListener((m: unknown) => {
    const w = waiting;
    waiting = null;
    if (!isBackgroundToViewer(m)) return w?.reject(new Error('The extension background answered something unexpected; nothing was imported.'));
    const message = m;
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
    for await (const m of messages) {
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
  const port = connect();
  return new Promise<void>((resolve, reject) => {
    port.onMessage.addListener((message: unknown) => {
      port.disconnect();
      if (isBackgroundToViewer(message) && message.type === 'import-deleted') resolve();
      else reject(new Error(isBackgroundToViewer(message) && message.type === 'import-failed' ? message.message : 'unexpected reply'));
    });
    port.postMessage({ type: 'import-delete', tabId });
  });
}
