// How the panel lists findings (pure): problems first (errors, then warnings, then info, each in
// time order), and per-connection badges (how many warning/error findings name a connection).

import type { LogFinding } from '../../contracts/session-log-format';

const RANK: Record<LogFinding['severity'], number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: readonly LogFinding[]): LogFinding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

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
