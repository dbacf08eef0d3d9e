// Two widgets on one page each keep their own WebSocket to the same URL; the topic is in the
// first message. The server numbers each topic separately (`seq`), and topic A is far ahead of B.
// Then the server restarts (1012, A's socket a little before B's) and both widgets reconnect
// after the same delay — A first, so "the most recently ended socket that nobody continued" is
// B's. The server continues each topic where it was: a healthy app, nothing above info.
import { html, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

/** Messages per topic before the restart; A is far ahead. */
export const BEFORE = { A: 300, B: 12 } as const;
export const AFTER = 3;
/** The server closes A's socket, then B's this much later. */
const STAGGER_MS = 20;
/** Both widgets reconnect this long after their socket closed. */
const RECONNECT_MS = 300;

const PAGE = page(`
const wsUrl = location.origin.replace('http', 'ws') + '/topics';
const got = { A: 0, B: 0 };
const want = { A: ${BEFORE.A + AFTER}, B: ${BEFORE.B + AFTER} };
function widget(topic) {
  const ws = new WebSocket(wsUrl);
  ws.onopen = () => { count(); ws.send(JSON.stringify({ subscribe: topic })); };
  ws.onmessage = () => {
    count();
    if (++got[topic] === want[topic] && got.A === want.A && got.B === want.B) window.scenario.done = true;
  };
  ws.onclose = () => { count(); setTimeout(() => widget(topic), ${RECONNECT_MS}); };
}
widget('A');
widget('B');
`);

export function startWidgetsServer(): Promise<TestServer> {
  const seq = { A: 0, B: 0 };
  const live = new Map<string, import('ws').WebSocket>();
  let restarted = false;
  return startServer({
    routes: { '/page.html': html(PAGE) },
    onSocket(ws) {
      ws.on('message', (raw) => {
        const topic = (JSON.parse(raw.toString()) as { subscribe: 'A' | 'B' }).subscribe;
        live.set(topic, ws);
        const n = restarted ? AFTER : BEFORE[topic];
        for (let i = 0; i < n; i++) ws.send(JSON.stringify({ topic, seq: ++seq[topic], price: 100 + ((i * 7) % 5) }));
        if (!restarted && live.size === 2 && seq.A === BEFORE.A && seq.B === BEFORE.B) {
          restarted = true;
          live.get('A')!.close(1012, 'restart');
          setTimeout(() => live.get('B')!.close(1012, 'restart'), STAGGER_MS);
        }
      });
    },
  });
}
