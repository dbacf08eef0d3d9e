// EventSources the browser gives up on for good (`eventsource-fatal`): `/e500` answers 500,
// `/text` answers 200 with Content-Type text/plain.
import { html, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

/** What the analysis must name as the cause, from the background's webRequest observation. */
export const FATAL_CAUSES = {
  '/e500': { cause: 'http-status', request: { statusCode: 500 } },
  '/text': { cause: 'content-type', request: { statusCode: 200, contentType: 'text/plain' } },
};
export const FATAL_PATHS = Object.keys(FATAL_CAUSES);

const PAGE = page(`
let failed = 0;
for (const path of ${JSON.stringify(FATAL_PATHS)}) {
  const es = new EventSource(path);
  es.onerror = () => { count(); if (es.readyState === 2 && ++failed === ${FATAL_PATHS.length}) window.scenario.done = true; };
}
`);

export function startSseFatalServer(): Promise<TestServer> {
  return startServer({
    routes: {
      '/page.html': html(PAGE),
      '/e500': (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('boom'),
      '/text': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('data: not a stream\n\n'),
    },
  });
}
