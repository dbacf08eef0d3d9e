// Servers for the transparency probe, on 127.0.0.1 with a free port: the probe page and script,
// a WebSocket echo (`ws`) on /echo, and server-sent event streams under /sse/.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';

export interface ProbeServer {
  origin: string;
  /** The probe page URL; `tag` keeps tab URLs distinct between runs. */
  pageUrl(tag: string): string;
  close(): Promise<void>;
}

const STATIC: Record<string, [file: string, type: string]> = {
  '/transparency.html': ['transparency.html', 'text/html; charset=utf-8'],
  '/transparency-probe.js': ['transparency-probe.js', 'text/javascript; charset=utf-8'],
  '/transparency-stealth.js': ['transparency-stealth.js', 'text/javascript; charset=utf-8'],
  '/transparency-channel.js': ['transparency-channel.js', 'text/javascript; charset=utf-8'],
  '/transparency-frame.html': ['transparency-frame.html', 'text/html; charset=utf-8'],
};

function sse(req: IncomingMessage, res: ServerResponse, path: string) {
  if (path === '/sse/stream') {
    // A reconnect (it carries Last-Event-ID) is refused with 204: the browser then gives up.
    if (req.headers['last-event-id'] !== undefined) {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write('retry: 100\n\n');
    res.write('id: 1\ndata: one\n\n');
    res.write('event: foo\nid: 2\ndata: named\n\n');
    res.write('event: bar\ndata: nobody listens\n\n');
    res.write('data: multi\ndata: line\n\n');
    res.end();
    return;
  }
  if (path === '/sse/hold') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write('data: hello\n\n');
    req.on('close', () => res.end());
    return;
  }
  res.writeHead(404).end();
}

export async function startProbeServer(): Promise<ProbeServer> {
  const dir = import.meta.dirname;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = STATIC[url.pathname];
    if (file) {
      res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' });
      res.end(readFileSync(join(dir, file[0])));
      return;
    }
    if (url.pathname.startsWith('/sse/')) return sse(req, res, url.pathname);
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({
    server,
    path: '/echo',
    handleProtocols: (protocols) => (protocols.has('chat') ? 'chat' : false),
  });
  wss.on('connection', (ws, req) => {
    const t = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('t');
    if (t === 'server-close') {
      ws.close(4001, 'bye');
      return;
    }
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    pageUrl: (tag) => `${origin}/transparency.html?run=${encodeURIComponent(tag)}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
