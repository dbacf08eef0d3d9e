// The demo's server-sent events feed. Numbered ids, `retry: 2000`, plain `message` events with
// JSON data, and named `price` / `notice` events. It ends the response every `dropEvery`
// events so the browser reconnects by itself with Last-Event-ID, and resumes after that id.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SseFeedOptions {
  intervalMs: number;
  dropEvery: number;
  retryMs: number;
}

export interface SseEvent {
  id: number;
  event?: 'price' | 'notice';
  data: string;
}

/** The event with this id; ids decide the kind so that a resumed stream continues the pattern. */
export function feedEvent(id: number, now: number = Date.now()): SseEvent {
  if (id % 10 === 0) return { id, event: 'notice', data: JSON.stringify({ id, t: now, text: `notice #${id / 10}` }) };
  if (id % 3 === 0) {
    const price = Math.round((100 + 10 * Math.sin(id / 5)) * 100) / 100;
    return { id, event: 'price', data: JSON.stringify({ id, t: now, symbol: 'RTI', price }) };
  }
  return { id, data: JSON.stringify({ id, t: now, text: `update ${id}` }) };
}

export function formatSse(ev: SseEvent): string {
  return `${ev.event ? `event: ${ev.event}\n` : ''}id: ${ev.id}\ndata: ${ev.data}\n\n`;
}

/** Where to resume: after the Last-Event-ID the browser sent, or from 1. */
export function resumeAfter(req: IncomingMessage): number {
  const raw = req.headers['last-event-id'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && /^\d+$/.test(value) ? Number(value) : 0;
}

export function serveSseFeed(req: IncomingMessage, res: ServerResponse, opts: SseFeedOptions, track: (stop: () => void) => () => void): void {
  let lastId = resumeAfter(req);
  let sent = 0;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write(`retry: ${opts.retryMs}\n\n`);
  const stop = () => {
    clearInterval(timer);
    untrack();
    if (!res.writableEnded) res.end();
  };
  const timer = setInterval(() => {
    lastId += 1;
    sent += 1;
    res.write(formatSse(feedEvent(lastId)));
    if (sent >= opts.dropEvery) stop();
  }, opts.intervalMs);
  const untrack = track(stop);
  req.on('close', stop);
}
