// Long-lived HTTP responses per connection pool — one origin as seen from one top-level site
// (pool-key.ts: both browsers partition their pools by top-level site) — across all tabs, against
// the browser's per-origin connection limit: 6 for HTTP/1.1, or the HTTP/2 / HTTP/3 stream limit
// (at least 100). Each EventSource holds a connection (or waits for one) from creation until it
// ends, reconnect waits included; a streamed fetch / XHR response holds one from its request
// (webRequest's start, else the page's first read) until its body ends. Streamed responses only
// hold: the hook sees them after their response arrived, so how long they waited is unknown and
// they are never the one that waited. WebSockets use separate pools and are not counted (see
// websocket-ceiling).

import { httpOrigin, type AnalysisContext, type ConnView } from './context';
import { poolKey, topUrls } from './pool-key';
import { normalizeHttpVersion, type HttpVersion } from './requests';
import { plural } from './format';
import { sweep, type Episode } from './sweep';
import { H2_STREAMS_PER_CONNECTION, HTTP1_CONNECTIONS_PER_ORIGIN } from './thresholds';

export interface OriginPool {
  origin: string;
  /** The top-level site whose pages share this pool (pool-key.ts). */
  site: string;
  /** The pool of cross-site iframes under that site (Chromium keeps them apart). */
  crossSiteFrame: boolean;
  protocol: HttpVersion;
  limit: number;
  episodes: Episode<ConnView>[];
  /** Connections created while `limit` others already held the origin, with those others. */
  waited: { view: ConnView; holders: ConnView[] }[];
}

export function originPools(ctx: AnalysisContext): OriginPool[] {
  const tops = topUrls(ctx.conns);
  const byPool = new Map<string, { origin: string; site: string; crossSiteFrame: boolean; views: ConnView[] }>();
  for (const view of ctx.conns) {
    if (view.conn.kind !== 'eventsource' && view.conn.kind !== 'fetch-stream') continue;
    const origin = httpOrigin(view.conn.url);
    if (!origin) continue;
    const pk = poolKey(view, tops);
    const key = `${pk.key}\u0000${origin}`;
    let pool = byPool.get(key);
    if (!pool) byPool.set(key, (pool = { origin, site: pk.site, crossSiteFrame: pk.crossSiteFrame, views: [] }));
    pool.views.push(view);
  }
  const out: OriginPool[] = [];
  for (const { origin, site, crossSiteFrame, views } of byPool.values()) {
    views.sort(byCreation);
    const protocol = protocolOf(ctx, origin, views);
    const limit = protocol === 'h2' || protocol === 'h3' ? H2_STREAMS_PER_CONNECTION : HTTP1_CONNECTIONS_PER_ORIGIN;
    if (views.length < limit) continue;
    const waited: OriginPool['waited'] = [];
    const episodes = sweep(
      views.map((view) => ({ start: holdsFrom(view), end: view.end.t ?? Infinity, item: view })),
      limit,
      (view, holders) => {
        if (view.conn.kind === 'eventsource') waited.push({ view, holders });
      },
    );
    out.push({ origin, site, crossSiteFrame, protocol, limit, episodes, waited });
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

/** When a connection started to hold (or wait for) one of the pool's connections. */
function holdsFrom(view: ConnView): number {
  return view.conn.kind === 'fetch-stream' ? (view.conn.requestStartedAt ?? view.conn.createdAt) : view.conn.createdAt;
}

/** "3 EventSources", or "3 streams (EventSource, streamed fetch / XHR)" when the holders are mixed. */
export function holdersText(views: readonly ConnView[], other = false): string {
  const n = views.length;
  if (views.every((v) => v.conn.kind === 'eventsource')) return plural(n, other ? 'other EventSource' : 'EventSource');
  return `${plural(n, other ? 'other long-lived response' : 'long-lived response')} (EventSource, streamed fetch / XHR)`;
}

export function protocolText(protocol: HttpVersion): string {
  return protocol === 'h2' ? 'HTTP/2' : protocol === 'h3' ? 'HTTP/3' : 'HTTP/1.1';
}

export function byCreation(a: ConnView, b: ConnView): number {
  return a.conn.createdAt - b.conn.createdAt || (a.conn.id < b.conn.id ? -1 : a.conn.id > b.conn.id ? 1 : 0);
}

/** "pages on http://127.0.0.1" — whose pool it is, for sentences. */
export function poolText(pool: Pick<OriginPool, 'site' | 'crossSiteFrame'>): string {
  return pool.crossSiteFrame ? `cross-site frames in pages on ${pool.site}` : `pages on ${pool.site}`;
}
