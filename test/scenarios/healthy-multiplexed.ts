// One WebSocket carrying two channels, each numbered by its own `offset`: prices ten times as
// often as news. Nothing is missing, duplicated or out of order within either channel, so the
// per-channel numbering must not read as one broken sequence: nothing above info.
import { html, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const MESSAGES = 80;

const PAGE = page(`
const ws = new WebSocket(location.origin.replace('http', 'ws') + '/mux');
let got = 0;
ws.onopen = () => { count(); ws.send(JSON.stringify({ subscribe: ['prices', 'news'] })); };
ws.onmessage = () => { count(); if (++got === ${MESSAGES}) ws.close(1000, 'done'); };
ws.onclose = () => { count(); window.scenario.done = true; };
`);

export function startMultiplexedServer(): Promise<TestServer> {
  return startServer({
    routes: { '/page.html': html(PAGE) },
    onSocket(ws) {
      ws.once('message', () => {
        // Each channel continues from where a long-running server would be.
        const offset = { prices: 5000, news: 120 };
        for (let i = 0; i < MESSAGES; i++) {
          const channel = i % 11 === 10 ? 'news' : 'prices';
          ws.send(JSON.stringify({ channel, offset: ++offset[channel], body: channel === 'news' ? `headline ${i}` : 100 + ((i * 37) % 11) / 4 }));
        }
      });
    },
  });
}
