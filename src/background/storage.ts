// The background's view of IndexedDB: a few reads for recovering state after a restart and one
// write, `commit`, that stores a whole batch of changes in a single transaction.

import { unwrap } from 'idb';
import type { Db } from '../shared/db';
import { toChunks } from '../shared/event-chunks';
import type { ConnectionRow, EventRow, PageRow, RequestRow, SourceRow, TabRow } from '../shared/model';

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
    loadConnectionsOfPage: (pageId) => db.getAllFromIndex('connections', 'byPage', IDBKeyRange.bound([pageId, -Infinity], [pageId, Infinity])),
    async commit(c) {
      const tx = db.transaction(['pages', 'connections', 'eventChunks', 'sources', 'tabs', 'requests'], 'readwrite', { durability: 'relaxed' });
      // Requests are queued on the native stores without awaiting each one: one transaction, no
      // promise per row (idb's wrapped put would also reject once per row if the transaction aborts).
      const put = (name: 'pages' | 'connections' | 'eventChunks' | 'sources' | 'tabs' | 'requests', rows: readonly object[]) => {
        const store = unwrap(tx.objectStore(name));
        for (const row of rows) store.put(row);
      };
      put('pages', c.pages);
      put('connections', c.connections);
      put('eventChunks', toChunks(c.events));
      put('sources', c.sources);
      put('tabs', c.tabs);
      put('requests', c.requests);
      await tx.done;
    },
  };
}
