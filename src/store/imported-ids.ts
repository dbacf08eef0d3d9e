// Imported sessions live under a synthetic negative tabId (-1, -2, …) and their page and
// connection ids carry the prefix `import<N>:` (N = -tabId), so a second import of the same file
// never collides with the first or with recorded rows. Exports of an imported tab strip the prefix
// and restore the file's own tab ids, so export → import → export gives the same log.

import type { ConnectionRow, EventRow, ImportRow, PageRow } from '../contracts/model';

export function importPrefix(tabId: number): string {
  return `import${-tabId}:`;
}

export function isImportedTab(tabId: number): boolean {
  return tabId < 0;
}

/** The id as it was in the file. */
export function originalId(id: string): string {
  const m = /^import\d+:/.exec(id);
  return m ? id.slice(m[0].length) : id;
}

/** ImportRow.meta.tabIds: each page's tab id in the file, by the page's original id. */
export function originalTabIds(row: ImportRow | undefined): Record<string, number> {
  const t = row?.meta?.tabIds;
  return t && typeof t === 'object' ? (t as Record<string, number>) : {};
}

/** Rows of imported tabs as they were in the file; recorded rows unchanged. Pure. */
export function restoreImported(
  pages: PageRow[],
  connections: ConnectionRow[],
  imports: ReadonlyMap<number, ImportRow>,
): { pages: PageRow[]; connections: ConnectionRow[]; event: ((e: EventRow) => EventRow) | null } {
  if (!pages.some((p) => isImportedTab(p.tabId))) return { pages, connections, event: null };
  const tabOfPage = new Map<string, number>();
  const outPages = pages.map((p) => {
    if (!isImportedTab(p.tabId)) return p;
    const id = originalId(p.id);
    const tabId = originalTabIds(imports.get(p.tabId))[id] ?? p.tabId;
    tabOfPage.set(p.id, tabId);
    return { ...p, id, tabId };
  });
  const outConnections = connections.map((c) =>
    isImportedTab(c.tabId) ? { ...c, id: originalId(c.id), pageId: originalId(c.pageId), tabId: tabOfPage.get(c.pageId) ?? c.tabId } : c,
  );
  return { pages: outPages, connections: outConnections, event: (e) => (e.connectionId.startsWith('import') ? { ...e, connectionId: originalId(e.connectionId) } : e) };
}
