// The benchmark's own server on 127.0.0.1: a page, and a WebSocket that answers "go N" with N
// ~100-byte text messages sent back to back. Each message starts with its number (1…N) so the
// page and the exported log can both check order and completeness.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

export const MESSAGE_BYTES = 100;

export function benchMessage(n) {
  const head = `${n}|`;
  return head + 'x'.repeat(Math.max(0, MESSAGE_BYTES - head.length));
}

// The page measures from sending "go N" to receiving the Nth message, and checks the order.
const page = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body>
<script>
  const ws = new WebSocket(location.href.replace(/^http/, 'ws') + 'ws');
  window.benchReady = new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('ws error')); });
  window.benchRun = (n) => new Promise((resolve) => {
    let got = 0;
    let outOfOrder = 0;
    const t0 = performance.now();
    ws.onmessage = (e) => {
      got += 1;
      if (parseInt(e.data, 10) !== got) outOfOrder += 1;
      if (got === n) resolve({ ms: performance.now() - t0, got, outOfOrder });
    };
    ws.send('go ' + n);
  });
</script></body></html>`;

export async function startBenchServer() {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.url === '/' ? page : 'not found');
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const match = /^go (\d+)$/.exec(data.toString());
      if (!match) return;
      const n = Number(match[1]);
      // Cork the TCP socket so the burst leaves in a few large writes instead of one syscall
      // per frame: the server must not be the bottleneck of what we measure in the browser.
      // (`_socket` is ws's underlying net.Socket; ws has no public cork.)
      const socket = ws._socket;
      socket?.cork();
      for (let i = 1; i <= n; i++) ws.send(benchMessage(i));
      socket?.uncork();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
