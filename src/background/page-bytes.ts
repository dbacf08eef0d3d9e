// A running estimate of what each page load (session) takes in IndexedDB, added to its page row
// in the same transaction that writes the rows it counts: retention and quota relief read the
// page rows (a small store) instead of scanning every event chunk. Estimate, not truth: event
// chunks by their JSON length (what dominates), a fixed cost per chunk and per connection write.
// navigator.storage.estimate() is the cross-check (retention notices carry both).

import { chunkChars, type EventChunk } from '../store/event-chunks';
import type { ConnectionRow } from '../contracts/model';

/** Key, index entries and record overhead of one row (rough, per browser). */
export const ROW_OVERHEAD_BYTES = 128;
/** A connection row, written again on every change (replaced, so counted once per new row). */
export const CONNECTION_ROW_BYTES = 512;

/** Bytes added per page id by one commit. Pure. */
export function bytesByPage(connections: readonly ConnectionRow[], chunks: readonly EventChunk[], newConnectionIds: ReadonlySet<string>): Map<string, number> {
  const pageOf = new Map(connections.map((c) => [c.id, c.pageId]));
  const out = new Map<string, number>();
  const add = (pageId: string | undefined, n: number) => {
    if (pageId !== undefined) out.set(pageId, (out.get(pageId) ?? 0) + n);
  };
  for (const ch of chunks) add(pageOf.get(ch.connectionId), chunkChars(ch) + ch.connectionId.length + ROW_OVERHEAD_BYTES);
  for (const c of connections) if (newConnectionIds.has(c.id)) add(c.pageId, CONNECTION_ROW_BYTES + (c.stack?.length ?? 0) + c.url.length);
  return out;
}
