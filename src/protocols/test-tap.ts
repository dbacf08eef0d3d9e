// Tests only: a WebSocket man-in-the-middle on 127.0.0.1 that forwards frames between a real
// client library and a real server and records them, so decoder tests read real frames.

import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { FrameInput } from './types';

export interface Tap {
  /** ws://127.0.0.1:<port>: point the client here; paths and query go to the target as they are. */
  url: string;
  frames: FrameInput[];
  /** Subprotocol the server chose. */
  protocol(): string;
  close(): Promise<void>;
}

export async function startTap(target: string): Promise<Tap> {
  const frames: FrameInput[] = [];
  let seq = 0;
  let chosen = '';
  const record = (direction: 'in' | 'out', data: RawData, isBinary: boolean): void => {
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    frames.push(isBinary ? { seq: ++seq, direction, bytes: new Uint8Array(buf) } : { seq: ++seq, direction, text: buf.toString('utf8') });
  };
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] ?? false });
  wss.on('connection', (client, req) => {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const upstream = new WebSocket(target + (req.url ?? '/'), offered);
    const early: Array<[RawData, boolean]> = [];
    upstream.on('open', () => {
      chosen = upstream.protocol;
      for (const [d, b] of early.splice(0)) upstream.send(d, { binary: b });
    });
    client.on('message', (d, b) => {
      record('out', d, b);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(d, { binary: b });
      else early.push([d, b]);
    });
    upstream.on('message', (d, b) => {
      record('in', d, b);
      if (client.readyState === WebSocket.OPEN) client.send(d, { binary: b });
    });
    client.on('close', () => upstream.close());
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.terminate());
    client.on('error', () => upstream.terminate());
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const addr = wss.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `ws://127.0.0.1:${port}`,
    frames,
    protocol: () => chosen,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}

/** Waits until `cond` holds (polling), failing after `ms`. */
export async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Decodes every frame with a fresh decoder: the pure view of a connection. */
export function decodeAll(create: () => { push(f: FrameInput): unknown }, frames: readonly FrameInput[]): unknown[] {
  const d = create();
  return frames.map((f) => d.push(f));
}
