// server-going-away (info): the server closed WebSockets with 1001 (going away), 1012 (service
// restart) or 1013 (try again later) — a deploy or restart draining its sockets. Closes to one
// host:port no more than GOING_AWAY_GROUP_MS apart are one finding, so a deploy reads as one event.

import { GOING_AWAY_CLOSE_CODES, describeCloseCode } from '../close-codes';
import type { ConnView } from '../context';
import { hostPort } from '../endpoint';
import { makeFinding, ref } from '../finding';
import { formatDuration, plural } from '../format';
import type { Shared } from '../shared-analysis';
import { GOING_AWAY_GROUP_MS } from '../thresholds';
import type { AnalysisEvent, Finding } from '../types';

export function detectServerGoingAway(shared: Shared): Finding[] {
  const byHost = new Map<string, { view: ConnView; ev: AnalysisEvent }[]>();
  for (const view of shared.ctx.conns) {
    if (view.conn.kind !== 'websocket' || view.end.how !== 'close') continue;
    const ev = view.end.event!;
    const call = view.conn.closeCall;
    if (call && call.t <= ev.t) continue;
    if (ev.code === undefined || !GOING_AWAY_CLOSE_CODES.has(ev.code)) continue;
    const key = hostPort(view.conn.url);
    let list = byHost.get(key);
    if (!list) byHost.set(key, (list = []));
    list.push({ view, ev });
  }
  const out: Finding[] = [];
  for (const [host, list] of byHost) {
    list.sort((a, b) => a.ev.t - b.ev.t || (a.view.conn.id < b.view.conn.id ? -1 : 1));
    let group: typeof list = [];
    const flush = () => {
      if (group.length === 0) return;
      const first = group[0]!.ev;
      const last = group[group.length - 1]!.ev;
      const codes = [...new Set(group.map((g) => g.ev.code!))].sort((a, b) => a - b);
      const reasons = [...new Set(group.map((g) => g.ev.reason ?? '').filter((r) => r !== ''))].sort();
      const reconnected = group.filter((g) => g.view.next !== undefined).length;
      const tabs = [...new Set(group.map((g) => g.view.conn.tabId))].sort((a, b) => a - b);
      const together = group.length > 1 ? ` within ${formatDuration(last.t - first.t)}` : '';
      out.push(makeFinding({
        kind: 'server-going-away', severity: 'info', t: first.t, connectionIds: group.map((g) => g.view.conn.id),
        message: `The server at ${host} closed ${plural(group.length, 'WebSocket')}${together} with ${codes.map(describeCloseCode).join(' / ')}, a deploy or restart draining its sockets; ${reconnected === group.length ? 'all of them reconnected' : `${reconnected} of ${group.length} reconnected`}.`,
        evidence: { host, codes, reasons, count: group.length, spanMs: last.t - first.t, reconnected, tabs, closes: group.map((g) => ref(g.ev)) },
        anchor: { host, first: ref(first) },
      }));
      group = [];
    };
    for (const item of list) {
      const prev = group[group.length - 1];
      if (prev && item.ev.t - prev.ev.t > GOING_AWAY_GROUP_MS) flush();
      group.push(item);
    }
    flush();
  }
  return out;
}
