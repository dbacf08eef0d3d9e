// Key ranges of the IndexedDB indexes (src/store/db.ts). Most indexes are compound
// `[owner, order]` keys (a tab's pages by start time, a page's connections, a connection's event
// chunks by seq): these helpers name "everything of one owner" once instead of writing
// `IDBKeyRange.bound([x, -Infinity], [x, Infinity])` at every read.

/** Every key `[owner, *]` of a compound index: all rows of one tab, page or connection. */
export function allOf(owner: number | string): IDBKeyRange {
  return IDBKeyRange.bound([owner, -Infinity], [owner, Infinity]);
}

/** Keys `[owner, order]` with `order < before`: one owner's rows older than a time. */
export function allOfBefore(owner: number | string, before: number): IDBKeyRange {
  return IDBKeyRange.bound([owner, -Infinity], [owner, before], false, true);
}

/** Every key of a `[tabId, *]` index whose tab is recorded (tabId ≥ 0; imports have negative ones). */
export function recordedTabs(): IDBKeyRange {
  return IDBKeyRange.bound([0, -Infinity], [Infinity, Infinity]);
}

/** Every key of a `[tabId, *]` index whose tab is an imported session (tabId < 0). */
export function importedTabs(): IDBKeyRange {
  return IDBKeyRange.upperBound([0, -Infinity], true);
}
