// Server-initiated closes: `/crash` closes with 1011 (`abnormal-close`, error); `/drain` waits
// until DRAIN_SOCKETS sockets are connected and closes them all with 1001 at once, like a deploy
// (`server-going-away`). The page does not reconnect.
import type { WebSocket } from 'ws';
import { html, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const DRAIN_SOCKETS = 3;

const PAGE = (path: string, n: number) => page(`
let closed = 0;
for (let i = 0; i < ${n}; i++) {
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '${path}?i=' + i);
  ws.onopen = count;
  ws.onclose = () => { count(); if (++closed === ${n}) window.scenario.done = true; };
}
`);

export function startCloseCodesServer(): Promise<TestServer> {
  const draining: WebSocket[] = [];
  return startServer({
    routes: { '/crash.html': html(PAGE('/crash', 1)), '/drain.html': html(PAGE('/drain', DRAIN_SOCKETS)) },
    onSocket(ws, req) {
      if (req.url?.startsWith('/crash')) {
        ws.close(1011, 'internal error');
        return;
      }
      draining.push(ws);
      if (draining.length === DRAIN_SOCKETS) for (const s of draining) s.close(1001, 'deploy');
    },
  });
}
