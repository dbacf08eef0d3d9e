// A WebSocket the server pushes to every PUSH_EVERY_MS while the page sends one subscribe
// message; the page reports done once it has been open UNIDIR_MIN_DURATION_MS plus a margin and
// then closes (`unidirectional-websocket`).
import { UNIDIR_MIN_DURATION_MS } from '../../src/analysis/thresholds';
import { html, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const PUSH_EVERY_MS = 100;

const PAGE = page(`
window.scenario.received = 0;
const ws = new WebSocket(location.origin.replace('http', 'ws') + '/ticker');
let openedAt = 0;
ws.onopen = () => { count(); openedAt = Date.now(); ws.send('subscribe'); };
ws.onmessage = () => {
  count();
  window.scenario.received++;
  if (!window.scenario.done && Date.now() - openedAt > ${UNIDIR_MIN_DURATION_MS + 500}) { ws.close(1000); window.scenario.done = true; }
};
`);

export function startUnidirectionalServer(): Promise<TestServer> {
  return startServer({
    routes: { '/page.html': html(PAGE) },
    onSocket(ws) {
      const timer = setInterval(() => ws.send(`tick ${Date.now()}`), PUSH_EVERY_MS);
      ws.on('close', () => clearInterval(timer));
    },
  });
}
