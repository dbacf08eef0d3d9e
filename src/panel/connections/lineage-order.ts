// Shows a lineage as one story: the sockets that replaced a connection are listed right under
// it (in attempt order), instead of wherever their creation time puts them among the others.

import type { Lineage } from '../store';

export function orderByLineage<T extends { id: string }>(connections: readonly T[], lineages: Readonly<Record<string, Lineage>>): T[] {
  const present = new Set(connections.map((c) => c.id));
  const followers = new Map<string, T[]>();
  for (const c of connections) {
    const l = lineages[c.id];
    // Only grouped under a first connection that is in the same list (the same page group).
    if (l && l.lineageId !== c.id && present.has(l.lineageId)) followers.set(l.lineageId, [...(followers.get(l.lineageId) ?? []), c]);
  }
  const grouped = new Set([...followers.values()].flat().map((c) => c.id));
  const out: T[] = [];
  for (const c of connections) {
    if (grouped.has(c.id)) continue;
    out.push(c);
    const rest = followers.get(c.id);
    if (rest) out.push(...[...rest].sort((a, b) => (lineages[a.id]?.attempt ?? 0) - (lineages[b.id]?.attempt ?? 0)));
  }
  return out;
}
