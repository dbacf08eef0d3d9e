// The background's view of IndexedDB: a few reads for recovering state after a restart and one
// write, `commit`, that stores a whole batch of changes in a single transaction.

import { unwrap } from 'idb';
import type { Db } from '../store/db';
import { toChunks } from '../store/event-chunks';
import type { ConnectionRow, EventRow, PageRow, RequestRow, SourceRow, TabRow } from '../contracts/model';
import { bytesByPage } from './page-bytes';
import { allOf } from '../store/queries';

export interface Changes {
  pages: PageRow[];
  connections: ConnectionRow[];
  events: EventRow[];
  sources: SourceRow[];
  tabs: TabRow[];
  requests: RequestRow[];
}

export interface Storage {
  loadSource(sourceId: string): Promise<SourceRow | undefined>;
  loadTab(tabId: number): Promise<TabRow | undefined>;
  loadConnection(sourceId: string, localId: number): Promise<ConnectionRow | undefined>;
  loadConnectionsOfPage(pageId: string): Promise<ConnectionRow[]>;
  commit(changes: Changes): Promise<void>;
}

export function idbStorage(db: Db): Storage {
  return {
    loadSource: (sourceId) => db.get('sources', sourceId),
    loadTab: (tabId) => db.get('tabs', tabId),
    loadConnection: (sourceId, localId) => db.getFromIndex('connections', 'bySource', [sourceId, localId]),
    loadConnectionsOfPage: (pageId) => db.getAllFromIndex('connections', 'byPage', allOf(pageId)),
    async commit(c) {
      const tx = db.transaction(['pages', 'connections', 'eventChunks', 'sources', 'tabs', 'requests'], 'readwrite', { durability: 'relaxed' });
      // Requests are queued on the native stores without awaiting each one: one transaction, no
      // promise per row (idb's wrapped put would also reject once per row if the transaction aborts).
      const put = (name: 'pages' | 'connections' | 'eventChunks' | 'sources' | 'tabs' | 'requests', rows: readonly object[]) => {
        const store = unwrap(tx.objectStore(name));
        for (const row of rows) store.put(row);
      };
      const chunks = toChunks(c.events);
      putPagesWithBytes(unwrap(tx.objectStore('pages')), c, chunks);
      put('connections', c.connections);
      put('eventChunks', chunks);
      put('sources', c.sources);
      put('tabs', c.tabs);
      put('requests', c.requests);
      await tx.done;
    },
  };
}

/**
 * Writes the commit's page rows and adds the commit's estimated bytes to each page's running
 * total (retention and quota read it). Read-modify-write inside the commit's own transaction, so
 * the total stays in step with the rows: a failed commit adds nothing. A page row written again
 * (after a failed write the ingest rewrites it) keeps the total it had.
 */
function putPagesWithBytes(store: IDBObjectStore, c: Changes, chunks: ReturnType<typeof toChunks>): void {
  const firstChunk = new Set(chunks.filter((ch) => ch.firstSeq === 1).map((ch) => ch.connectionId));
  const fresh = new Set(c.connections.filter((conn) => conn.lastSeq === 0 || firstChunk.has(conn.id)).map((conn) => conn.id));
  const added = bytesByPage(c.connections, chunks, fresh);
  const written = new Map<string, PageRow>(c.pages.map((p) => [p.id, p]));
  for (const id of new Set([...written.keys(), ...added.keys()])) {
    const req = store.get(id) as IDBRequest<PageRow | undefined>;
    req.onsuccess = () => {
      const stored = req.result;
      const row = written.get(id) ?? stored;
      if (!row) return; // a page deleted by retention while its rows were queued: nothing to add to
      const copy: PageRow = { id: row.id, tabId: row.tabId, url: row.url, startedAt: row.startedAt };
      copy.storedBytes = (stored?.storedBytes ?? 0) + (added.get(id) ?? 0);
      store.put(copy);
    };
  }
}
