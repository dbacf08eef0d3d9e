// What makes two connection URLs "the same endpoint" for lineage linking, and how URLs appear in
// finding sentences. Reconnecting clients change credentials, timestamps, cache busters and resume
// cursors in the query string; those parameters do not make a different endpoint.

/** Query parameter names (lower case) that a reconnect may change. */
export const VOLATILE_PARAMS: readonly string[] = [
  // credentials
  'token', 'access_token', 'accesstoken', 'auth', 'authorization', 'jwt', 'id_token', 'bearer', 'key', 'apikey',
  'api_key', 'sig', 'signature', 'nonce', 'ticket', 'session', 'sid', 'expires',
  // time and cache busting
  't', 'ts', 'timestamp', 'time', '_', 'cb', 'cachebust', 'rand', 'random', 'r',
  // resume cursors
  'lasteventid', 'last-event-id', 'last_event_id', 'lastid', 'since', 'cursor', 'resume', 'offset',
];

const JWT_LIKE = /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/;
const NO_EXTRA: ReadonlySet<string> = new Set();

function isVolatile(name: string, value: string, extra: ReadonlySet<string>): boolean {
  const n = name.toLowerCase();
  return VOLATILE_PARAMS.includes(n) || extra.has(n) || n.startsWith('x-amz-') || JWT_LIKE.test(value);
}

/** scheme://host:port/path?stable-params-sorted; unparsable URLs are their own key. */
export function endpointKey(url: string, extraVolatile: readonly string[] = []): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const extra = new Set(extraVolatile.map((p) => p.toLowerCase()));
  const kept: string[] = [];
  for (const [name, value] of u.searchParams) {
    if (!isVolatile(name, value, extra)) kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  kept.sort();
  return `${u.protocol}//${u.host}${u.pathname}${kept.length > 0 ? '?' + kept.join('&') : ''}`;
}

/** Names that say secret, beyond VOLATILE_PARAMS (never shown, whatever the value). */
const SECRET_LIKE = /token|secret|passw|signature|auth|key|session|credential|code/i;
/** A value longer than this is not shown (a long opaque value may be a credential). */
const SHOWN_VALUE_MAX = 24;
/** At most this many characters of kept query in a sentence. */
const SHOWN_QUERY_MAX = 60;

/**
 * scheme://host:port/path plus the query parameters that tell two connections apart
 * (`…/gap?n=1` vs `…/gap?n=2`): short values of parameters whose names are neither volatile
 * (credentials, time busters, cursors) nor secret-sounding. What is left out reads as "…":
 * `?room=1&…`, or `?…` when nothing could be shown.
 */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const base = `${u.protocol}//${u.host}${u.pathname}`;
    if (!u.search) return base;
    const kept: string[] = [];
    let omitted = false;
    for (const [name, value] of u.searchParams) {
      const shown = !isVolatile(name, value, NO_EXTRA) && !SECRET_LIKE.test(name) && value.length <= SHOWN_VALUE_MAX && name.length <= SHOWN_VALUE_MAX;
      if (shown && kept.join('&').length + name.length + value.length + 2 <= SHOWN_QUERY_MAX) kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
      else omitted = true;
    }
    if (omitted) kept.push('…');
    return `${base}?${kept.join('&')}`;
  } catch {
    return url.length > 80 ? url.slice(0, 79) + '…' : url;
  }
}

/** host:port of a URL (default ports filled in), for per-server grouping. */
export function hostPort(url: string): string {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'wss:' || u.protocol === 'https:' ? '443' : '80');
    return `${u.hostname}:${port}`;
  } catch {
    return url;
  }
}
