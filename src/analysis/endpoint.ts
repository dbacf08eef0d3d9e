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

/** scheme://host:port/path, with "?…" when a query was left out (it may hold credentials). */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
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
