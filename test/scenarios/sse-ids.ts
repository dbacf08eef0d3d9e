// An SSE stream that sends a fixed list of ids on one connection and then holds it open: used for
// `event-id-gap` (ids 4..6 skipped) and `event-id-duplicate` (ids 3..5 sent twice).
import { html, sseEvent, sseHeaders, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const GAP_IDS = [1, 2, 3, 7, 8, 9];
export const DUPLICATE_IDS = [1, 2, 3, 4, 5, 3, 4, 5, 6];

/** The page listens to unnamed messages and closes the stream after the last id. */
const PAGE = (lastId: number) => page(`
const es = new EventSource('/sse' + location.search);
es.onopen = count;
es.onmessage = (e) => { count(); if (e.lastEventId === '${lastId}') { es.close(); window.scenario.done = true; } };
`);

export function startSseIdsServer(ids: number[]): Promise<TestServer> {
  return startServer({
    routes: {
      '/page.html': html(PAGE(ids[ids.length - 1]!)),
      '/sse': (_req, res) => {
        sseHeaders(res);
        for (const id of ids) res.write(sseEvent({ id: String(id), data: `event ${id}` }));
      },
    },
  });
}
