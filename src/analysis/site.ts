// A URL's site, as browsers key partitioned state by it: scheme + registrable domain ("eTLD+1"),
// the port ignored (Chromium's SchemefulSite; Firefox's partitionKey uses the same site notion —
// both measured on this machine, test/connection-pools.e2e.test.ts: pages on 127.0.0.1 with two
// ports share a pool). IP addresses and single-label hosts (localhost) are their own site.
// Without the Public Suffix List the registrable domain is approximated: the last two labels, or
// three under a few well-known two-label suffixes (co.uk, com.au, github.io …).

const TWO_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.jp', 'ne.jp', 'or.jp', 'co.nz', 'co.za', 'com.br',
  'com.cn', 'com.mx', 'co.in', 'co.kr', 'com.tr', 'com.tw', 'github.io', 'gitlab.io', 'herokuapp.com', 'vercel.app',
  'netlify.app', 'pages.dev', 'workers.dev', 'web.app', 'firebaseapp.com', 'azurewebsites.net', 'cloudfront.net', 'appspot.com',
]);

export function siteOf(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const scheme = u.protocol === 'wss:' ? 'https:' : u.protocol === 'ws:' ? 'http:' : u.protocol;
  const host = u.hostname;
  if (host === '') return undefined;
  if (host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return `${scheme}//${host}`;
  const labels = host.split('.');
  if (labels.length <= 2) return `${scheme}//${host}`;
  const lastTwo = labels.slice(-2).join('.');
  const n = TWO_LABEL_SUFFIXES.has(lastTwo) ? 3 : 2;
  return `${scheme}//${labels.slice(-n).join('.')}`;
}
