// Healthy traffic that must yield nothing above `info`: 5 EventSources to one origin (one drops
// and resumes correctly after its Last-Event-ID), a WebSocket the page closes with 1000 and one
// the server closes with 1000, then the page closes its streams.
import { html, sseEvent, sseHeaders, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const STREAMS = 5;

const PAGE = page(`
const want = { streams: ${STREAMS}, sockets: 2 };
let streamsDone = 0, socketsDone = 0;
const finish = () => {
  if (streamsDone < want.streams || socketsDone < want.sockets) return;
  for (const es of all) es.close();
  window.scenario.done = true;
};
const all = [];
for (let i = 0; i < want.streams; i++) {
  const es = new EventSource('/stream?n=' + i);
  all.push(es);
  let got = 0;
  es.onopen = count;
  es.onerror = count;
  // stream 0 drops after 3 events and resumes with 3 more; the others send 3 and stay open
  es.onmessage = () => { count(); if (++got === (i === 0 ? 6 : 3)) { streamsDone++; finish(); } };
}
const wsUrl = location.origin.replace('http', 'ws');
const byPage = new WebSocket(wsUrl + '/echo');
byPage.onopen = () => { count(); byPage.send('hi'); };
byPage.onmessage = () => { count(); byPage.close(1000, 'done'); };
byPage.onclose = () => { count(); socketsDone++; finish(); };
const byServer = new WebSocket(wsUrl + '/bye');
byServer.onopen = count;
byServer.onclose = () => { count(); socketsDone++; finish(); };
`);

export interface HealthyScenario {
  server: TestServer;
  lastEventIds: Array<string | undefined>;
}

export async function startHealthyServer(): Promise<HealthyScenario> {
  const lastEventIds: Array<string | undefined> = [];
  let stream0Requests = 0;
  const server = await startServer({
    routes: {
      '/page.html': html(PAGE),
      '/stream': (req, res) => {
        const n = new URL(req.url ?? '/', 'http://x').searchParams.get('n');
        sseHeaders(res);
        if (n !== '0') {
          for (const id of [1, 2, 3]) res.write(sseEvent({ id: String(id), data: `s${n} ${id}` }));
          return;
        }
        const header = req.headers['last-event-id'];
        lastEventIds.push(typeof header === 'string' ? header : undefined);
        if (++stream0Requests === 1) {
          res.write('retry: 200\n\n');
          for (const id of [1, 2, 3]) res.write(sseEvent({ id: String(id), data: `s0 ${id}` }));
          res.end();
          return;
        }
        const after = Number(header);
        for (const id of [after + 1, after + 2, after + 3]) res.write(sseEvent({ id: String(id), data: `s0 ${id}` }));
      },
    },
    onSocket(ws, req) {
      if (req.url === '/bye') ws.close(1000, 'finished');
      else ws.on('message', (data) => ws.send(data.toString()));
    },
  });
  return { server, lastEventIds };
}
