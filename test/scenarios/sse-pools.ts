// Which tabs share a connection pool: one stream server (its own origin) and pages on other
// servers that open EventSources to it (CORS). Tab A opens HOLDERS streams and keeps them; tab B
// then opens 7 - HOLDERS. If A and B share the pool of 6, B's last stream waits until A closes
// one (the test closes it once the wait is long enough to count as a stall); if not, it opens
// at once. Pages publish when each stream was created and opened (page clock, epoch ms).
import { html, sseEvent, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const HOLDERS = 4;
export const SECOND_TAB = 7 - HOLDERS;

const PAGE = (streamOrigin: string) => page(`
const n = Number(new URLSearchParams(location.search).get('n'));
window.scenario.streams = [];
window.sources = [];
for (let i = 0; i < n; i++) {
  const s = { createdAt: Date.now(), openedAt: null };
  window.scenario.streams.push(s);
  const es = new EventSource('${streamOrigin}/held?tab=' + encodeURIComponent(location.host + location.search) + '&i=' + i);
  window.sources.push(es);
  es.onopen = () => { count(); s.openedAt = Date.now(); };
  es.onmessage = count;
}
// Done once every stream but possibly the last is open: the last may be the one that waits.
const timer = setInterval(() => {
  if (window.scenario.streams.slice(0, -1).every((s) => s.openedAt !== null)) { clearInterval(timer); window.scenario.done = true; }
}, 20);
`);

/** The stream server; its `/held` streams stay open (one event each). */
export function startStreamServer(): Promise<TestServer> {
  return startServer({
    routes: {
      '/held': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'access-control-allow-origin': req.headers.origin ?? '*' });
        res.flushHeaders();
        res.write(sseEvent({ data: 'held' }));
      },
    },
  });
}

/** A page server on `host` whose page opens `?n=` streams to `streamOrigin`. */
export function startPoolPageServer(streamOrigin: string, host = '127.0.0.1'): Promise<TestServer> {
  return startServer({ host, routes: { '/page.html': html(PAGE(streamOrigin)) } });
}
