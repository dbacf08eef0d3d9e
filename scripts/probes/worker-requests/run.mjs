// Which webRequest fields tell a connection opened in a dedicated Worker or a SharedWorker from
// one opened by the page, and which events give its open and close times (issue 14, part 3).
// Usage: node scripts/probes/worker-requests/run.mjs chromium|firefox
import http from 'node:http';
import puppeteer from 'puppeteer-core';
import { WebSocketServer } from 'ws';

const name = process.argv[2] ?? 'chromium';
const log = [];
const t0 = Date.now();
const workerJs = (from) => `
const send = (m) => (self.postMessage ? self.postMessage(m) : ports.forEach((p) => p.postMessage(m)));
const ports = [];
self.onconnect = (e) => { ports.push(e.ports[0]); start(); };
let started = false;
function start() {
  if (started) return; started = true;
  const ws = new WebSocket('ws://' + location.host + '/ws?from=${from}');
  ws.onmessage = () => setTimeout(() => { ws.close(); send('ws closed'); }, 300);
  const es = new EventSource('/sse?from=${from}');
  es.onmessage = () => setTimeout(() => { es.close(); send('es closed'); }, 300);
  fetch('/fetch-sse?from=${from}').then((r) => r.text()).then(() => send('fetch done'));
}
if (typeof self.postMessage === 'function') start(); // a dedicated worker; a SharedWorker starts on connect
`;
const page = `<!doctype html><script>
window.got = [];
const w = new Worker('/dw.js'); w.onmessage = (e) => got.push('dw ' + e.data);
const s = new SharedWorker('/shw.js'); s.port.onmessage = (e) => got.push('shw ' + e.data); s.port.start();
const ws = new WebSocket('ws://' + location.host + '/ws?from=page');
ws.onmessage = () => setTimeout(() => { ws.close(); got.push('page ws closed'); }, 300);
</script>`;
const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  if (u.pathname === '/log') {
    let b = '';
    req.on('data', (c) => (b += c)).on('end', () => { log.push({ at: Date.now() - t0, ...JSON.parse(b) }); res.end(); });
    return;
  }
  if (u.pathname === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  if (u.pathname === '/dw.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(workerJs('dw'));
  if (u.pathname === '/shw.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(workerJs('shw'));
  if (u.pathname === '/sse') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const t = setInterval(() => res.write('data: hi\n\n'), 100);
    res.on('close', () => { clearInterval(t); log.push({ at: Date.now() - t0, server: 'sse closed ' + u.search }); });
    return;
  }
  if (u.pathname === '/fetch-sse') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: 1\n\n');
    setTimeout(() => res.end('data: 2\n\n'), 200);
    return;
  }
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => { ws.send('hello'); ws.on('close', () => log.push({ at: Date.now() - t0, server: 'ws closed ' + req.url })); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const browser = await puppeteer.launch(name === 'chromium'
  ? { browser: 'chrome', executablePath: '/usr/bin/chromium', headless: true, pipe: true, enableExtensions: true, args: ['--no-sandbox'] }
  : { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
try {
  await browser.installExtension(new URL('./ext', import.meta.url).pathname);
  await new Promise((r) => setTimeout(r, 1000)); // the background registers its listeners
  const p = await browser.newPage();
  await p.goto(`http://127.0.0.1:${port}/`);
  await p.waitForFunction(() => window.got.length >= 7, { timeout: 15000 }).catch(() => {});
  console.log('page saw', await p.evaluate(() => window.got));
  await new Promise((r) => setTimeout(r, 1000));
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
}
for (const l of log.sort((a, b) => a.at - b.at)) console.log(JSON.stringify(l));
