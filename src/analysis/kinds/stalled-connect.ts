// stalled-connect (error): an EventSource created while its origin's connections were all held
// by other EventSources (see connection-limit-pressure) and that waited at least
// STALL_MIN_WAIT_MS to open — or never opened. This is the "7th tab hangs forever" bug.

import { makeFinding, ref } from '../finding';
import { formatDuration, label, plural } from '../format';
import { holdersText, originPools, poolText, protocolText } from '../origin-pool';
import type { Shared } from '../shared-analysis';
import { STALL_MIN_WAIT_MS } from '../thresholds';
import type { Evidence, Finding } from '../types';

export function detectStalledConnects(shared: Shared): Finding[] {
  const out: Finding[] = [];
  const now = shared.ctx.now;
  for (const pool of originPools(shared.ctx)) {
    for (const { view, holders } of pool.waited) {
      const c = view.conn;
      const opened = c.openedAt;
      const until = opened ?? view.end.t ?? now;
      const wait = until - c.createdAt;
      if (wait < STALL_MIN_WAIT_MS) continue;
      const tabs = [...new Set(holders.map((h) => h.conn.tabId))].sort((a, b) => a - b);
      const evidence: Evidence = {
        origin: pool.origin, site: pool.site, protocol: pool.protocol, limit: pool.limit, waitMs: wait,
        outcome: opened !== undefined ? 'opened' : view.end.t !== undefined ? 'ended-before-open' : 'still-waiting',
        holders: holders.map((h) => h.conn.id), holderTabs: tabs,
      };
      const openEv = view.lifecycle.find((e) => e.type === 'open');
      if (openEv) evidence.opened = ref(openEv);
      const waitText = opened !== undefined ? `waited ${formatDuration(wait)} to open`
        : view.end.t !== undefined ? `waited ${formatDuration(wait)} and ended without ever opening`
        : `has waited ${formatDuration(wait)} and still has not opened`;
      const unit = pool.protocol === 'h2' || pool.protocol === 'h3' ? 'stream' : 'connection';
      out.push(makeFinding({
        kind: 'stalled-connect', severity: 'error', t: c.createdAt,
        connectionIds: [c.id, ...holders.map((h) => h.conn.id)],
        message: `${label(c)} in tab ${c.tabId} ${waitText} because ${holdersText(holders, true)} (${tabs.length === 1 ? `tab ${tabs[0]}` : `tabs ${tabs.join(', ')}`}) already held every ${pool.protocol === 'unknown' ? 'HTTP/1.1' : protocolText(pool.protocol)} ${unit} to ${pool.origin} that ${poolText(pool)} share.`,
        evidence,
        anchor: { connectionId: c.id },
      }));
    }
  }
  return out;
}
