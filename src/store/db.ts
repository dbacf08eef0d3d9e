// The IndexedDB schema, shared by the background (the only writer) and the extension pages that
// read it (panel, exporter). Versioned: add an `if (oldVersion < N)` step for every change.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ConnectionRow, EventChunk, ImportRow, NoticeRow, PageRow, RequestRow, SourceRow, TabRow } from '../contracts/model';

export const DB_NAME = 'realtime-inspector';
export const DB_VERSION = 2;

export interface InspectorDB extends DBSchema {
  pages: { key: string; value: PageRow; indexes: { byTab: [number, number] } };
  connections: {
    key: string;
    value: ConnectionRow;
    indexes: { byPage: [string, number]; byTab: [number, number]; bySource: [string, number] };
  };
  /** Runs of consecutive events, key [connectionId, firstSeq]: read through event-chunks.ts. */
  eventChunks: { key: [string, number]; value: EventChunk };
  sources: { key: string; value: SourceRow };
  /** The current top-level load of each tab, so a restarted background keeps attributing frames. */
  tabs: { key: number; value: TabRow };
  /** EventSource requests seen by webRequest, by tab and time. */
  requests: { key: number; value: RequestRow; indexes: { byTab: [number, number] } };
  /** v2: sessions imported from a file (viewer); their rows live under a synthetic negative tabId. */
  imports: { key: number; value: ImportRow };
  /** v2: what the extension itself did to the data (retention, quota): shown in the panel, exported in the log. */
  notices: { key: number; value: NoticeRow; indexes: { byTab: [number, number] } };
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
        db.createObjectStore('eventChunks', { keyPath: ['connectionId', 'firstSeq'] });
        db.createObjectStore('sources', { keyPath: 'sourceId' });
        db.createObjectStore('tabs', { keyPath: 'tabId' });
        const requests = db.createObjectStore('requests', { keyPath: 'id', autoIncrement: true });
        requests.createIndex('byTab', ['tabId', 't']);
      }
      if (oldVersion < 2) {
        db.createObjectStore('imports', { keyPath: 'tabId' });
        const notices = db.createObjectStore('notices', { keyPath: 'id', autoIncrement: true });
        notices.createIndex('byTab', ['tabId', 't']);
      }
    },
  });
}
