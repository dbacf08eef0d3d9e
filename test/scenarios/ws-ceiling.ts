// CEILING_SOCKETS WebSockets created at once to a server that takes HANDSHAKE_DELAY_MS to accept
// each handshake. Browsers run opening handshakes to one host:port one after another (RFC 6455
// §4.1), so the last socket waits about CEILING_SOCKETS × HANDSHAKE_DELAY_MS; in parallel each
// would wait only HANDSHAKE_DELAY_MS (`websocket-ceiling`, reason serialized-connects).
// Its own server: the harness's has no hook to delay a handshake.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { page } from './kit';

export const CEILING_SOCKETS = 5;
export const HANDSHAKE_DELAY_MS = 300;

const PAGE = page(`
let opened = 0;
window.scenario.openAfterMs = [];
const start = performance.now();
for (let i = 0; i < ${CEILING_SOCKETS}; i++) {
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/slow?i=' + i);
  ws.onopen = () => {
    count();
    window.scenario.openAfterMs.push(performance.now() - start);
    if (++opened === ${CEILING_SOCKETS}) window.scenario.done = true;
  };
}
`);

export interface CeilingServer {
  origin: string;
  /** Most handshakes the server had in progress at once: 1 if the browser serialized them. */
  maxConcurrentHandshakes: () => number;
  close(): Promise<void>;
}

export async function startCeilingServer(): Promise<CeilingServer> {
  const http = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(PAGE);
  });
  let inProgress = 0;
  let maxInProgress = 0;
  const wss = new WebSocketServer({
    server: http,
    verifyClient: (_info, done) => {
      maxInProgress = Math.max(maxInProgress, ++inProgress);
      setTimeout(() => { inProgress--; done(true); }, HANDSHAKE_DELAY_MS);
    },
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    maxConcurrentHandshakes: () => maxInProgress,
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
