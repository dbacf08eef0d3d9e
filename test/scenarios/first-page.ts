// The first page right after launchInspectedBrowser() resolves (the README's launch-then-goto
// pattern): one EventSource the server answers with HTTP 500 (the browser gives up: the cause
// comes only from the request webRequest saw), and one the server ends after ids 1–3 with
// `retry: 100`, so the browser reconnects sending Last-Event-ID 3 and the server resumes at 4.
import { html, sseEvent, sseHeaders, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

const PAGE = page(`
let ended = 0, resumed = false;
const finish = () => { if (ended === 1 && resumed) window.scenario.done = true; };
const fail = new EventSource('/fail');
fail.onerror = () => { count(); if (fail.readyState === 2) { ended++; finish(); } };
const feed = new EventSource('/feed');
feed.onopen = count;
feed.onerror = count;
feed.onmessage = (e) => { count(); if (e.lastEventId === '6') { feed.close(); resumed = true; finish(); } };
`);

export function startFirstPageServer(): Promise<{ server: TestServer; lastEventIds: Array<string | undefined> }> {
  const lastEventIds: Array<string | undefined> = [];
  return startServer({
    routes: {
      '/page.html': html(PAGE),
      '/fail': (_req, res) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
      },
      '/feed': (req, res) => {
        const header = req.headers['last-event-id'];
        lastEventIds.push(typeof header === 'string' ? header : undefined);
        sseHeaders(res);
        if (header === undefined) {
          res.write('retry: 100\n\n');
          for (const id of [1, 2, 3]) res.write(sseEvent({ id: String(id), data: `tick ${id}` }));
          res.end();
          return;
        }
        for (let id = Number(header) + 1; id <= Number(header) + 3; id++) res.write(sseEvent({ id: String(id), data: `tick ${id}` }));
      },
    },
  }).then((server) => ({ server, lastEventIds }));
}
