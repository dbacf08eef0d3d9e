// Stored rows of a connection only the network saw (network-connections.ts): a connection row
// marked `seenBy: 'network'` with the events webRequest can vouch for — `open` when the response
// or the WebSocket handshake's 101 arrived, `close` when an HTTP stream ended (or a handshake
// failed). No messages: their frames and bytes never reach an extension without a debugger.

import type { ConnectionRow, EventRow, TabRow } from '../contracts/model';
import { nextEvent, originOf } from './connection-rows';
import type { NetworkConnection } from './network-connections';

/** The sourceId of every network-only row (no document of ours made it). */
export const NETWORK_SOURCE = 'network';

export function networkConnectionRow(c: NetworkConnection, ids: { id: string; localId: number }, tab: TabRow): { row: ConnectionRow; events: EventRow[] } {
  const row: ConnectionRow = {
    id: ids.id,
    pageId: tab.pageId,
    tabId: tab.tabId,
    sourceId: NETWORK_SOURCE,
    localId: ids.localId,
    kind: c.kind,
    url: c.url,
    origin: originOf(c.url),
    frameUrl: tab.url,
    frameId: 0,
    createdAt: c.requestStartedAt,
    state: 'connecting',
    lastSeq: 0,
    messagesIn: 0,
    messagesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    errors: 0,
    reconnects: 0,
    seenBy: 'network',
  };
  if (c.tabId < 0) row.noTab = true;
  // Firefox names the document or worker script that made an HTTP request: a worker's own URL.
  if (c.documentUrl !== undefined && c.documentUrl !== tab.url) row.workerScript = c.documentUrl;
  if (c.status !== undefined) row.status = c.status;
  if (c.contentType !== undefined) row.contentType = c.contentType;
  if (c.kind === 'fetch-stream') row.responseStartedAt = c.openedAt;
  const events: EventRow[] = [];
  if (c.openedAt !== undefined) {
    row.openedAt = c.openedAt;
    row.state = 'open';
    events.push(nextEvent(row, c.openedAt, 'open', 0));
  }
  const end = networkEnd(row, c);
  if (end) events.push(end);
  return { row, events };
}

/**
 * The end of an HTTP stream (or of a failed handshake), once. A fetch stream gets its `close`
 * event (`endedBy`, the browser's error as `reason`); an EventSource or a WebSocket only its
 * `closedAt`, as when a page closes an EventSource (a close event would claim a close frame).
 */
export function networkEnd(row: ConnectionRow, c: NetworkConnection): EventRow | null {
  if (c.endedAt === undefined || row.state === 'closed') return null;
  row.state = 'closed';
  row.closedAt = c.endedAt;
  if (row.kind !== 'fetch-stream') return null;
  const ev = nextEvent(row, c.endedAt, 'close', 0);
  const by = c.error === undefined ? 'server' : 'error';
  row.streamEnd = c.error === undefined ? { t: c.endedAt, by } : { t: c.endedAt, by, error: c.error };
  ev.endedBy = by;
  if (c.error !== undefined) ev.reason = c.error;
  return ev;
}
