// Per-connection badges: how many warning/error findings name the connection, and their kinds.

import type { LogFinding } from '../../contracts/session-log-format';

export interface FindingBadge {
  count: number;
  /** Distinct kinds, in order of first appearance. */
  kinds: string[];
}

export function findingBadges(findings: readonly LogFinding[]): Map<string, FindingBadge> {
  const badges = new Map<string, FindingBadge>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    for (const id of new Set(f.connectionIds)) {
      const badge = badges.get(id) ?? { count: 0, kinds: [] };
      badge.count++;
      if (!badge.kinds.includes(f.kind)) badge.kinds.push(f.kind);
      badges.set(id, badge);
    }
  }
  return badges;
}
