// Host patterns for the recording scope (options page "listed sites" / "excluded sites"):
// `example.com` (that host, any port), `*.example.com` (example.com and every subdomain),
// `localhost:8080` / `127.0.0.1:3000` / `[::1]:8080` (that host on that port only). Pure.

export type HostPatternCheck = { ok: true; pattern: string } | { ok: false; message: string };

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/** Checks one pattern as typed by a user; returns it normalised (trimmed, lower case) or why not. */
export function checkHostPattern(input: string): HostPatternCheck {
  const raw = input.trim().toLowerCase();
  if (raw === '') return { ok: false, message: 'Empty: enter a host such as example.com.' };
  if (raw.includes('://') || raw.includes('/')) {
    return { ok: false, message: `"${input.trim()}" looks like a URL: enter only the host, such as ${hostHint(raw)}.` };
  }
  let host = raw;
  let port = '';
  const portMatch = /^(.*):(\d+)$/.exec(raw);
  if (portMatch && (!raw.startsWith('[') || portMatch[1]!.endsWith(']'))) {
    host = portMatch[1]!;
    port = portMatch[2]!;
    const n = Number(port);
    if (n < 1 || n > 65535) return { ok: false, message: `Port ${port} is out of range (1–65535).` };
  }
  const wildcard = host.startsWith('*.');
  const name = wildcard ? host.slice(2) : host;
  if (name.includes('*')) return { ok: false, message: `"${input.trim()}": a * is only allowed as the first label, as in *.example.com.` };
  if (IPV6.test(name)) {
    if (wildcard) return { ok: false, message: 'An IPv6 address cannot have a wildcard.' };
  } else if (name.split('.').some((label) => !LABEL.test(label))) {
    return { ok: false, message: `"${input.trim()}" is not a valid host name.` };
  }
  return { ok: true, pattern: port ? `${host}:${port}` : host };
}

function hostHint(raw: string): string {
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`).host || 'example.com';
  } catch {
    return 'example.com';
  }
}

/** Whether a URL's host (and port) matches a normalised pattern. */
export function hostMatches(url: URL, pattern: string): boolean {
  const portMatch = /^(.*):(\d+)$/.exec(pattern);
  let host = pattern;
  if (portMatch && (!pattern.startsWith('[') || portMatch[1]!.endsWith(']'))) {
    host = portMatch[1]!;
    const effectivePort = url.port || (url.protocol === 'https:' || url.protocol === 'wss:' ? '443' : url.protocol === 'http:' || url.protocol === 'ws:' ? '80' : '');
    if (effectivePort !== portMatch[2]) return false;
  }
  const hostname = url.hostname.toLowerCase();
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    return hostname === base || hostname.endsWith(`.${base}`);
  }
  return hostname === host;
}

export function matchesAny(url: URL, patterns: readonly string[]): boolean {
  return patterns.some((p) => hostMatches(url, p));
}
