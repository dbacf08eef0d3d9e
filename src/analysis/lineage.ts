// Lineages: the sockets a client made, one after another, for one logical channel. A WebSocket
// client (or an app that rebuilds its EventSource) reconnects by creating a new object; the new
// one continues the old one when it is the same kind, from the same frame of the same page load,
// to the same endpoint (volatile query parameters ignored, see endpoint.ts), created after the old
// one closed or failed. Each connection continues at most one predecessor: the one that looks most
// like it (same first message, same subprotocols; lineage-pairing.ts), else the most recently
// ended one that nobody continued yet — then the link is marked ambiguous.

import { connectionEnd } from './connection-end';
import { endpointKey } from './endpoint';
import { pageEnds } from './page-end';
import { choosePredecessor } from './lineage-pairing';
import type { AnalysisConnection, AnalysisEvent, LineageEntry } from './types';

export interface LinkInput {
  conn: AnalysisConnection;
  /** When it ended for good (undefined: still live, so nobody continues it). */
  end?: number;
  /** The data of its first outgoing message, when it sent one (pairs parallel sockets). */
  firstOut?: string;
}

export interface Link extends LineageEntry {
  /** The connection this one replaced. */
  previousId?: string;
  /** Another ended connection was just as likely the one replaced. */
  ambiguous?: boolean;
}

export function linkLineages(inputs: readonly LinkInput[], volatileParams: readonly string[] = []): Map<string, Link> {
  const groups = new Map<string, LinkInput[]>();
  for (const input of inputs) {
    const c = input.conn;
    // Each streamed fetch is a request of its own, not a reconnect of the previous one to the
    // same URL (retries that resend Last-Event-ID could link them: not done yet).
    const key = c.kind === 'fetch-stream' ? `\u0001${c.id}` : [c.kind, c.tabId, c.pageId, c.frameId ?? '', c.frameUrl, endpointKey(c.url, volatileParams)].join('\u0000');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(input);
  }
  const links = new Map<string, Link>();
  for (const group of groups.values()) {
    group.sort((a, b) => a.conn.createdAt - b.conn.createdAt || (a.conn.id < b.conn.id ? -1 : a.conn.id > b.conn.id ? 1 : 0));
    // Ended connections nobody has continued yet.
    const open: LinkInput[] = [];
    for (const input of group) {
      const c = input.conn;
      const chosen = choosePredecessor(input, open);
      let link: Link;
      if (chosen) {
        const prev = open[chosen.index]!;
        open.splice(chosen.index, 1);
        const p = links.get(prev.conn.id)!;
        link = { connectionId: c.id, lineageId: p.lineageId, attempt: p.attempt + 1, previousId: prev.conn.id };
        if (chosen.ambiguous) link.ambiguous = true;
      } else {
        link = { connectionId: c.id, lineageId: c.id, attempt: 1 };
      }
      links.set(c.id, link);
      if (input.end !== undefined) open.push(input);
    }
  }
  return links;
}

/** Per connection: its lineage (the id of the lineage's first connection) and attempt number. */
export function analyzeLineages(
  connections: readonly AnalysisConnection[],
  events: readonly AnalysisEvent[] = [],
  volatileParams: readonly string[] = [],
): LineageEntry[] {
  const lifecycle = new Map<string, AnalysisEvent[]>();
  const firstOut = new Map<string, AnalysisEvent>();
  for (const ev of events) {
    if (ev.type === 'message') {
      if (ev.direction === 'out' && ev.data !== undefined) {
        const known = firstOut.get(ev.connectionId);
        if (!known || ev.seq < known.seq) firstOut.set(ev.connectionId, ev);
      }
      continue;
    }
    let list = lifecycle.get(ev.connectionId);
    if (!list) lifecycle.set(ev.connectionId, (list = []));
    list.push(ev);
  }
  for (const list of lifecycle.values()) list.sort((a, b) => a.seq - b.seq);
  const ends = pageEnds(connections);
  const links = linkLineages(
    connections.map((conn) => ({ conn, end: connectionEnd(conn, lifecycle.get(conn.id) ?? [], ends.get(conn.pageId)).t, firstOut: firstOut.get(conn.id)?.data })),
    volatileParams,
  );
  return connections.map((c) => {
    const l = links.get(c.id)!;
    return { connectionId: c.id, lineageId: l.lineageId, attempt: l.attempt };
  });
}
