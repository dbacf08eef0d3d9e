// When each page load went away (navigation, reload, tab closed), as far as the rows tell: the
// background marks every connection still live at that moment `ended` with `closedAt` = the next
// load's start (or the tab's close), and also those whose own end came during the unload. Both
// browsers end a leaving page's connections themselves — Chromium fires `error` (CLOSED) on every
// open EventSource, Firefox closes WebSockets with 1001 — after the next load has started, so
// what happens at or after this time is the browser's doing, not the server's.

import type { AnalysisConnection } from './types';

/** Per pageId: the earliest `closedAt` of its connections marked as ended by the page going away. */
export function pageEnds(conns: Iterable<AnalysisConnection>): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of conns) {
    if (c.ended === undefined || c.closedAt === undefined) continue;
    const known = out.get(c.pageId);
    if (known === undefined || c.closedAt < known) out.set(c.pageId, c.closedAt);
  }
  return out;
}
