// A realistic page for the panel's tests and screenshots: a chat WebSocket whose first connection
// the server drops without a close frame (1006) — the page reconnects and the second socket stays
// up and echoes what the page says — and a price feed over SSE whose ids jump from 3 to 7.
import { html, sseEvent, sseHeaders, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const FEED_IDS = [1, 2, 3, 7, 8, 9];

const PAGE = page(`
window.scenario.chatOpen = 0;
window.scenario.echoes = 0;
let chat;
function connect() {
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/chat');
  chat = ws;
  ws.onopen = () => { count(); window.scenario.chatOpen++; ws.send(JSON.stringify({ type: 'hello', user: 'ada' })); };
  ws.onmessage = (e) => {
    count();
    const m = JSON.parse(e.data);
    if (m.type === 'welcome') window.scenario.welcomed = true;
    if (m.type === 'echo') window.scenario.echoes++;
    window.scenario.done = !!window.scenario.welcomed && window.scenario.feedDone === true;
  };
  ws.onclose = () => { count(); if (window.scenario.chatOpen < 2) setTimeout(connect, 150); };
}
connect();
const feed = new EventSource('/feed');
feed.onopen = count;
feed.onmessage = (e) => {
  count();
  if (e.lastEventId === '${FEED_IDS.at(-1)}') window.scenario.feedDone = true;
  window.scenario.done = !!window.scenario.welcomed && window.scenario.feedDone === true;
};
/** Says n chat lines; resolves when all n echoes came back. */
window.say = (n) => {
  const want = window.scenario.echoes + n;
  for (let i = 1; i <= n; i++) chat.send(JSON.stringify({ type: 'say', text: 'line ' + i, at: Date.now() }));
  return new Promise((r) => { const check = () => window.scenario.echoes >= want ? r(true) : setTimeout(check, 10); check(); });
};
/** Opens one more WebSocket (a second room) and resolves once it is open. */
window.openRoom = (name) => new Promise((r) => { const ws = new WebSocket(location.origin.replace('http', 'ws') + '/chat?room=' + name); ws.onopen = r; });
`);

export function startChatAndFeedServer(): Promise<TestServer> {
  let sockets = 0;
  return startServer({
    routes: {
      '/app': html(PAGE),
      '/feed': (_req, res) => {
        sseHeaders(res);
        for (const id of FEED_IDS) res.write(sseEvent({ id: String(id), data: JSON.stringify({ symbol: 'ACME', price: 100 + id / 10 }) }));
      },
    },
    onSocket(ws, req) {
      const first = ++sockets === 1;
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as { type: string; text?: string };
        if (m.type === 'hello' && first) {
          ws.send(JSON.stringify({ type: 'history', messages: [{ user: 'bob', text: 'hi' }, { user: 'eve', text: 'hello' }] }));
          // Drop the first connection without a close frame: the browser reports 1006.
          setTimeout(() => ws.terminate(), 100);
        } else if (m.type === 'hello') ws.send(JSON.stringify({ type: 'welcome', room: new URL(req.url ?? '/', 'http://x').searchParams.get('room') ?? 'lobby' }));
        else if (m.type === 'say') ws.send(JSON.stringify({ type: 'echo', text: m.text }));
      });
    },
  });
}
