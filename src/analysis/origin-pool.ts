// EventSources per origin across all tabs, against the browser's per-origin connection limit: 6
// for HTTP/1.1 (shared by every tab of the profile in Chromium; by the tabs of one top-level site
// in Firefox 85+), or the HTTP/2 / HTTP/3 stream limit (at least 100). Each EventSource holds a
// connection (or waits for one) from creation until it ends, reconnect waits included.
// WebSockets use separate pools and are not counted (see websocket-ceiling).

import { httpOrigin, type AnalysisContext, type ConnView } from './context';
import { normalizeHttpVersion, type HttpVersion } from './requests';
import { sweep, type Episode } from './sweep';
import { H2_STREAMS_PER_CONNECTION, HTTP1_CONNECTIONS_PER_ORIGIN } from './thresholds';

export interface OriginPool {
  origin: string;
  protocol: HttpVersion;
  limit: number;
  episodes: Episode<ConnView>[];
  /** Connections created while `limit` others already held the origin, with those others. */
  waited: { view: ConnView; holders: ConnView[] }[];
}

export function originPools(ctx: AnalysisContext): OriginPool[] {
  const byOrigin = new Map<string, ConnView[]>();
  for (const view of ctx.conns) {
    if (view.conn.kind !== 'eventsource') continue;
    const origin = httpOrigin(view.conn.url);
    if (!origin) continue;
    let list = byOrigin.get(origin);
    if (!list) byOrigin.set(origin, (list = []));
    list.push(view);
  }
  const out: OriginPool[] = [];
  for (const [origin, views] of byOrigin) {
    views.sort(byCreation);
    const protocol = protocolOf(ctx, origin, views);
    const limit = protocol === 'h2' || protocol === 'h3' ? H2_STREAMS_PER_CONNECTION : HTTP1_CONNECTIONS_PER_ORIGIN;
    if (views.length < limit) continue;
    const waited: OriginPool['waited'] = [];
    const episodes = sweep(
      views.map((view) => ({ start: view.conn.createdAt, end: view.end.t ?? Infinity, item: view })),
      limit,
      (view, holders) => waited.push({ view, holders }),
    );
    out.push({ origin, protocol, limit, episodes, waited });
  }
  return out;
}

function protocolOf(ctx: AnalysisContext, origin: string, views: readonly ConnView[]): HttpVersion {
  let latest: { t: number; v: HttpVersion } | undefined;
  for (const view of views) {
    for (const r of view.requests ?? []) {
      const v = normalizeHttpVersion(r.httpVersion);
      if (v !== 'unknown' && (!latest || r.t >= latest.t)) latest = { t: r.t, v };
    }
  }
  return latest?.v ?? ctx.httpVersionByOrigin.get(origin) ?? 'unknown';
}

export function protocolText(protocol: HttpVersion): string {
  return protocol === 'h2' ? 'HTTP/2' : protocol === 'h3' ? 'HTTP/3' : 'HTTP/1.1';
}

export function byCreation(a: ConnView, b: ConnView): number {
  return a.conn.createdAt - b.conn.createdAt || (a.conn.id < b.conn.id ? -1 : a.conn.id > b.conn.id ? 1 : 0);
}
