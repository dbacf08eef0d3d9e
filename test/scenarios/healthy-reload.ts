// A healthy page that is reloaded and navigated while its connections are open: two EventSources
// with ids, an echo WebSocket, and a WebSocket client that reconnects at once whenever its socket
// closes (as most clients do — so the close the browser causes while the page goes away makes it
// open a new socket during the unload). Whatever the browser does while a page goes away is not
// the server's fault: nothing above info may come of it, and no connection of a page load that is
// gone may stay open.
import { html, sseEvent, sseHeaders, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

const PAGE = page(`
const want = 4;
let opened = 0;
const opens = () => { count(); if (++opened === want) window.scenario.done = true; };
for (const name of ['prices', 'news']) {
  const es = new EventSource('/sse?feed=' + name);
  es.onopen = opens;
  es.onmessage = count;
  es.onerror = count;
}
const wsUrl = location.origin.replace('http', 'ws');
const echo = new WebSocket(wsUrl + '/echo');
echo.onopen = () => { opens(); echo.send('hi'); };
echo.onmessage = count;
echo.onclose = count;
let first = true;
function connect() {
  const ws = new WebSocket(wsUrl + '/live');
  ws.onopen = () => { if (first) { first = false; opens(); } else count(); };
  ws.onmessage = count;
  ws.onclose = () => { count(); connect(); };
}
connect();
`);

export function startReloadServer(): Promise<TestServer> {
  return startServer({
    routes: {
      '/page.html': html(PAGE),
      '/plain.html': html('<!doctype html><title>no connections</title><p>plain'),
      '/sse': (_req, res) => {
        sseHeaders(res);
        for (const id of [1, 2, 3]) res.write(sseEvent({ id: String(id), data: `tick ${id}` }));
      },
    },
    onSocket(ws, req) {
      if (req.url === '/live') ws.send('welcome');
      else ws.on('message', (data) => ws.send(data.toString()));
    },
  });
}
