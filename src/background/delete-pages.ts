// Deletes whole page loads (sessions) with everything recorded under them, in one transaction so
// a reader never sees a connection without its page or events without their connection.

import type { Db } from '../store/db';
import type { PageRow } from '../contracts/model';
import { allOf, allOfBefore, recordedTabs } from '../store/queries';

export interface Deleted {
  pages: number;
  connections: number;
  /** Sum of the deleted pages' storedBytes estimates. */
  bytes: number;
}

type StoreName = 'pages' | 'connections' | 'eventChunks' | 'sources' | 'requests' | 'tabs';
const STORES: StoreName[] = ['pages', 'connections', 'eventChunks', 'sources', 'requests', 'tabs'];

/**
 * `openTabs`: a document of an open tab may still be alive (bfcache) and send batches; its source
 * row (batch numbering) must stay or its relay could never be acknowledged again.
 */
export async function deletePages(db: Db, pageIds: ReadonlySet<string>, openTabs: ReadonlySet<number>): Promise<Deleted> {
  const out: Deleted = { pages: 0, connections: 0, bytes: 0 };
  if (pageIds.size === 0) return out;
  const tx = db.transaction(STORES, 'readwrite');
  const pages = tx.objectStore('pages');
  const deletedPages: PageRow[] = [];
  for (const id of pageIds) {
    const page = await pages.get(id);
    if (!page) continue;
    deletedPages.push(page);
    out.pages++;
    out.bytes += page.storedBytes ?? 0;
    const conns = await tx.objectStore('connections').index('byPage').getAllKeys(allOf(id));
    for (const connId of conns) {
      await tx.objectStore('eventChunks').delete(allOf(connId));
      await tx.objectStore('connections').delete(connId);
      out.connections++;
    }
    await pages.delete(id);
  }
  // Sources have no page index (they are few: one per document); scan them.
  let cursor = await tx.objectStore('sources').openCursor();
  while (cursor) {
    if (pageIds.has(cursor.value.pageId) && !openTabs.has(cursor.value.tabId)) await cursor.delete();
    cursor = await cursor.continue();
  }
  // Requests carry a tab and a time, not a page: drop a tab's requests older than its oldest
  // remaining page load (or its current load, which may not have a page row yet).
  for (const tabId of new Set(deletedPages.map((p) => p.tabId))) {
    const remaining = await pages.index('byTab').getAll(allOf(tabId), 1);
    const current = await tx.objectStore('tabs').get(tabId);
    const keepFrom = Math.min(remaining[0]?.startedAt ?? Infinity, current && !pageIds.has(current.pageId) ? current.startedAt : Infinity);
    const upTo = Number.isFinite(keepFrom) ? keepFrom : Number.MAX_SAFE_INTEGER;
    await tx.objectStore('requests').index('byTab').openCursor(allOfBefore(tabId, upTo)).then(async function drop(c): Promise<void> {
      if (!c) return;
      await c.delete();
      return drop(await c.continue());
    });
  }
  await tx.done;
  return out;
}

/**
 * "Clear all recorded data": every page, connection, event and request of every real tab.
 * Imported sessions (viewer; negative tab ids, see ImportRow) are not recorded data and stay, as
 * do notices. Sources and tabs (batch numbering and the current load of each tab, no recorded
 * content) stay too, so pages that are still open keep being recorded.
 */
export async function deleteAllRecorded(db: Db): Promise<Deleted> {
  const recorded = recordedTabs();
  const tx = db.transaction(['pages', 'connections', 'eventChunks', 'requests'], 'readwrite');
  const out: Deleted = { pages: 0, connections: 0, bytes: 0 };
  for (const page of await tx.objectStore('pages').index('byTab').getAll(recorded)) {
    out.pages++;
    out.bytes += page.storedBytes ?? 0;
    await tx.objectStore('pages').delete(page.id);
  }
  for (const connId of await tx.objectStore('connections').index('byTab').getAllKeys(recorded)) {
    await tx.objectStore('eventChunks').delete(allOf(connId));
    await tx.objectStore('connections').delete(connId);
    out.connections++;
  }
  let req = await tx.objectStore('requests').index('byTab').openCursor(recorded);
  while (req) {
    await req.delete();
    req = await req.continue();
  }
  await tx.done;
  return out;
}
