// The demo's WebSocket endpoints: a chat-like bot (`/chat`) that talks every interval and echoes
// what the page sends, and a ticker (`/ticker`, used by the iframe) that closes with a private
// close code now and then so the frame shows a reconnect.
import type { WebSocket } from 'ws';

export interface BotOptions {
  intervalMs: number;
  /** Sequence numbers the chat bot never sends, as a server that drops messages would (an id gap to find). */
  skipSeqs?: readonly number[];
}

const lines = ['hello there', 'anything new?', 'still here', 'ping from the bot', 'how is it going?'];

export function runChatBot(ws: WebSocket, opts: BotOptions): void {
  let seq = 0;
  const skip = new Set(opts.skipSeqs ?? []);
  const next = () => {
    do seq += 1;
    while (skip.has(seq));
    return seq;
  };
  ws.send(JSON.stringify({ type: 'welcome', seq: next(), t: Date.now(), text: 'connected to the demo bot' }));
  const timer = setInterval(() => {
    const s = next();
    ws.send(JSON.stringify({ type: 'bot', seq: s, t: Date.now(), text: lines[s % lines.length] }));
    // Now and then a binary frame, so the panel's binary view has something to show.
    if (s % 10 === 0) ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef, s & 0xff, 0, 1, 2]));
  }, opts.intervalMs);
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? `<${(data as Buffer).length} bytes>` : data.toString();
    ws.send(JSON.stringify({ type: 'echo', seq: next(), t: Date.now(), echo: text }));
  });
  ws.on('close', () => clearInterval(timer));
}

export function runTicker(ws: WebSocket, opts: BotOptions & { closeAfter: number }): void {
  let tick = 0;
  const timer = setInterval(() => {
    tick += 1;
    ws.send(JSON.stringify({ type: 'tick', seq: tick, t: Date.now() }));
    if (tick >= opts.closeAfter) {
      clearInterval(timer);
      ws.close(4001, 'rotating ticker');
    }
  }, opts.intervalMs);
  ws.on('close', () => clearInterval(timer));
}

/**
 * The demo's quotes feed (`/quotes`), there to show what the product is for within one run: the
 * first connection drops without a close frame (1006) after `dropAfter` quotes, the page
 * reconnects, and the server continues `skip` sequence numbers further on — the classic missing
 * catch-up after a reconnect (an event-id-gap across the reconnect). Later connections stay up.
 */
export function runQuotes(ws: WebSocket, state: { seq: number; connections: number }, opts: BotOptions & { dropAfter: number; skip: number }): void {
  const first = ++state.connections === 1;
  if (!first) state.seq += opts.skip;
  let sent = 0;
  const timer = setInterval(() => {
    state.seq += 1;
    sent += 1;
    ws.send(JSON.stringify({ type: 'quote', seq: state.seq, t: Date.now(), symbol: 'RTI', bid: Math.round((99 + Math.sin(state.seq)) * 100) / 100 }));
    if (first && sent >= opts.dropAfter) {
      clearInterval(timer);
      ws.terminate();
    }
  }, opts.intervalMs);
  ws.on('close', () => clearInterval(timer));
}
