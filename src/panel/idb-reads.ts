// Reads of the background's IndexedDB (extension pages share its origin; the background is the
// only writer). Every read is bounded: a connection may hold millions of events, which the
// message list reads by seq range as it scrolls (messages/event-window.ts, src/store/event-chunks.ts).

import type { Db } from '../store/db';
import type { ConnectionRow, NoticeRow, PageRow } from '../contracts/model';
import { allOf } from '../store/queries';


export async function readTab(db: Db, tabId: number): Promise<{ pages: PageRow[]; connections: ConnectionRow[] }> {
  const tx = db.transaction(['pages', 'connections'], 'readonly');
  const [pages, connections] = await Promise.all([
    tx.objectStore('pages').index('byTab').getAll(allOf(tabId)),
    tx.objectStore('connections').index('byTab').getAll(allOf(tabId)),
  ]);
  return { pages, connections };
}

/** What retention / quota / "clear all" did that concerns this tab (its own and tabId 0), oldest first. */
export async function readNotices(db: Db, tabId: number): Promise<NoticeRow[]> {
  const [own, all] = await Promise.all([
    db.getAllFromIndex('notices', 'byTab', allOf(tabId)),
    tabId === 0 ? Promise.resolve([]) : db.getAllFromIndex('notices', 'byTab', allOf(0)),
  ]);
  return [...own, ...all].sort((a, b) => a.t - b.t || (a.id ?? 0) - (b.id ?? 0));
}
