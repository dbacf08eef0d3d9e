// Which stored page loads (sessions) to delete. Pure: retention by age and total size, and relief
// when the storage quota was hit. Oldest first; protected pages (the current load of every open
// tab, the pages a failed write was writing) are never chosen.

export interface StoredPage {
  id: string;
  tabId: number;
  startedAt: number;
  /** Running estimate of what the page's rows take (see page-bytes.ts). */
  bytes: number;
}

export interface RetentionLimits {
  now: number;
  /** 0 = no age limit. */
  retentionDays: number;
  /** 0 = no size limit. */
  retentionMaxBytes: number;
}

export interface RetentionPlan {
  /** Older than the age limit. */
  expired: StoredPage[];
  /** Removed, oldest first, to bring the total under the size limit. */
  oversize: StoredPage[];
  /** Estimated bytes stored before and after. */
  totalBytes: number;
  keptBytes: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const oldestFirst = (a: StoredPage, b: StoredPage) => a.startedAt - b.startedAt || a.id.localeCompare(b.id);

export function planRetention(pages: readonly StoredPage[], limits: RetentionLimits, protectedIds: ReadonlySet<string>): RetentionPlan {
  const sorted = [...pages].sort(oldestFirst);
  const totalBytes = sorted.reduce((n, p) => n + p.bytes, 0);
  const cutoff = limits.retentionDays > 0 ? limits.now - limits.retentionDays * DAY_MS : -Infinity;
  const expired: StoredPage[] = [];
  const rest: StoredPage[] = [];
  for (const p of sorted) (p.startedAt < cutoff && !protectedIds.has(p.id) ? expired : rest).push(p);
  let keptBytes = rest.reduce((n, p) => n + p.bytes, 0);
  const oversize: StoredPage[] = [];
  if (limits.retentionMaxBytes > 0) {
    for (const p of rest) {
      if (keptBytes <= limits.retentionMaxBytes) break;
      if (protectedIds.has(p.id)) continue;
      oversize.push(p);
      keptBytes -= p.bytes;
    }
  }
  return { expired, oversize, totalBytes, keptBytes };
}

/**
 * The storage quota was hit: the oldest unprotected pages whose estimated bytes add up to at
 * least `bytesToFree` (and at least one page, when there is one).
 */
export function planQuotaRelief(pages: readonly StoredPage[], bytesToFree: number, protectedIds: ReadonlySet<string>): StoredPage[] {
  const out: StoredPage[] = [];
  let freed = 0;
  for (const p of [...pages].sort(oldestFirst)) {
    if (protectedIds.has(p.id)) continue;
    if (out.length > 0 && freed >= bytesToFree) break;
    out.push(p);
    freed += p.bytes;
  }
  return out;
}
