// HTML of the demo pages. Scripts are inline so the demo is one server with no build step.
// Everything the page shows is set with textContent: the data comes over the network.

const style = `
  body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; color: #1f2328; background: #f6f8fa; }
  h1 { font-size: 18px; margin: 0 0 12px; }
  main { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; }
  section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; min-width: 0; }
  h2 { font-size: 14px; margin: 0 0 6px; }
  ol { margin: 0; padding-left: 20px; max-height: 320px; overflow: auto; font: 12px ui-monospace, monospace; }
  .status { color: #57606a; font-size: 12px; margin-bottom: 6px; }
  iframe { width: 100%; height: 360px; border: 0; }
`;

// Shared by both pages: append a line to a list, keeping the last 50.
const logHelper = `
  function logTo(list, text) {
    const li = document.createElement('li');
    li.textContent = text;
    list.appendChild(li);
    while (list.children.length > 50) list.firstElementChild.remove();
    list.scrollTop = list.scrollHeight;
  }
`;

export function demoPage(opts: { sendEveryMs: number }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Realtime Inspector demo</title>
<style>${style}</style>
</head>
<body>
<h1>Realtime Inspector demo</h1>
<main>
  <section><h2>WebSocket chat</h2><div class="status" id="chat-status">connecting…</div><ol id="chat"></ol></section>
  <section><h2>Server-sent events</h2><div class="status" id="feed-status">connecting…</div><ol id="feed"></ol></section>
  <section><h2>iframe with its own WebSocket</h2><iframe src="/frame" title="ticker frame"></iframe></section>
  <section><h2>Quotes (WebSocket that drops)</h2><div class="status" id="quotes-status">connecting…</div><ol id="quotes"></ol></section>
  <section><h2>Alerts (server-sent events)</h2><div class="status" id="alerts-status">connecting…</div></section>
</main>
<script>
${logHelper}
  const chat = document.getElementById('chat');
  const chatStatus = document.getElementById('chat-status');
  const ws = new WebSocket(new URL('/chat', location.href.replace(/^http/, 'ws')));
  let sent = 0;
  ws.addEventListener('open', () => { chatStatus.textContent = 'open'; });
  ws.addEventListener('message', (e) => {
    logTo(chat, typeof e.data === 'string' ? '← ' + e.data : '← binary ' + e.data.size + ' bytes');
  });
  ws.addEventListener('close', (e) => { chatStatus.textContent = 'closed ' + e.code; });
  setInterval(() => {
    if (ws.readyState !== WebSocket.OPEN) return;
    sent += 1;
    const msg = JSON.stringify({ type: 'user', n: sent, t: Date.now(), text: 'hello #' + sent });
    ws.send(msg);
    logTo(chat, '→ ' + msg);
  }, ${opts.sendEveryMs});

  const feed = document.getElementById('feed');
  const feedStatus = document.getElementById('feed-status');
  const es = new EventSource('/events');
  es.addEventListener('open', () => { feedStatus.textContent = 'open'; });
  es.addEventListener('error', () => { feedStatus.textContent = es.readyState === EventSource.CONNECTING ? 'reconnecting…' : 'closed'; });
  es.onmessage = (e) => logTo(feed, '#' + e.lastEventId + ' ' + e.data);
  es.addEventListener('price', (e) => logTo(feed, '#' + e.lastEventId + ' price ' + JSON.parse(e.data).price));
  es.addEventListener('notice', (e) => logTo(feed, '#' + e.lastEventId + ' notice ' + JSON.parse(e.data).text));

  // Quotes: the server drops the first socket; reconnect after a pause (and miss some quotes).
  const quotes = document.getElementById('quotes');
  const quotesStatus = document.getElementById('quotes-status');
  function connectQuotes() {
    const q = new WebSocket(new URL('/quotes', location.href.replace(/^http/, 'ws')));
    q.addEventListener('open', () => { quotesStatus.textContent = 'open'; });
    q.addEventListener('message', (e) => { const m = JSON.parse(e.data); logTo(quotes, '#' + m.seq + ' ' + m.symbol + ' ' + m.bid); });
    q.addEventListener('close', (e) => { quotesStatus.textContent = 'closed ' + e.code + ', reconnecting…'; setTimeout(connectQuotes, 1500); });
  }
  connectQuotes();

  // Alerts: the server answers 503, so the browser gives up on the stream for good.
  const alerts = new EventSource('/alerts');
  const alertsStatus = document.getElementById('alerts-status');
  alerts.addEventListener('open', () => { alertsStatus.textContent = 'open'; });
  alerts.addEventListener('error', () => { alertsStatus.textContent = alerts.readyState === EventSource.CLOSED ? 'closed for good (the server answered an error)' : 'reconnecting…'; });
</script>
</body>
</html>`;
}

export function framePage(opts: { reconnectMs: number }): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ticker frame</title><style>${style} body { margin: 0; }</style></head>
<body>
<div class="status" id="status">connecting…</div><ol id="ticks"></ol>
<script>
${logHelper}
  const ticks = document.getElementById('ticks');
  const status = document.getElementById('status');
  function connect() {
    const ws = new WebSocket(new URL('/ticker', location.href.replace(/^http/, 'ws')));
    ws.onopen = () => { status.textContent = 'open'; };
    ws.onmessage = (e) => logTo(ticks, e.data);
    ws.onclose = (e) => {
      status.textContent = 'closed ' + e.code + ' ' + e.reason + ', reconnecting';
      setTimeout(connect, ${opts.reconnectMs});
    };
  }
  connect();
</script>
</body>
</html>`;
}
