// websocket-ceiling (warning): WebSocket's own limits.
// - serialized-connects: RFC 6455 §4.1 lets a client have one connection CONNECTING per host and
//   port, so browsers run opening handshakes to one server one after another; when at least
//   WS_SERIALIZED_MIN_CONCURRENT sockets to one host:port were connecting at once and the slowest
//   waited WS_SERIALIZED_MIN_WAIT_MS or more, the page's startup is paying for that queue.
// - total-cap: at least WS_TOTAL_WARN WebSockets open or connecting at once over the whole
//   session (Firefox allows 200 in total, Chromium 255 per host): new sockets may fail or wait.

import { hostPort } from '../endpoint';
import { makeFinding, ref } from '../finding';
import { formatDuration, plural } from '../format';
import type { ConnView } from '../context';
import { byCreation } from '../origin-pool';
import type { Shared } from '../shared-analysis';
import { sweep } from '../sweep';
import { WS_SERIALIZED_MIN_CONCURRENT, WS_SERIALIZED_MIN_WAIT_MS, WS_TOTAL_WARN } from '../thresholds';
import type { Finding } from '../types';

export function detectWebSocketCeilings(shared: Shared): Finding[] {
  const out: Finding[] = [];
  const now = shared.ctx.now;
  const sockets = shared.ctx.conns.filter((v) => v.conn.kind === 'websocket').sort(byCreation);

  const byHost = new Map<string, ConnView[]>();
  for (const v of sockets) {
    const key = hostPort(v.conn.url);
    let list = byHost.get(key);
    if (!list) byHost.set(key, (list = []));
    list.push(v);
  }
  const connectedAt = (v: ConnView) => v.conn.openedAt ?? v.end.t;
  for (const [host, list] of byHost) {
    if (list.length < WS_SERIALIZED_MIN_CONCURRENT) continue;
    const eps = sweep(list.map((v) => ({ start: v.conn.createdAt, end: connectedAt(v) ?? Infinity, item: v })), WS_SERIALIZED_MIN_CONCURRENT);
    for (const ep of eps) {
      const waits = ep.members.map((v) => (connectedAt(v) ?? now) - v.conn.createdAt);
      const maxWait = Math.max(...waits);
      if (maxWait < WS_SERIALIZED_MIN_WAIT_MS) continue;
      const opens = ep.members.flatMap((v) => {
        const open = v.lifecycle.find((e) => e.type === 'open');
        return open ? [ref(open)] : [];
      });
      out.push(makeFinding({
        kind: 'websocket-ceiling', severity: 'warning', t: ep.start, connectionIds: ep.members.map((v) => v.conn.id),
        message: `${plural(ep.members.length, 'WebSocket')} to ${host} were connecting at the same time; browsers open them one after another, so the slowest waited ${formatDuration(maxWait)} to connect.`,
        evidence: { reason: 'serialized-connects', host, maxConnecting: ep.max, sockets: ep.members.length, maxWaitMs: maxWait, opens },
        anchor: { reason: 'serialized-connects', host, start: ep.start },
      }));
    }
  }

  if (sockets.length >= WS_TOTAL_WARN) {
    const eps = sweep(sockets.map((v) => ({ start: v.conn.createdAt, end: v.end.t ?? Infinity, item: v })), WS_TOTAL_WARN);
    for (const ep of eps) {
      const tabs = [...new Set(ep.members.map((v) => v.conn.tabId))].sort((a, b) => a - b);
      out.push(makeFinding({
        kind: 'websocket-ceiling', severity: 'warning', t: ep.start, connectionIds: ep.members.map((v) => v.conn.id),
        message: `${ep.max} WebSockets were open at once in ${plural(tabs.length, 'tab')}, close to the browser's ceiling (Firefox allows 200 in all, Chromium 255 per host), so new sockets may wait or fail.`,
        evidence: { reason: 'total-cap', maxOpen: ep.max, threshold: WS_TOTAL_WARN, tabs, ongoing: ep.end === Infinity },
        anchor: { reason: 'total-cap', start: ep.start },
      }));
    }
  }
  return out;
}
