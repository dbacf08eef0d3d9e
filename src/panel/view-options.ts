// What the connections side of the panel shows, DevTools-style: only the current page load unless
// "Preserve log" is on, nothing created before the last Clear, or one earlier load picked from the
// history list. Views only: capture and IndexedDB are untouched. Pure; unit-tested.

import type { ConnectionRow, PageRow } from '../contracts/model';

export interface ViewOptions {
  /** Off (DevTools' default): only the tab's current page load. On: every load, grouped by load. */
  preserveLog: boolean;
  /** Clear: connections created before this time (epoch ms) are hidden. */
  clearedAt: number | null;
  /** An earlier load picked in the history list; shown alone whatever the two options above say. */
  historyPageId: string | null;
}

export const DEFAULT_VIEW_OPTIONS: ViewOptions = { preserveLog: false, clearedAt: null, historyPageId: null };

export interface VisibleView {
  pages: PageRow[];
  connections: ConnectionRow[];
  /** The load the live view follows (the newest), if any is known. */
  currentPageId: string | undefined;
}

/**
 * The newest load: the page row that started last. Page rows are written with a load's first
 * connection, so before that the previous load stays "current" (DevTools would already be empty).
 */
export function currentPageId(pages: readonly PageRow[], connections: readonly ConnectionRow[]): string | undefined {
  const newestPage = pages.reduce<PageRow | undefined>((best, p) => (!best || p.startedAt >= best.startedAt ? p : best), undefined);
  if (newestPage) return newestPage.id;
  return connections.reduce<ConnectionRow | undefined>((best, c) => (!best || c.createdAt >= best.createdAt ? c : best), undefined)?.pageId;
}

export function visibleView(pages: readonly PageRow[], connections: readonly ConnectionRow[], opts: ViewOptions): VisibleView {
  const current = currentPageId(pages, connections);
  if (opts.historyPageId !== null) {
    const id = opts.historyPageId;
    return { pages: pages.filter((p) => p.id === id), connections: connections.filter((c) => c.pageId === id), currentPageId: current };
  }
  const cleared = opts.clearedAt;
  const shown = connections.filter((c) => (opts.preserveLog || c.pageId === current) && (cleared === null || c.createdAt >= cleared));
  const pageIds = new Set(shown.map((c) => c.pageId));
  return { pages: pages.filter((p) => pageIds.has(p.id) || (!opts.preserveLog && p.id === current)), connections: shown, currentPageId: current };
}

/** Earlier loads of the tab, newest first, for the history list (the current one is the live view). */
export function historyPages(pages: readonly PageRow[], connections: readonly ConnectionRow[]): PageRow[] {
  const current = currentPageId(pages, connections);
  return pages.filter((p) => p.id !== current).sort((a, b) => b.startedAt - a.startedAt);
}
