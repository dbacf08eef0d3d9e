// The feed server for the recovery tests (test/faults.e2e.test.ts): one numbered stream (seq 1,
// 2, 3 … every TICK_MS) per app name, kept from the start, so a client can resume. WebSocket
// /feed: the client says {"type":"hello","resume":n} to get everything after n first (without
// `resume`, only what comes next). SSE /sse: Last-Event-ID header or ?lastEventId= resumes.

import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { html, sseHeaders, startServer, type TestServer } from '../harness/servers';

export const TICK_MS = 50;

const SCRIPT = readFileSync(join(import.meta.dirname, 'recovery-app.js'), 'utf8');

interface Feed {
  seq: number;
  listeners: Set<(seq: number) => void>;
}

/** graphql-transport-ws: ack the init; a `subscribe` gets everything after `variables.after`, then each tick as `next`. */
function graphql(ws: WebSocket, feed: Feed): void {
  const subs: Array<(seq: number) => void> = [];
  ws.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as { type: string; id?: string; payload?: { variables?: { after?: number } } };
    if (m.type === 'connection_init') ws.send(JSON.stringify({ type: 'connection_ack' }));
    else if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
    else if (m.type === 'subscribe') {
      const next = (seq: number) => ws.send(JSON.stringify({ type: 'next', id: m.id, payload: { data: { seq, price: 100 + (seq % 7) } } }));
      const after = m.payload?.variables?.after ?? feed.seq;
      for (let s = after + 1; s <= feed.seq; s++) next(s);
      feed.listeners.add(next);
      subs.push(next);
    }
  });
  ws.on('close', () => {
    for (const l of subs) feed.listeners.delete(l);
  });
}

const payload = (seq: number) => JSON.stringify({ seq, price: 100 + (seq % 7) });

export async function startRecoveryServer(): Promise<TestServer & { stop(): void; received: string[] }> {
  /** Every WebSocket message the server got, in order. */
  const received: string[] = [];
  const feeds = new Map<string, Feed>();
  const feedOf = (app: string): Feed => {
    let f = feeds.get(app);
    if (!f) feeds.set(app, (f = { seq: 0, listeners: new Set() }));
    return f;
  };
  const timer = setInterval(() => {
    for (const f of feeds.values()) {
      f.seq++;
      for (const l of f.listeners) l(f.seq);
    }
  }, TICK_MS);

  const app = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://x').searchParams.get('app') ?? 'good';

  const sse = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const feed = feedOf(app(req));
    const from = Number(req.headers['last-event-id'] ?? url.searchParams.get('lastEventId') ?? feed.seq);
    sseHeaders(res);
    res.write('retry: 200\n\n');
    for (let s = from + 1; s <= feed.seq; s++) res.write(`id: ${s}\ndata: ${payload(s)}\n\n`);
    const send = (s: number) => res.write(`id: ${s}\ndata: ${payload(s)}\n\n`);
    feed.listeners.add(send);
    res.on('close', () => feed.listeners.delete(send));
  };

  const server = await startServer({
    routes: {
      '/app': html(`<!doctype html><title>recovery</title><script>${SCRIPT}</script>`),
      '/sse': sse,
    },
    protocols: ['graphql-transport-ws'],
    onSocket(ws: WebSocket, req) {
      const feed = feedOf(app(req));
      if (ws.protocol === 'graphql-transport-ws') return graphql(ws, feed);
      const send = (s: number) => ws.send(payload(s));
      let greeted = false;
      ws.on('message', (raw) => {
        const text = String(raw);
        received.push(text);
        let m: { type?: string; resume?: number; from?: number } = {};
        try {
          m = JSON.parse(text) as typeof m;
        } catch {
          return;
        }
        if (!greeted && m.type === 'hello') {
          greeted = true;
          if (m.resume !== undefined) for (let s = m.resume + 1; s <= feed.seq; s++) send(s);
          feed.listeners.add(send);
        } else if (m.type === 'resync' && m.from !== undefined) {
          for (let s = m.from + 1; s <= feed.seq; s++) send(s);
        }
      });
      ws.on('close', () => feed.listeners.delete(send));
    },
  });
  return { ...server, received, stop: () => clearInterval(timer), close: async () => { clearInterval(timer); await server.close(); } };
}
