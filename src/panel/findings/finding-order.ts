// The findings list reads problems first: errors, then warnings, then info, each in time order.

import type { LogFinding } from '../../contracts/session-log-format';

const RANK: Record<LogFinding['severity'], number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: readonly LogFinding[]): LogFinding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
