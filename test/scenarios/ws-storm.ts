// A server that accepts every WebSocket and closes it at once; the page reconnects from `onclose`
// without any backoff, STORM_SOCKETS times in all (`reconnect-storm`).
import { html, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const STORM_SOCKETS = 10;

const PAGE = page(`
let tries = 0;
function connect() {
  tries++;
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/flaky');
  ws.onopen = count;
  ws.onclose = () => { count(); if (tries < ${STORM_SOCKETS}) connect(); else window.scenario.done = true; };
}
connect();
`);

export function startWsStormServer(): Promise<TestServer> {
  return startServer({
    routes: { '/page.html': html(PAGE) },
    onSocket(ws) {
      ws.close(1011, 'overloaded');
    },
  });
}
