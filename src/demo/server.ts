// The demo server behind `npm start`: one page with a WebSocket chat bot, an SSE feed that
// drops and resumes, an iframe with its own WebSocket, and two things going wrong so the panel's
// first picture shows findings: a quotes socket that drops and misses quotes after reconnecting,
// and an alerts stream the server answers with 503 (the browser gives up). Bound to 127.0.0.1.
// Built to dist/recorder/demo-server.js for the start script; tests import this file directly.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { runChatBot, runQuotes, runTicker } from './chat-bot';
import { demoPage, framePage } from './pages';
import { serveSseFeed } from './sse-feed';

export interface DemoServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Bot message and SSE event interval. Default 1000 ms. */
  intervalMs?: number;
  /** How often the page sends a chat message. Default 3000 ms. */
  sendEveryMs?: number;
  /** The SSE response ends after this many events, so the browser reconnects. Default 8. */
  sseDropEvery?: number;
  /** The `retry:` the feed announces. Default 2000 ms. */
  sseRetryMs?: number;
  /** The iframe's ticker closes (code 4001) after this many ticks. Default 15. */
  tickerCloseAfter?: number;
  /** The first quotes socket drops (1006) after this many quotes. Default 5. */
  quotesDropAfter?: number;
  /**
   * Chat sequence numbers the bot leaves out, as a server that drops messages would: the demo of
   * an `event-id-gap` finding (the sample Playwright test that fails on purpose). Default none.
   */
  chatSkipSeqs?: number[];
}

export interface DemoServer {
  /** The demo page, e.g. http://127.0.0.1:41234/ */
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const intervalMs = options.intervalMs ?? 1000;
  const sseOptions = { intervalMs, dropEvery: options.sseDropEvery ?? 8, retryMs: options.sseRetryMs ?? 2000 };
  const feeds = new Set<() => void>();
  const track = (stop: () => void) => {
    feeds.add(stop);
    return () => feeds.delete(stop);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', demoPage({ sendEveryMs: options.sendEveryMs ?? 3000 }));
    if (path === '/frame') return send(res, 200, 'text/html; charset=utf-8', framePage({ reconnectMs: 1000 }));
    if (path === '/events') return serveSseFeed(req, res, sseOptions, track);
    // The alerts stream is "down for maintenance": a 503 ends the EventSource for good.
    if (path === '/alerts') return send(res, 503, 'text/plain', 'alerts are down for maintenance');
    if (path === '/favicon.ico') return send(res, 204, 'text/plain', '');
    return send(res, 404, 'text/plain', 'not found');
  });

  const wss = new WebSocketServer({ noServer: true });
  const quotes = { seq: 0, connections: 0 };
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/chat' && path !== '/ticker' && path !== '/quotes') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (path === '/chat') runChatBot(ws, { intervalMs, skipSeqs: options.chatSkipSeqs ?? [] });
      else if (path === '/quotes') runQuotes(ws, quotes, { intervalMs: Math.round(intervalMs / 2), dropAfter: options.quotesDropAfter ?? 5, skip: 3 });
      else runTicker(ws, { intervalMs: Math.round(intervalMs * 1.5), closeAfter: options.tickerCloseAfter ?? 15 });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    async close() {
      for (const stop of [...feeds]) stop();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
