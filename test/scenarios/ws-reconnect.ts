// A WebSocket whose first connection the server drops without a close frame (terminate → 1006);
// the page reconnects once after 100 ms and the second socket stays up (`reconnect`, lineage
// attempts 1, 2; the drop is an `abnormal-close` the lineage recovered from).
import { html, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

const PAGE = page(`
let tries = 0;
window.scenario.closes = [];
function connect() {
  tries++;
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/live');
  ws.onopen = count;
  ws.onmessage = (e) => { count(); if (e.data === 'welcome') window.scenario.done = true; };
  ws.onclose = (e) => { count(); window.scenario.closes.push(e.code); if (tries < 2) setTimeout(connect, 100); };
}
connect();
`);

export function startWsReconnectServer(): Promise<TestServer> {
  let n = 0;
  return startServer({
    routes: { '/page.html': html(PAGE) },
    onSocket(ws) {
      if (++n === 1) ws.terminate();
      else ws.send('welcome');
    },
  });
}
