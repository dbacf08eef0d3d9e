// Reads of the background's IndexedDB (extension pages share its origin; the background is the
// only writer). Every read is bounded: a connection may hold millions of events.

import type { Db } from '../shared/db';
import { readEvents, readLastEvents } from '../shared/event-chunks';
import type { ConnectionRow, EventRow, NoticeRow, PageRow } from '../shared/model';

/** How many events one read brings: the tail on select, then this many older ones per click. */
export const EVENT_PAGE = 500;

function tabRange(tabId: number): IDBKeyRange {
  return IDBKeyRange.bound([tabId, -Infinity], [tabId, Infinity]);
}

export async function readTab(db: Db, tabId: number): Promise<{ pages: PageRow[]; connections: ConnectionRow[] }> {
  const tx = db.transaction(['pages', 'connections'], 'readonly');
  const [pages, connections] = await Promise.all([
    tx.objectStore('pages').index('byTab').getAll(tabRange(tabId)),
    tx.objectStore('connections').index('byTab').getAll(tabRange(tabId)),
  ]);
  return { pages, connections };
}

/** The last `count` events of a connection, oldest first. */
export async function readTail(db: Db, connectionId: string, count = EVENT_PAGE): Promise<EventRow[]> {
  return readLastEvents(db, connectionId, count);
}

/** Up to `count` events right before `beforeSeq`, oldest first. */
export async function readOlder(db: Db, connectionId: string, beforeSeq: number, count = EVENT_PAGE): Promise<EventRow[]> {
  if (beforeSeq <= 1) return [];
  return readEvents(db, connectionId, Math.max(1, beforeSeq - count), beforeSeq - 1);
}

/** What retention / quota / "clear all" did that concerns this tab (its own and tabId 0), oldest first. */
export async function readNotices(db: Db, tabId: number): Promise<NoticeRow[]> {
  const [own, all] = await Promise.all([
    db.getAllFromIndex('notices', 'byTab', tabRange(tabId)),
    tabId === 0 ? Promise.resolve([]) : db.getAllFromIndex('notices', 'byTab', tabRange(0)),
  ]);
  return [...own, ...all].sort((a, b) => a.t - b.t || (a.id ?? 0) - (b.id ?? 0));
}
