// The page sends SEND_BYTES-sized messages every SEND_EVERY_MS until SENDS are done. On `/sink`
// the server stops reading its socket (`ws._socket.pause()`) and bufferedAmount piles up
// (`backpressure`); on `/reader` it reads normally (the healthy control).
import type { Socket } from 'node:net';
import { html, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const SEND_BYTES = 512 * 1024;
export const SEND_EVERY_MS = 100;
export const SENDS = 15;

const PAGE = page(`
window.scenario.buffered = [];
const ws = new WebSocket(location.origin.replace('http', 'ws') + new URLSearchParams(location.search).get('path'));
const chunk = 'x'.repeat(${SEND_BYTES});
ws.onopen = () => {
  count();
  let sent = 0;
  const timer = setInterval(() => {
    ws.send(chunk);
    window.scenario.buffered.push(ws.bufferedAmount);
    if (++sent === ${SENDS}) { clearInterval(timer); window.scenario.done = true; }
  }, ${SEND_EVERY_MS});
};
`);

export function startBackpressureServer(): Promise<TestServer> {
  return startServer({
    routes: { '/page.html': html(PAGE) },
    onSocket(ws, req) {
      if (req.url !== '/sink') return;
      // ws keeps its net.Socket private; pausing it is the simplest "slow reader".
      (ws as unknown as { _socket: Socket })._socket.pause();
    },
  });
}
