// One pass over the input builds what every detector reads: events grouped per connection in seq
// order, lifecycle events and outgoing messages picked out, how each connection ended, its
// requests, and the lineages. Detectors then look only at what they need.

import { connectionEnd, type ConnectionEnd } from './connection-end';
import { linkLineages } from './lineage';
import { pageEnds } from './page-end';
import { matchRequests, normalizeHttpVersion, type HttpVersion } from './requests';
import type { AnalysisConnection, AnalysisEvent, AnalysisInput, AnalysisOptions, RequestObservation } from './types';

export interface ConnView {
  conn: AnalysisConnection;
  /** All events, seq order. */
  events: AnalysisEvent[];
  /** open / error / close events, seq order. */
  lifecycle: AnalysisEvent[];
  /** Outgoing messages (the page's send()), seq order. */
  outs: AnalysisEvent[];
  /** Marks of faults applied on purpose (type `fault`, docs/faults.md): neither traffic nor lifecycle. */
  faults: AnalysisEvent[];
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
  firstT?: number;
  lastT?: number;
  end: ConnectionEnd;
  /** Requests webRequest saw for it, by time; undefined when none were observed. */
  requests?: RequestObservation[];
  lineageId: string;
  attempt: number;
  prev?: ConnView;
  next?: ConnView;
  /** Another ended connection was just as likely the one this replaced (lineage-pairing.ts). */
  ambiguousLink?: boolean;
}

export interface Lineage {
  id: string;
  /** In attempt order. */
  conns: ConnView[];
}

export interface AnalysisContext {
  conns: ConnView[];
  byId: Map<string, ConnView>;
  lineages: Lineage[];
  /** "Now" for what is still going on. */
  now: number;
  options: AnalysisOptions;
  /** Whether any request observations were given at all. */
  hasRequests: boolean;
  /** Per origin (scheme://host:port of http(s) requests), the HTTP version last observed. */
  httpVersionByOrigin: Map<string, HttpVersion>;
}

export function buildContext(input: AnalysisInput): AnalysisContext {
  const options = input.options ?? {};
  const conns: ConnView[] = [];
  const byId = new Map<string, ConnView>();
  let latest = -Infinity;
  for (const conn of input.connections) {
    if (byId.has(conn.id)) continue;
    const view: ConnView = {
      conn, events: [], lifecycle: [], outs: [], faults: [], messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0,
      end: {}, lineageId: conn.id, attempt: 1,
    };
    conns.push(view);
    byId.set(conn.id, view);
    latest = Math.max(latest, conn.createdAt, conn.closedAt ?? -Infinity, conn.closeCall?.t ?? -Infinity);
  }

  const unsorted = new Set<ConnView>();
  let last: ConnView | undefined;
  for (const ev of input.events) {
    const view = last !== undefined && last.conn.id === ev.connectionId ? last : byId.get(ev.connectionId);
    if (!view) continue;
    last = view;
    const list = view.events;
    if (list.length > 0 && list[list.length - 1]!.seq > ev.seq) unsorted.add(view);
    list.push(ev);
  }
  for (const view of unsorted) view.events.sort((a, b) => a.seq - b.seq);

  const ends = pageEnds(conns.map((v) => v.conn));
  for (const view of conns) {
    for (const ev of view.events) {
      if (ev.type === 'fault') {
        view.faults.push(ev);
        continue;
      }
      if (view.firstT === undefined) view.firstT = ev.t;
      view.lastT = ev.t;
      if (ev.type === 'message') {
        if (ev.direction === 'out') {
          view.messagesOut++;
          view.bytesOut += ev.size;
          view.outs.push(ev);
        } else {
          view.messagesIn++;
          view.bytesIn += ev.size;
        }
      } else {
        view.lifecycle.push(ev);
      }
      if (ev.t > latest) latest = ev.t;
    }
    view.end = connectionEnd(view.conn, view.lifecycle, ends.get(view.conn.pageId));
  }

  const requests = input.requests ?? [];
  for (const r of requests) if (r.t > latest) latest = r.t;
  const now = options.now ?? (Number.isFinite(latest) ? latest : 0);

  const matched = matchRequests(conns.map((v) => ({ conn: v.conn, end: v.end.t })), requests, now);
  for (const view of conns) {
    const list = matched.get(view.conn.id);
    if (list) view.requests = list;
  }
  const httpVersionByOrigin = new Map<string, HttpVersion>();
  for (const r of [...requests].sort((a, b) => a.t - b.t)) {
    const v = normalizeHttpVersion(r.httpVersion);
    if (v === 'unknown') continue;
    try {
      httpVersionByOrigin.set(new URL(r.url).origin, v);
    } catch {
      // not a URL: nothing to learn
    }
  }

  const links = linkLineages(conns.map((v) => ({ conn: v.conn, end: v.end.t, firstOut: v.outs[0]?.data })), options.volatileParams);
  const lineageMap = new Map<string, Lineage>();
  for (const view of conns) {
    const link = links.get(view.conn.id)!;
    view.lineageId = link.lineageId;
    view.attempt = link.attempt;
    if (link.previousId !== undefined) {
      const prev = byId.get(link.previousId)!;
      view.prev = prev;
      prev.next = view;
      if (link.ambiguous) view.ambiguousLink = true;
    }
    let lineage = lineageMap.get(link.lineageId);
    if (!lineage) lineageMap.set(link.lineageId, (lineage = { id: link.lineageId, conns: [] }));
    lineage.conns.push(view);
  }
  const lineages = [...lineageMap.values()];
  for (const l of lineages) l.conns.sort((a, b) => a.attempt - b.attempt);

  return { conns, byId, lineages, now, options, hasRequests: requests.length > 0, httpVersionByOrigin };
}

/** The connection's origin as an HTTP origin (EventSource URLs are http(s) already). */
export function httpOrigin(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
    if (u.protocol === 'ws:') return `http://${u.host}`;
    if (u.protocol === 'wss:') return `https://${u.host}`;
  } catch {
    // not a URL
  }
  return undefined;
}
