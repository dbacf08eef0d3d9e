// The "Realtime" DevTools panel, in the real DevTools of both browsers: it shows the inspected
// tab's connections only, their messages live, survives a background restart (Chromium: service
// worker stopped; Firefox: event page unloaded), pages old events, and exports.
// Chromium: the panel is a frame of the DevTools page (handleDevToolsAsPage), full DOM access.
// Firefox: the toolbox has no automation API; we drive it with privileged script and read the
// panel's document title, which the panel keeps as "Realtime · N connections · M messages".

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { GECKO_ID, launchInspectedBrowser, type InspectedBrowser } from '../src/recorder/index';
import type { SessionLog } from '../src/contracts/session-log-format';
import { openChromiumPanel } from './harness/devtools-panel';
import { allRows, rowsSettled, visibleRows } from './harness/message-rows';

// ---------------------------------------------------------------------------------------------
// A WebSocket echo + SSE server on 127.0.0.1, and a page that opens one of each.
// ---------------------------------------------------------------------------------------------

const PAGE = `<!doctype html><meta charset="utf-8"><title>panel e2e</title><script>
  const tag = new URLSearchParams(location.search).get('tab');
  const ws = new WebSocket('ws://' + location.host + '/echo?tab=' + tag);
  const es = new EventSource('/sse?tab=' + tag);
  es.addEventListener('tick', () => {});
  window.echoed = [];
  ws.addEventListener('message', (e) => window.echoed.push(typeof e.data === 'string' ? e.data : 'binary'));
  ws.binaryType = 'arraybuffer';
  window.ready = Promise.all([
    new Promise((r) => ws.addEventListener('open', r, { once: true })),
    new Promise((r) => es.addEventListener('tick', r, { once: true })),
  ]);
  window.send = (prefix, n) => { for (let i = 1; i <= n; i++) ws.send(prefix + i); };
  window.sendBinary = () => ws.send(new Uint8Array([1, 2, 3]));
  /** Resolves when the server echoed n more messages than now. */
  window.echoes = (n) => { const want = window.echoed.length + n;
    return new Promise((r) => { const check = () => window.echoed.length >= want ? r(true) : setTimeout(check, 10); check(); }); };
</script>`;

interface TestWindow {
  ready: Promise<unknown>;
  echoed: string[];
  send(prefix: string, n: number): void;
  sendBinary(): void;
  echoes(n: number): Promise<boolean>;
}

interface TestServer {
  origin: string;
  host: string;
  /** Sends one `tick` event (with an id) to the SSE streams of a tab tag. */
  tick(tag: string): void;
  close(): Promise<void>;
}

async function startServer(): Promise<TestServer> {
  const streams = new Map<string, ServerResponse[]>();
  let nextId = 1;
  const tickTo = (res: ServerResponse) => res.write(`event: tick\nid: ${nextId}\ndata: tick ${nextId++}\n\n`);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const tag = url.searchParams.get('tab') ?? '';
    if (url.pathname === '/app') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else if (url.pathname === '/sse') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      streams.set(tag, [...(streams.get(tag) ?? []), res]);
      tickTo(res); // the page's `ready` waits for the first one
    } else {
      res.writeHead(404).end();
    }
  });
  const wss = new WebSocketServer({ server, path: '/echo' });
  wss.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin: `http://${host}`,
    host,
    tick: (tag) => streams.get(tag)?.forEach(tickTo),
    async close() {
      for (const list of streams.values()) for (const res of list) res.end();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Opens /app?tab=<tag> in a new tab and waits until its WebSocket and EventSource are open. */
async function openApp(ib: InspectedBrowser, server: TestServer, tag: string): Promise<Page> {
  const page = await ib.browser.newPage();
  await page.goto(`${server.origin}/app?tab=${tag}`);
  await page.evaluate(() => (window as unknown as TestWindow).ready);
  return page;
}

/** Sends n text messages and waits for their echoes, so the page's own view is settled. */
async function sendAndWait(page: Page, prefix: string, n: number): Promise<void> {
  await page.evaluate(
    (p, count) => {
      const w = window as unknown as TestWindow;
      const done = w.echoes(count);
      w.send(p, count);
      return done;
    },
    prefix,
    n,
  );
}

/** Retries `fn` until it returns a value (not undefined); for APIs that are not ready at once. */
async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms (last error: ${String(lastError)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const messageCount = (log: SessionLog, tabId: number) => {
  const ids = new Set(log.connections.filter((c) => c.tabId === tabId || log.pages.some((p) => p.id === c.pageId && p.tabId === tabId)).map((c) => c.id));
  return log.events.filter((e) => e.type === 'message' && ids.has(e.connectionId)).length;
};

// ---------------------------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------------------------


describe('Realtime panel in Chromium DevTools', () => {
  let server: TestServer;
  let ib: InspectedBrowser;
  let downloads: string;

  beforeAll(async () => {
    server = await startServer();
    ib = await launchInspectedBrowser({ browser: 'chromium', devtools: true });
    downloads = mkdtempSync(join(tmpdir(), 'ri-panel-downloads-'));
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('shows only this tab, streams messages live, survives a service worker restart, and exports', async () => {
    const origin = ib.extensionOrigin!;
    const page = await openApp(ib, server, 'A');
    await sendAndWait(page, 'before-', 3);
    // Another tab with its own connections, recorded for sure (so their absence is the panel's doing).
    const other = await openApp(ib, server, 'B');
    await sendAndWait(other, 'other-', 2);
    const [tabA, tabB] = [await ib.tabIdOf(page), await ib.tabIdOf(other)];
    const otherLog = await ib.exportSessionLog({ tabIds: [tabB] });
    expect(otherLog.connections.map((c) => c.url)).toContain(`ws://${server.host}/echo?tab=B`);

    const panel = await openChromiumPanel(page, origin);
    const wsUrl = `ws://${server.host}/echo?tab=A`;
    const sseUrl = `${server.origin}/sse?tab=A`;
    await panel.waitForFunction(
      (urls: string[]) => urls.every((u) => document.querySelector(`[data-testid="connection-row"][data-url="${u}"]`)),
      {},
      [wsUrl, sseUrl],
    );

    // Select the WebSocket: what was sent before the panel opened is read from IndexedDB.
    await panel.click(`[data-testid="connection-row"][data-url="${wsUrl}"]`);
    await panel.waitForFunction(() => [...document.querySelectorAll('[data-testid="message-data"]')].filter((td) => td.textContent === 'before-3').length === 2);
    expect(await panel.$eval(`[data-testid="connection-row"][data-url="${wsUrl}"]`, (tr) => tr.getAttribute('aria-selected'))).toBe('true');

    // Live: new messages appear without any re-read, in order, with directions and binary sizes.
    await sendAndWait(page, 'live-', 5);
    await page.evaluate(() => {
      const w = window as unknown as TestWindow;
      const done = w.echoes(1);
      w.sendBinary();
      return done;
    });
    await panel.waitForFunction(() => [...document.querySelectorAll('[data-testid="message-data"]')].filter((td) => td.textContent === 'binary 3 bytes').length === 2);
    // The list is virtual (only rows in view exist): read it all by scrolling through it.
    const rows = await allRows(panel);
    // Never a hole: seq runs 1, 2, 3 … (the open event is seq 1).
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.data === 'live-5').map((r) => r.dir)).toEqual(['↑', '↓']);
    // The page's own view of what it received is the panel's "received" list.
    const echoed = await page.evaluate(() => (window as unknown as TestWindow).echoed);
    expect(rows.filter((r) => r.dir === '↓').map((r) => (r.data === 'binary 3 bytes' ? 'binary' : r.data))).toEqual(echoed);

    // The other tab keeps sending: nothing of it reaches this panel.
    await sendAndWait(other, 'other-live-', 3);
    await sendAndWait(page, 'marker-', 1);
    await panel.waitForFunction(() => [...document.querySelectorAll('[data-testid="message-data"]')].some((td) => td.textContent === 'marker-1'));
    const urls = await panel.$$eval('[data-testid="connection-row"]', (trs) => trs.map((tr) => tr.getAttribute('data-url')));
    expect(urls.sort()).toEqual([sseUrl, wsUrl].sort());

    // SSE: event name and id per message, live.
    await panel.click(`[data-testid="connection-row"][data-url="${sseUrl}"]`);
    await panel.waitForFunction(() => document.querySelectorAll('[data-testid="message-row"].msg-message').length >= 1);
    server.tick('A');
    server.tick('B');
    server.tick('A');
    await panel.waitForFunction(() => document.querySelectorAll('[data-testid="message-row"].msg-message').length >= 3);
    const sse = await panel.$$eval('[data-testid="message-row"].msg-message', (rows) =>
      rows.map((r) => [r.querySelector('.sse')?.textContent, r.querySelector('.sse-id')?.textContent, r.querySelector('[data-testid="message-data"]')?.textContent]),
    );
    expect(sse).toHaveLength(3);
    for (const [name, id, data] of sse) expect([name, id]).toEqual(['tick', /^tick (\d+)$/.exec(data ?? '')?.[1]]);

    // Stop the service worker: the panel's port drops, comes back, and stays live.
    await panel.click(`[data-testid="connection-row"][data-url="${wsUrl}"]`);
    await panel.waitForFunction(() => [...document.querySelectorAll('[data-testid="message-data"]')].some((td) => td.textContent === 'marker-1'));
    const sw = await ib.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(origin));
    await (await sw.worker())!.close();
    await panel.waitForFunction(() => document.querySelector('[data-testid="port-status"]')?.getAttribute('data-reconnects') === '1');
    await sendAndWait(page, 'after-restart-', 2);
    await panel.waitForFunction(() => [...document.querySelectorAll('[data-testid="message-data"]')].filter((td) => td.textContent === 'after-restart-2').length === 2);

    // Scale: a re-selected connection shows its end at once, with only the rows in view in the
    // DOM; any other part is read from IndexedDB by seq range when scrolled to.
    await sendAndWait(page, 'bulk-', 600);
    await panel.click(`[data-testid="connection-row"][data-url="${sseUrl}"]`);
    await panel.click(`[data-testid="connection-row"][data-url="${wsUrl}"]`);
    // The page sent all 600 before the first echo came back: the last event is the echo of bulk-600.
    await panel.waitForFunction(() => [...document.querySelectorAll('[data-testid="message-data"]')].at(-1)?.textContent === 'bulk-600');
    const total = Number(await panel.$eval('[data-testid="message-list"]', (el) => el.getAttribute('data-count')));
    expect(total).toBeGreaterThan(1200);
    expect((await visibleRows(panel)).at(-1)!.seq).toBe(total);
    expect(await panel.$$eval('[data-testid="message-row"]', (r) => r.length)).toBeLessThan(100);
    await panel.$eval('.messages-scroll', (el) => (el.scrollTop = 0));
    await rowsSettled(panel);
    const top = (await visibleRows(panel)).map((r) => r.seq);
    expect(top[0]).toBe(1);
    expect(top).toEqual(top.map((_, i) => i + 1));

    // Export: a real download (Blob URL + <a download>) of this tab's log.
    const cdp = await ib.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
    const completed = new Promise<void>((resolve) =>
      cdp.on('Browser.downloadProgress', (e) => {
        if (e.state === 'completed') resolve();
      }),
    );
    await panel.click('[data-testid="export-button"]'); // opens the Export menu (defaults: session log, this tab)
    await panel.click('[data-testid="export-download"]');
    await completed;
    const files = readdirSync(downloads).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^realtime-session-tab${tabA}-`));
    const exported = JSON.parse(readFileSync(join(downloads, files[0]!), 'utf8')) as SessionLog;
    expect(await panel.evaluate(() => window.__riLastExport)).toEqual(exported);

    expect(exported.format).toBe('realtime-inspector.session-log');
    expect(exported.pages.every((p) => p.tabId === tabA)).toBe(true);
    expect(exported.connections.map((c) => c.url).sort()).toEqual([sseUrl, wsUrl].sort());
    // Same data as the recorder's own export of this tab (taken later, so it may only have more).
    const reference = await ib.exportSessionLog({ tabIds: [tabA] });
    expect(exported.connections.map((c) => c.id).sort()).toEqual(reference.connections.map((c) => c.id).sort());
    const key = (e: { connectionId: string; seq: number }) => `${e.connectionId}#${e.seq}`;
    const referenceEvents = new Map(reference.events.map((e) => [key(e), e]));
    for (const e of exported.events) expect(referenceEvents.get(key(e))).toEqual(e);
    const wsId = exported.connections.find((c) => c.url === wsUrl)!.id;
    const received = exported.events.filter((e) => e.connectionId === wsId && e.type === 'message' && e.direction === 'in');
    expect(received.map((e) => (e.binary ? 'binary' : e.data))).toEqual(await page.evaluate(() => (window as unknown as TestWindow).echoed));
    expect(messageCount(exported, tabA)).toBe(messageCount(reference, tabA));
  });
});

// ---------------------------------------------------------------------------------------------
// Firefox
// ---------------------------------------------------------------------------------------------

/**
 * Runs an expression in Firefox's browser window (chrome://browser/content/browser.xhtml), with
 * chrome privileges, over the raw WebDriver BiDi connection of puppeteer's Firefox browser.
 * Needs --remote-allow-system-access (the recorder passes it). FIREFOX INTERNALS: `moz:scope`
 * is a Mozilla extension to browsingContext.getTree; gDevTools / toolbox are DevTools' own
 * modules (devtools/client/framework), not a stable API.
 */
async function inFirefoxChrome(ib: InspectedBrowser, expression: string): Promise<unknown> {
  type Send = (method: string, params: object) => Promise<{ result: Record<string, unknown> }>;
  const connection = (ib.browser as unknown as { connection: { send: Send } }).connection;
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as { contexts: { context: string; url: string }[] };
  const win = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!win) throw new Error('no Firefox browser window');
  const { result } = await connection.send('script.evaluate', { expression, target: { context: win.context }, awaitPromise: true });
  if (result.type !== 'success') throw new Error(`chrome script failed: ${JSON.stringify(result.exceptionDetails ?? result)}`);
  return (result.result as { value?: unknown }).value;
}

/** Chrome-scope prelude: DevTools' module loader and the tab showing `url`. */
const toolboxPrelude = (url: string) => `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === ${JSON.stringify(url)});
  if (!tab) throw new Error('no tab for ' + ${JSON.stringify(url)});`;

/** Opens the toolbox for the tab, selects our panel once the devtools_page registered it. */
async function openFirefoxPanel(ib: InspectedBrowser, url: string): Promise<void> {
  // Our devtools_page runs after the toolbox opens and then adds the panel ("Realtime").
  let seen: unknown;
  await poll('the Realtime panel was not registered in the Firefox toolbox', async () => {
    seen = await inFirefoxChrome(ib, `(async () => { ${toolboxPrelude(url)}
      gBrowser.selectedTab = tab;
      const toolbox = gDevTools.getToolboxForTab(tab) ?? (await gDevTools.showToolboxForTab(tab));
      const tool = toolbox.getAdditionalTools().find((t) => t.label === 'Realtime');
      if (!tool) return 'tools: ' + toolbox.getAdditionalTools().map((t) => t.label).join();
      await toolbox.selectTool(tool.id);
      return true; })()`);
    return seen === true ? true : undefined;
  }).catch((error: unknown) => {
    throw new Error(`${String(error)}; last state: ${String(seen)}`);
  });
}

/** The panel page's document title, read through its <browser> in the toolbox. */
function firefoxPanelTitle(ib: InspectedBrowser, url: string): Promise<unknown> {
  return inFirefoxChrome(ib, `(() => { ${toolboxPrelude(url)}
    const toolbox = gDevTools.getToolboxForTab(tab);
    const tool = toolbox?.getAdditionalTools().find((t) => t.label === 'Realtime');
    const frame = tool && toolbox.doc.getElementById('toolbox-panel-iframe-' + tool.id);
    const browser = frame?.contentDocument?.querySelector('browser');
    return browser?.browsingContext?.currentWindowGlobal?.documentTitle ?? null; })()`);
}

describe('Realtime panel in Firefox DevTools', () => {
  let server: TestServer;
  let ib: InspectedBrowser;

  beforeAll(async () => {
    server = await startServer();
    ib = await launchInspectedBrowser({ browser: 'firefox' });
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
  });

  it('loads in the toolbox and counts this tab’s connections and messages live', async () => {
    const page = await openApp(ib, server, 'A');
    await sendAndWait(page, 'before-', 2);
    const other = await openApp(ib, server, 'B'); // must not be counted
    await sendAndWait(other, 'other-', 4);
    const tabA = await ib.tabIdOf(page); // opens the recorder's exporter tab now, not behind the toolbox later
    const url = page.url();
    await openFirefoxPanel(ib, url);

    // Expected numbers come from the real run (the recorder's export), not from constants.
    const expectTitle = async () => {
      const log = await ib.exportSessionLog({ tabIds: [tabA] });
      expect(log.connections).toHaveLength(2);
      const want = `Realtime · 2 connections · ${messageCount(log, tabA)} messages`;
      // Plain evaluate-in-a-loop: waitForFunction across Firefox process swaps flaked about one run in ten.
      // `poll` builds its message before it starts, so the last title seen is kept here.
      let lastTitle: unknown;
      await poll(`the panel title did not become "${want}"`, async () => {
        lastTitle = await firefoxPanelTitle(ib, url);
        return lastTitle === want ? true : undefined;
      }).catch(async (error: unknown) => {
        const again = await ib.exportSessionLog({ tabIds: [tabA] }).catch(() => null);
        const now = again ? `${again.connections.length} connections · ${messageCount(again, tabA)} messages` : 'export failed';
        throw new Error(`${String(error)}; last title seen: ${JSON.stringify(lastTitle)}; a fresh export now has ${now}`);
      });
      return messageCount(log, tabA);
    };
    const before = await expectTitle();
    await sendAndWait(page, 'live-', 3);
    await sendAndWait(other, 'other-live-', 3);
    const after = await expectTitle();
    expect(after).toBe(before + 6);

    // Unload the event page (what Firefox does when it is idle): the panel's port drops and must
    // come back, or the title never moves again (the panel reads IndexedDB only on (re)connect).
    const state = await inFirefoxChrome(ib, `(async () => {
      const extension = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension;
      await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
      return extension.backgroundState; })()`);
    expect(state).toBe('stopped');
    await sendAndWait(page, 'after-unload-', 2);
    expect(await expectTitle()).toBe(after + 4);
  });
});
