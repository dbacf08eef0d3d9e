// The benchmark's own server on 127.0.0.1: the page (page.html), a WebSocket that answers
// "go <kind> <n>" with n messages of that kind and counts what the page sends after
// "expect <n>", an SSE stream per page that /sse-go?id=&n= fills with n events, a streamed
// fetch response of n SSE events (/fetch-sse?n=) and small JSON responses (/small?i=). Every
// message carries its number (1…n) so the page and the stored log can both check order and
// completeness. Bursts are written corked: the server must not be what we measure.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

export const SMALL_BYTES = 100;
export const LARGE_BYTES = 64 * 1024;

const page = readFileSync(new URL('./page.html', import.meta.url), 'utf8');
const padding = 'x'.repeat(LARGE_BYTES);

/**
 * Message i of a kind, of the kind's size: text "i|xxx…"; JSON as real feeds send it
 * (`{"seq":i,"type":"tick",…}`, padded); or bytes with i as uint32 LE.
 */
export function benchMessage(kind, i) {
  const bytes = kind.endsWith('64k') ? LARGE_BYTES : SMALL_BYTES;
  if (kind.startsWith('json')) {
    const head = `{"seq":${i},"type":"tick","symbol":"ACME","price":${(100 + (i % 997) / 100).toFixed(2)},"pad":"`;
    return head + padding.slice(0, bytes - head.length - 2) + '"}';
  }
  if (kind.startsWith('text')) {
    const head = `${i}|`;
    return head + padding.slice(0, bytes - head.length);
  }
  const buf = Buffer.alloc(bytes, 0x78);
  buf.writeUInt32LE(i, 0);
  return buf;
}

export const WS_KINDS = ['text-small', 'json-small', 'text-64k', 'bin-small', 'bin-64k'];

function burst(socket, n, write) {
  // `_socket` is ws's net.Socket (ws has no public cork); an SSE response's socket is public.
  socket?.cork();
  for (let i = 1; i <= n; i++) write(i);
  socket?.uncork();
}

export async function startBenchServer() {
  const streams = new Map(); // SSE id -> response
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page);
    } else if (url.pathname === '/sse') {
      const id = url.searchParams.get('id') ?? '';
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': open\n\n');
      streams.set(id, res);
      req.on('close', () => streams.delete(id));
    } else if (url.pathname === '/sse-go') {
      const stream = streams.get(url.searchParams.get('id') ?? '');
      const n = Number(url.searchParams.get('n'));
      res.writeHead(stream && n > 0 ? 204 : 404).end();
      if (stream && n > 0) burst(stream.socket, n, (i) => stream.write(`data: ${benchMessage('text-small', i)}\n\n`));
    } else if (url.pathname === '/fetch-sse') {
      const n = Number(url.searchParams.get('n'));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      burst(res.socket, n, (i) => res.write(`data: ${benchMessage('text-small', i)}\n\n`));
      res.end();
    } else if (url.pathname === '/small') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(benchMessage('json-small', Number(url.searchParams.get('i'))));
    } else {
      res.writeHead(404).end('not found');
    }
  });
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws) => {
    let expecting = 0;
    let got = 0;
    let outOfOrder = 0;
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      if (expecting > 0) {
        got += 1;
        if (parseInt(text, 10) !== got) outOfOrder += 1;
        if (got === expecting) {
          ws.send(`got ${got} ${outOfOrder}`);
          expecting = 0;
        }
        return;
      }
      const expect = /^expect (\d+)$/.exec(text);
      if (expect) {
        expecting = Number(expect[1]);
        got = 0;
        outOfOrder = 0;
        return;
      }
      // "stream <ms> <per second>": small text messages at a steady rate for <ms> ms (written
      // every 5 ms, as many as the elapsed time calls for), then "sent <n>".
      const stream = /^stream (\d+) (\d+)$/.exec(text);
      if (stream) {
        const duration = Number(stream[1]);
        const rate = Number(stream[2]);
        const start = Date.now();
        let i = 0;
        const timer = setInterval(() => {
          if (ws.readyState !== ws.OPEN) return clearInterval(timer);
          const elapsed = Math.min(Date.now() - start, duration);
          const due = Math.floor((elapsed * rate) / 1000);
          burst(ws._socket, due - i, () => ws.send(benchMessage('text-small', ++i)));
          if (elapsed >= duration) {
            clearInterval(timer);
            ws.send(`sent ${i}`);
          }
        }, 5);
        return;
      }
      const go = /^go (\S+) (\d+)$/.exec(text);
      if (!go || !WS_KINDS.includes(go[1])) return;
      const kind = go[1];
      burst(ws._socket, Number(go[2]), (i) => ws.send(benchMessage(kind, i)));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    sseUrlPrefix: `http://127.0.0.1:${port}/sse?id=`,
    fetchSseUrlPrefix: (n) => `http://127.0.0.1:${port}/fetch-sse?n=${n}&`,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      for (const res of streams.values()) res.destroy();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
