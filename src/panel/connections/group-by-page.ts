// Connections grouped under the top-level load (page) that created them, oldest page first.

import type { ConnectionRow, PageRow } from '../../contracts/model';

export interface PageGroup {
  /** Undefined for connections whose page row is not known (yet). */
  page: PageRow | undefined;
  connections: ConnectionRow[];
}

export function groupByPage(pages: readonly PageRow[], connections: readonly ConnectionRow[]): PageGroup[] {
  const groups = new Map<string, PageGroup>(pages.map((p) => [p.id, { page: p, connections: [] }]));
  const orphans: ConnectionRow[] = [];
  for (const c of connections) (groups.get(c.pageId)?.connections ?? orphans).push(c);
  const out = [...groups.values()].filter((g) => g.connections.length > 0);
  if (orphans.length > 0) out.push({ page: undefined, connections: orphans });
  return out;
}
