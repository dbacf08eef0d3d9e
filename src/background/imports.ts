// Imports of sessions from files (the viewer). The viewer sends a parsed session in batches over
// the IMPORT_PORT; this stores it under a new negative tabId (-1, -2, …) with prefixed ids
// (src/store/imported-ids.ts) and writes the ImportRow in the last transaction: an ImportRow
// means "complete". A failed or abandoned import (error, port closed, background restarted)
// deletes what it wrote; rows of negative tabs without an ImportRow are such leftovers and are
// removed before the next import begins.

import type { Db } from '../store/db';
import { toChunks } from '../store/event-chunks';
import type { ConnectionRow, ImportRow } from '../contracts/model';
import type { BackgroundToViewer, ImportBeginMessage, ViewerToBackground } from '../contracts/protocol';
import { importedConnection, importedEvent, importedPage } from '../store/imported-rows';
import { allOf, importedTabs } from '../store/queries';
import type { PortSender } from '../contracts/port';

export type ViewerEndpoint = PortSender<BackgroundToViewer>;

/** The tabIds of imports in progress (not yet committed), across all viewers. */
const inProgress = new Set<number>();

export class ImportSession {
  private tabId: number | null = null;
  private begin: ImportBeginMessage | null = null;
  private readonly tabIds: Record<string, number> = {};
  private connections = 0;
  private events = 0;
  /** Connection id → its announced number of events, or null: counted as they arrive. */
  private expected = new Map<string, number | null>();
  /** Rows of connections announced without a count: stored again with lastSeq at commit. */
  private uncounted = new Map<string, ConnectionRow>();
  private received = new Map<string, number>();
  private done = false;
  /** Messages are handled one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly endpoint: ViewerEndpoint,
  ) {}

  receive(message: ViewerToBackground): void {
    this.queue = this.queue.then(() => this.handle(message)).catch((error: unknown) => this.fail(error));
  }

  /** A message that failed validation: the import fails and is rolled back. */
  receiveInvalid(): void {
    this.queue = this.queue.then(() => this.fail(new Error('invalid import message')));
  }

  /** Resolves when every message received so far is handled (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** The viewer went away: an unfinished import is removed. */
  disconnected(): Promise<void> {
    this.queue = this.queue.then(() => (this.done ? undefined : this.rollback()));
    return this.queue;
  }

  private async handle(m: ViewerToBackground): Promise<void> {
    const db = await this.db();
    if (m.type === 'import-delete') {
      await deleteImportedTab(db, m.tabId);
      this.endpoint.postMessage({ type: 'import-deleted', tabId: m.tabId });
      return;
    }
    if (this.done) throw new Error('this import is already finished');
    if (m.type === 'import-begin') {
      if (this.tabId !== null) throw new Error('import already begun');
      await removeLeftovers(db);
      this.tabId = await nextImportTabId(db);
      inProgress.add(this.tabId);
      this.begin = m;
      this.endpoint.postMessage({ type: 'import-begun', tabId: this.tabId });
      return;
    }
    const tabId = this.tabId;
    if (tabId === null || !this.begin) throw new Error('import-begin must come first');
    if (m.type === 'import-rows') {
      const pages = m.pages.map((p) => {
        this.tabIds[p.id] = p.tabId;
        return importedPage(p, tabId);
      });
      const connections = m.connections.map(({ connection, lastSeq }) => {
        if (this.expected.has(connection.id)) throw new Error(`connection "${connection.id}" announced twice`);
        this.expected.set(connection.id, lastSeq);
        const row = importedConnection(connection, tabId, ++this.connections, lastSeq ?? 0);
        if (lastSeq === null) this.uncounted.set(connection.id, row);
        return row;
      });
      for (const e of m.events) {
        const have = this.received.get(e.connectionId) ?? 0;
        if (!this.expected.has(e.connectionId)) throw new Error(`event of unknown connection "${e.connectionId}"`);
        if (e.seq !== have + 1) throw new Error(`connection "${e.connectionId}": seq ${e.seq} after ${have}`);
        this.received.set(e.connectionId, e.seq);
      }
      this.events += m.events.length;
      const tx = db.transaction(['pages', 'connections', 'eventChunks'], 'readwrite');
      for (const p of pages) void tx.objectStore('pages').put(p);
      for (const c of connections) void tx.objectStore('connections').put(c);
      for (const chunk of toChunks(m.events.map((e) => importedEvent(e, tabId)))) void tx.objectStore('eventChunks').put(chunk);
      await tx.done;
      this.endpoint.postMessage({ type: 'import-stored' });
      return;
    }
    // import-commit: every connection got exactly the events it announced.
    for (const [id, lastSeq] of this.expected) {
      if (lastSeq !== null && (this.received.get(id) ?? 0) !== lastSeq) throw new Error(`connection "${id}": ${this.received.get(id) ?? 0} of ${lastSeq} events arrived`);
    }
    const row: ImportRow = {
      tabId,
      fileName: this.begin.fileName,
      format: this.begin.format,
      importedAt: Date.now(),
      meta: { ...this.begin.meta, tabIds: this.tabIds },
      connections: this.connections,
      events: this.events,
    };
    // Counted connections get their lastSeq in the same transaction as the ImportRow.
    const tx = db.transaction(['connections', 'imports'], 'readwrite');
    for (const [id, c] of this.uncounted) void tx.objectStore('connections').put({ ...c, lastSeq: this.received.get(id) ?? 0 });
    void tx.objectStore('imports').put(row);
    await tx.done;
    this.done = true;
    inProgress.delete(tabId);
    this.endpoint.postMessage({ type: 'import-done', tabId, connections: this.connections, events: this.events });
  }

  private async fail(error: unknown): Promise<void> {
    await this.rollback().catch(() => undefined);
    this.endpoint.postMessage({ type: 'import-failed', message: error instanceof Error ? error.message : String(error) });
  }

  private async rollback(): Promise<void> {
    this.done = true;
    if (this.tabId === null) return;
    const tabId = this.tabId;
    await deleteImportedTab(await this.db(), tabId);
    inProgress.delete(tabId);
  }
}

/** -1 for the first import, then one below the lowest negative tab id in use. */
export async function nextImportTabId(db: Db): Promise<number> {
  let lowest = 0;
  for (const key of await db.getAllKeys('imports')) lowest = Math.min(lowest, key);
  const firstPage = await db.getAllFromIndex('pages', 'byTab', importedTabs(), 1);
  for (const p of firstPage) lowest = Math.min(lowest, p.tabId);
  for (const t of inProgress) lowest = Math.min(lowest, t);
  return lowest - 1;
}

/** Deletes an imported session: its import row, pages, connections and event chunks. */
export async function deleteImportedTab(db: Db, tabId: number): Promise<void> {
  if (tabId >= 0) throw new Error('only imported (negative) tabs can be deleted here');
  const range = allOf(tabId);
  const tx = db.transaction(['imports', 'pages', 'connections', 'eventChunks'], 'readwrite');
  const connections = await tx.objectStore('connections').index('byTab').getAll(range);
  for (const c of connections) {
    void tx.objectStore('eventChunks').delete(allOf(c.id));
    void tx.objectStore('connections').delete(c.id);
  }
  for (const key of await tx.objectStore('pages').index('byTab').getAllKeys(range)) void tx.objectStore('pages').delete(key);
  void tx.objectStore('imports').delete(tabId);
  await tx.done;
}

/** Negative tabs without an ImportRow and not being imported now: an import that never finished. */
async function removeLeftovers(db: Db): Promise<void> {
  const pages = await db.getAllFromIndex('pages', 'byTab', importedTabs());
  const tabs = new Set(pages.map((p) => p.tabId));
  for (const tabId of tabs) {
    if (inProgress.has(tabId) || (await db.get('imports', tabId))) continue;
    await deleteImportedTab(db, tabId);
  }
}
