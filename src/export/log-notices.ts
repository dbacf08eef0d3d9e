// The session log's optional `notices`: what retention, quota relief or "clear all" removed, for
// the exported tabs (their own notices and those about every tab, tabId 0). Spread into the log:
// no key at all when there is nothing to say, so older readers and exact comparisons are unaffected.

import type { Db } from '../store/db';
import type { NoticeRow } from '../contracts/model';
import type { LogNotice } from '../contracts/session-log-format';

export async function readLogNotices(db: Db, tabIds?: number[]): Promise<{ notices?: LogNotice[] }> {
  let rows: NoticeRow[] = await db.getAll('notices');
  if (tabIds) {
    // Notices about every tab (0) concern recorded tabs, not imported sessions (negative ids):
    // re-exporting an imported log must give back that log.
    const wanted = new Set(tabIds.some((t) => t >= 0) ? [0, ...tabIds] : tabIds);
    rows = rows.filter((n) => wanted.has(n.tabId));
  }
  if (rows.length === 0) return {};
  rows.sort((a, b) => a.t - b.t || (a.id ?? 0) - (b.id ?? 0));
  return { notices: rows.map(toLogNotice) };
}

function toLogNotice(n: NoticeRow): LogNotice {
  const out: LogNotice = { t: n.t, kind: n.kind, tabId: n.tabId, message: n.message };
  if (n.details) out.details = n.details;
  return out;
}
