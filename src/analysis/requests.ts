// Request observations (webRequest, in the background) matched to the connections they belong to.
// Observations carry a connection id when the background could tell; otherwise the same tab and
// URL during the connection's life decide, preferring the newest such connection.

import type { AnalysisConnection, RequestObservation } from './types';

/** A request may be stamped this much before its connection's createdAt (two clocks, one event). */
const MATCH_EARLY_MS = 50;
/** …and this much after the connection ended (the failing request of an EventSource that gave up). */
const MATCH_LATE_MS = 1000;

export interface MatchTarget {
  conn: AnalysisConnection;
  end?: number;
}

export function matchRequests(targets: readonly MatchTarget[], requests: readonly RequestObservation[], now: number): Map<string, RequestObservation[]> {
  const out = new Map<string, RequestObservation[]>();
  const byKey = new Map<string, MatchTarget[]>();
  const ids = new Set<string>();
  for (const target of targets) {
    ids.add(target.conn.id);
    const key = `${target.conn.tabId} ${target.conn.url}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(target);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.conn.createdAt - b.conn.createdAt);
  const add = (id: string, r: RequestObservation) => {
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push(r);
  };
  for (const r of requests) {
    if (r.connectionId !== undefined && ids.has(r.connectionId)) {
      add(r.connectionId, r);
      continue;
    }
    const list = byKey.get(`${r.tabId} ${r.url}`);
    if (!list) continue;
    // Newest connection created by then (binary search), then walk back to one alive at r.t.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.conn.createdAt - MATCH_EARLY_MS <= r.t) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const target = list[i]!;
      if ((target.end ?? now) + MATCH_LATE_MS >= r.t) {
        add(target.conn.id, r);
        break;
      }
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.t - b.t);
  return out;
}

export type HttpVersion = 'http/1.1' | 'h2' | 'h3' | 'unknown';

export function normalizeHttpVersion(v: string | undefined): HttpVersion {
  if (!v) return 'unknown';
  const s = v.toLowerCase().replace(/\s+/g, '');
  if (s === 'http/1.1' || s === 'http/1.0' || s === 'http/1') return 'http/1.1';
  if (s === 'h3' || s.startsWith('http/3') || s.includes('quic')) return 'h3';
  if (s === 'h2' || s.startsWith('http/2') || s === 'h2c') return 'h2';
  return 'unknown';
}

/** The first request observed at or after `t` (and before `until`, when given). */
export function requestAfter(list: readonly RequestObservation[] | undefined, t: number, until = Infinity): RequestObservation | undefined {
  if (!list) return undefined;
  for (const r of list) if (r.t >= t && r.t <= until) return r;
  return undefined;
}

/** The last request observed at or before `t`. */
export function requestBefore(list: readonly RequestObservation[] | undefined, t: number): RequestObservation | undefined {
  if (!list) return undefined;
  let found: RequestObservation | undefined;
  for (const r of list) {
    if (r.t > t) break;
    found = r;
  }
  return found;
}
