// Session-log rows → stored rows of an imported session (pure): ids get the import's prefix and
// the tabId is the import's negative one (imported-ids.ts). The background's import writer uses it.

import type { ConnectionRow, EventRow, PageRow } from '../contracts/model';
import type { LogConnection, LogEvent, LogPage } from '../contracts/session-log-format';
import { importPrefix } from './imported-ids';

export function importedPage(p: LogPage, tabId: number): PageRow {
  return { id: importPrefix(tabId) + p.id, tabId, url: p.url, startedAt: p.startedAt };
}

export function importedConnection(c: LogConnection, tabId: number, localId: number, lastSeq: number): ConnectionRow {
  const prefix = importPrefix(tabId);
  const counts = c.counts ?? { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, errors: 0, reconnects: 0 };
  const row: ConnectionRow = {
    id: prefix + c.id,
    pageId: prefix + c.pageId,
    tabId,
    sourceId: `import${-tabId}`,
    localId,
    kind: c.kind,
    url: c.url,
    origin: c.origin,
    frameUrl: c.frameUrl,
    frameId: c.frameId ?? 0,
    createdAt: c.createdAt,
    state: c.state === 'connecting' || c.state === 'open' || c.state === 'closing' || c.state === 'closed' ? c.state : 'closed',
    lastSeq,
    messagesIn: counts.messagesIn,
    messagesOut: counts.messagesOut,
    bytesIn: counts.bytesIn,
    bytesOut: counts.bytesOut,
    errors: counts.errors,
    reconnects: counts.reconnects,
  };
  const optional = ['openedAt', 'closedAt', 'protocol', 'extensions', 'requestedProtocols', 'withCredentials', 'stack', 'close', 'closeCall', 'ended', 'listenedTypes'] as const;
  const r = row as unknown as Record<string, unknown>;
  for (const k of optional) if (c[k] !== undefined) r[k] = c[k];
  return row;
}

export function importedEvent(e: LogEvent, tabId: number): EventRow {
  // `decoded` is derived: stored events keep what was recorded, and it is decoded again on export.
  const { decoded: _derived, ...recorded } = e;
  return { ...recorded, connectionId: importPrefix(tabId) + e.connectionId };
}
