// The IndexedDB schema, shared by the background (the only writer) and the extension pages that
// read it (panel, exporter). Versioned: add an `if (oldVersion < N)` step for every change.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ConnectionRow, EventRow, PageRow, SourceRow, TabRow } from './model';

export const DB_NAME = 'realtime-inspector';
export const DB_VERSION = 1;

export interface InspectorDB extends DBSchema {
  pages: { key: string; value: PageRow; indexes: { byTab: [number, number] } };
  connections: {
    key: string;
    value: ConnectionRow;
    indexes: { byPage: [string, number]; byTab: [number, number]; bySource: [string, number] };
  };
  /** Primary key [connectionId, seq]: one connection's events in order, pageable by key range. */
  events: { key: [string, number]; value: EventRow };
  sources: { key: string; value: SourceRow };
  /** The current top-level load of each tab, so a restarted background keeps attributing frames. */
  tabs: { key: number; value: TabRow };
}

export type Db = IDBPDatabase<InspectorDB>;

export function openInspectorDb(): Promise<Db> {
  return openDB<InspectorDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const pages = db.createObjectStore('pages', { keyPath: 'id' });
        pages.createIndex('byTab', ['tabId', 'startedAt']);
        const connections = db.createObjectStore('connections', { keyPath: 'id' });
        connections.createIndex('byPage', ['pageId', 'createdAt']);
        connections.createIndex('byTab', ['tabId', 'createdAt']);
        connections.createIndex('bySource', ['sourceId', 'localId']);
        db.createObjectStore('events', { keyPath: ['connectionId', 'seq'] });
        db.createObjectStore('sources', { keyPath: 'sourceId' });
        db.createObjectStore('tabs', { keyPath: 'tabId' });
      }
    },
  });
}

/** Events of one connection with seq in [fromSeq, toSeq], in order, without loading the rest. */
export function eventRange(connectionId: string, fromSeq = 1, toSeq = Number.MAX_SAFE_INTEGER): IDBKeyRange {
  return IDBKeyRange.bound([connectionId, fromSeq], [connectionId, toSeq]);
}
