// An SSE stream that drops after a few events and, on the browser's own reconnect, either resumes
// after the Last-Event-ID it was sent (healthy) or starts over from id 1 ignoring it
// (`resume-mismatch`). `retry: 200` keeps the browser's reconnect wait short.
import { html, sseEvent, sseHeaders, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export interface ResumeScenario {
  server: TestServer;
  /** The Last-Event-ID header of each request the server received (undefined: none sent). */
  lastEventIds: Array<string | undefined>;
}

export const FIRST_IDS = [1, 2, 3, 4, 5];
export const RETRY_MS = 200;

/** Ids the second connection sends: after Last-Event-ID when `honour`, else from 1 again. */
export const secondIds = (honour: boolean, lastEventId: number): number[] =>
  honour ? [lastEventId + 1, lastEventId + 2, lastEventId + 3] : [1, 2, 3];

const PAGE = (total: number) => page(`
const es = new EventSource('/sse');
let got = 0;
es.onopen = count;
es.onerror = count;
es.onmessage = () => { count(); if (++got === ${total}) { es.close(); window.scenario.done = true; } };
`);

export async function startSseResumeServer(honour: boolean): Promise<ResumeScenario> {
  const lastEventIds: Array<string | undefined> = [];
  const total = FIRST_IDS.length + 3;
  const server = await startServer({
    routes: {
      '/page.html': html(PAGE(total)),
      '/sse': (req, res) => {
        const header = req.headers['last-event-id'];
        lastEventIds.push(typeof header === 'string' ? header : undefined);
        sseHeaders(res);
        if (lastEventIds.length === 1) {
          res.write(`retry: ${RETRY_MS}\n\n`);
          for (const id of FIRST_IDS) res.write(sseEvent({ id: String(id), data: `event ${id}` }));
          res.end(); // the drop: the browser reconnects by itself
          return;
        }
        for (const id of secondIds(honour, Number(header))) res.write(sseEvent({ id: String(id), data: `event ${id}` }));
      },
    },
  });
  return { server, lastEventIds };
}
