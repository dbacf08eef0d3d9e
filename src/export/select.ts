// Which pages and connections an export covers (its scope). Shared by the session log, HAR and
// NDJSON builders, so "this tab" means the same rows in every format.

import { analyzeLineages } from '../analysis';
import type { Db } from '../store/db';
import { readEvents } from '../store/event-chunks';
import type { ConnectionRow, EventRow, ImportRow, PageRow } from '../contracts/model';
import { isImportedTab } from '../store/imported-ids';
import { allOf } from '../store/queries';

/**
 * Filters combine (AND). No `tabIds`: all recorded tabs (imported sessions, under negative tab
 * ids, only when asked for by tab id). `lineageIds` keeps the connections of those lineages
 * (analysis lineage ids, as the panel shows them).
 */
export interface ExportScope {
  tabIds?: number[];
  pageIds?: string[];
  connectionIds?: string[];
  lineageIds?: string[];
}

export interface Selection {
  pages: PageRow[];
  connections: ConnectionRow[];
  /** The import rows of the imported tabs in the selection. */
  imports: Map<number, ImportRow>;
}

export async function selectScope(db: Db, scope: ExportScope): Promise<Selection> {
  let pages: PageRow[];
  if (scope.tabIds) {
    pages = [];
    for (const tabId of scope.tabIds) pages.push(...(await db.getAllFromIndex('pages', 'byTab', allOf(tabId))));
  } else {
    pages = (await db.getAll('pages')).filter((p) => !isImportedTab(p.tabId));
  }
  if (scope.pageIds) {
    const wanted = new Set(scope.pageIds);
    pages = pages.filter((p) => wanted.has(p.id));
  }
  pages.sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
  const pageIds = new Set(pages.map((p) => p.id));
  let connections: ConnectionRow[] = [];
  const tabs = new Set(pages.map((p) => p.tabId));
  for (const tabId of tabs) {
    for (const c of await db.getAllFromIndex('connections', 'byTab', allOf(tabId))) if (pageIds.has(c.pageId)) connections.push(c);
  }
  if (scope.lineageIds) connections = await inLineages(db, connections, new Set(scope.lineageIds));
  if (scope.connectionIds) {
    const wanted = new Set(scope.connectionIds);
    connections = connections.filter((c) => wanted.has(c.id));
  }
  connections.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const imports = new Map<number, ImportRow>();
  for (const tabId of tabs) {
    if (!isImportedTab(tabId)) continue;
    const row = await db.get('imports', tabId);
    if (row) imports.set(tabId, row);
  }
  return { pages, connections, imports };
}


/** Lineages need each connection's lifecycle events (when it ended); messages are skipped. */
async function inLineages(db: Db, connections: ConnectionRow[], wanted: ReadonlySet<string>): Promise<ConnectionRow[]> {
  const lifecycle: EventRow[] = [];
  for (const c of connections) {
    for (const e of await readEvents(db, c.id, 1, c.lastSeq)) if (e.type !== 'message') lifecycle.push(e);
  }
  const lineage = new Map(analyzeLineages(connections, lifecycle).map((l) => [l.connectionId, l.lineageId]));
  return connections.filter((c) => wanted.has(lineage.get(c.id) ?? ''));
}
