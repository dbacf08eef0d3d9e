// Socket.IO in the real panel (Chromium DevTools): the socket.io client the server serves, against
// a socket.io server on 127.0.0.1, polling first then upgraded to WebSocket, with an ack, a binary
// attachment and a second namespace on the same socket. The list names events and acks, joins the
// attachment to its event, and "Hide heartbeats" hides exactly the engine.io pings, pongs and
// probes.

import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { launchInspectedBrowser, type InspectedBrowser } from '../src/recorder/index';
import { openChromiumPanel } from './harness/devtools-panel';
import { allRows } from './harness/message-rows';
import { waitFor } from './harness/waits';

// Everything after the upgrade, so it travels on the WebSocket; the page disconnects at the end
// so the counts are final.
const PAGE = `<!doctype html><meta charset="utf-8"><title>socket.io e2e</title><script src="/socket.io/socket.io.js"></script><script>
  window.state = { acked: null, uploaded: false, admin: false, pings: 0, done: false };
  const socket = io();
  socket.io.engine.on('upgrade', async () => {
    state.acked = await socket.emitWithAck('save', { id: 1 });
    socket.emit('upload', { name: 'a.bin' }, new Uint8Array([1, 2, 3, 4]));
    const admin = io('/admin');
    admin.on('hello', () => (state.admin = true));
    socket.io.engine.on('ping', () => {
      if (++state.pings === 3) { admin.disconnect(); socket.disconnect(); state.done = true; }
    });
  });
  socket.on('uploaded', () => (state.uploaded = true));
</script>`;

interface TestWindow {
  state: { acked: unknown; uploaded: boolean; admin: boolean; pings: number; done: boolean };
}

describe('Socket.IO in the Realtime panel (Chromium DevTools)', () => {
  let http: HttpServer;
  let io: Server;
  let ib: InspectedBrowser;
  let page: Page;
  let panel: Frame;

  beforeAll(async () => {
    http = createServer((req, res) => {
      if (req.url === '/app') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else if (!req.url?.startsWith('/socket.io/')) res.writeHead(404).end();
    });
    io = new Server(http, { pingInterval: 300, pingTimeout: 2000 });
    io.on('connection', (s) => {
      s.on('save', (_doc: unknown, ack: (r: unknown) => void) => ack({ ok: true }));
      s.on('upload', (_meta: unknown, buf: Buffer) => s.emit('uploaded', buf.length));
    });
    io.of('/admin').on('connection', (s) => s.emit('hello', 'admin'));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    ib = await launchInspectedBrowser({ browser: 'chromium', devtools: true });
    page = await ib.browser.newPage();
    await page.goto(`${origin}/app`);
    await page.waitForFunction(() => {
      const s = (window as unknown as TestWindow).state;
      return s.done && s.uploaded && s.admin && s.acked !== null;
    }, { timeout: 20_000 });
    panel = await openChromiumPanel(page, ib.extensionOrigin!);
    await panel.page().setViewport({ width: 1300, height: 900 });
    const row = '[data-testid="connection-row"][data-url*="/socket.io/"]';
    await panel.waitForSelector(row);
    await panel.click(row);
  });
  afterAll(async () => {
    await ib?.close();
    io?.close();
  });

  const matchCount = () => panel.$eval('[data-testid="match-count"]', (el) => ({ matches: Number(el.getAttribute('data-matches')), total: Number(el.getAttribute('data-total')), done: el.getAttribute('data-done') === 'true' }));
  const KEEPALIVE_RAW = new Set(['2', '3', '2probe', '3probe']);

  it('names events, acks and namespaces, and joins the binary attachment to its event', async () => {
    await waitFor(async () => (await panel.$eval('[data-testid="protocol"]', (el) => el.getAttribute('data-protocol')).catch(() => '')) === 'socket.io', 'the protocol badge');
    // The WebSocket's close is its last event: once the row before it is labelled, all are.
    await waitFor(async () => (await allRows(panel)).filter((r) => r.data !== '' && r.type === '' && !r.data.startsWith('close') && !r.data.startsWith('open')).length === 0, 'every frame labelled');
    const rows = await allRows(panel);
    const pairs = rows.map((r) => `${r.type}|${r.name}`);
    expect(pairs).toEqual(expect.arrayContaining(['ping probe|', 'pong probe|', 'upgrade|', 'EVENT|save', 'ACK|', 'BINARY_EVENT (part)|upload', 'BINARY_EVENT|upload', 'CONNECT|/admin', 'EVENT|hello']));
  });

  it('hides exactly the engine.io pings, pongs and probes', async () => {
    const rows = await allRows(panel);
    const keepalives = rows.filter((r) => KEEPALIVE_RAW.has(r.data)).length;
    expect(keepalives).toBeGreaterThanOrEqual(2 + 2 * 3); // the probes, and 3 pings with their pongs
    const before = await matchCount();
    await panel.$eval('[data-testid="hide-heartbeats"]', (el) => (el as HTMLElement).click());
    await waitFor(async () => (await matchCount()).done && (await matchCount()).matches < before.total, 'heartbeats hidden');
    expect(await panel.$eval('[data-testid="heartbeats-hidden"]', (el) => Number(el.getAttribute('data-count')))).toBe(keepalives);
    const shown = await allRows(panel);
    expect(shown.some((r) => KEEPALIVE_RAW.has(r.data))).toBe(false);
    expect(shown.length).toBe(before.total - keepalives);
    await panel.$eval('[data-testid="hide-heartbeats"]', (el) => (el as HTMLElement).click());
  });

  it('filters by event name (a substring): the placeholder packet, its attachment, and the reply event', async () => {
    await panel.$eval('[data-testid="message-name-filter"]', (el) => ((el as HTMLInputElement).value = ''));
    await panel.type('[data-testid="message-name-filter"]', 'upload');
    await waitFor(async () => (await matchCount()).done && (await matchCount()).matches === 3, 'the frames of the upload');
    const rows = await allRows(panel);
    expect(rows.map((r) => [r.type, r.name])).toEqual([
      ['BINARY_EVENT (part)', 'upload'],
      ['BINARY_EVENT', 'upload'],
      ['EVENT', 'uploaded'],
    ]);
  });
});
