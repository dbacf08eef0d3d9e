// Real servers on 127.0.0.1 for end-to-end tests: an HTTP server with routes (pages, SSE) and a
// WebSocket server on the same port. Port 0: the OS picks a free one.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  origin: string;
  wsOrigin: string;
  port: number;
  /** Every WebSocket the server accepted, by path. */
  sockets: Array<{ path: string; ws: WebSocket }>;
  close(): Promise<void>;
}

export interface ServerOptions {
  routes?: Record<string, Route>;
  /** Called for each WebSocket connection; the path includes the query. */
  onSocket?: (ws: WebSocket, req: IncomingMessage) => void;
  /** WebSocket subprotocols the server picks from (first requested that it knows). */
  protocols?: string[];
  /** Loopback address to listen on (default 127.0.0.1; 127.0.0.2 is another site for the browser). */
  host?: string;
}

export async function startServer(opts: ServerOptions): Promise<TestServer> {
  const sockets: Array<{ path: string; ws: WebSocket }> = [];
  const open = new Set<ServerResponse>();
  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = opts.routes?.[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    open.add(res);
    res.on('close', () => open.delete(res));
    route(req, res);
  });
  const wss = new WebSocketServer({
    server: http,
    handleProtocols: (protocols) => {
      for (const p of protocols) if (opts.protocols?.includes(p)) return p;
      return false;
    },
  });
  wss.on('connection', (ws, req) => {
    sockets.push({ path: req.url ?? '/', ws });
    opts.onSocket?.(ws, req);
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => http.listen(0, host, resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    origin: `http://${host}:${port}`,
    wsOrigin: `ws://${host}:${port}`,
    port,
    sockets,
    async close() {
      for (const c of wss.clients) c.terminate();
      for (const res of open) res.destroy();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export const html = (body: string): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
};

/** One SSE event in wire format. */
export function sseEvent(e: { id?: string; event?: string; data: string; retry?: number }): string {
  let out = '';
  if (e.retry !== undefined) out += `retry: ${e.retry}\n`;
  if (e.id !== undefined) out += `id: ${e.id}\n`;
  if (e.event !== undefined) out += `event: ${e.event}\n`;
  for (const line of e.data.split('\n')) out += `data: ${line}\n`;
  return out + '\n';
}

export function sseHeaders(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.flushHeaders();
}
