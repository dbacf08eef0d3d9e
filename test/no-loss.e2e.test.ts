// Nothing captured is lost: a burst, a background restart mid-stream (Chromium stops idle service
// workers), and a reload mid-stream. Every check reads the exported log: all messages present,
// seq contiguous from 1, payloads in the order the server sent them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchInspectedBrowser, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import type { LogEvent, SessionLog } from '../src/contracts/session-log-format';
import { html, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';

const BURST = 20_000;

const PAGE = `<!doctype html><title>burst</title><script>
window.received = 0;
window.connect = (path) => new Promise((resolve) => {
  const ws = new WebSocket(location.origin.replace('http', 'ws') + path);
  ws.onmessage = () => { window.received++; };
  ws.onopen = () => resolve();
  window.ws = ws;
});
</script>`;

/** The server sends `count` numbered messages as fast as it can, on "go <count>". */
function burstServer(): Promise<TestServer> {
  return startServer({
    routes: { '/': html(PAGE) },
    onSocket(ws) {
      ws.on('message', (raw) => {
        const [cmd, arg] = String(raw).split(' ');
        if (cmd === 'go') {
          const n = Number(arg);
          for (let i = 1; i <= n; i++) ws.send(`{"n":${i},"pad":"${'x'.repeat(60)}"}`);
        } else if (cmd === 'slow') {
          // A steady stream, so a background restart lands in the middle of it.
          let i = 0;
          const n = Number(arg);
          const timer = setInterval(() => {
            for (let k = 0; k < 20 && i < n; k++) ws.send(`{"n":${++i}}`);
            if (i >= n) clearInterval(timer);
          }, 5);
          ws.on('close', () => clearInterval(timer));
        }
      });
    },
  });
}

function incoming(log: SessionLog, connectionId: string): LogEvent[] {
  return log.events.filter((e) => e.connectionId === connectionId && e.type === 'message' && e.direction === 'in');
}

function expectComplete(log: SessionLog, connectionId: string, n: number): void {
  const all = log.events.filter((e) => e.connectionId === connectionId);
  expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
  const ins = incoming(log, connectionId).map((e) => (JSON.parse(e.data!) as { n: number }).n);
  expect(ins.length).toBe(n);
  expect(ins.every((v, i) => v === i + 1)).toBe(true);
}

async function openPage(inspected: InspectedBrowser, server: TestServer, tag: string): Promise<Page> {
  const page = await inspected.browser.newPage();
  await page.goto(`${server.origin}/?${tag}`);
  return page;
}

describe.each<BrowserName>(['chromium', 'firefox'])('no loss in %s', (name) => {
  let server: TestServer;
  let inspected: InspectedBrowser;

  beforeAll(async () => {
    server = await burstServer();
    inspected = await launchInspectedBrowser({ browser: name });
  });
  afterAll(async () => {
    await inspected?.close();
    await server?.close();
  });

  it(`keeps all of a ${BURST}-message burst with contiguous seq`, async () => {
    const page = await openPage(inspected, server, 'burst');
    await page.evaluate(() => (window as unknown as { connect(p: string): Promise<void> }).connect('/burst'));
    await page.evaluate((n) => (window as unknown as { ws: WebSocket }).ws.send(`go ${n}`), BURST);
    await waitFor(() => page.evaluate(() => (window as unknown as { received: number }).received), 'first message');
    await waitFor(async () => (await page.evaluate(() => (window as unknown as { received: number }).received)) === BURST, 'the page to receive the burst');
    const tabId = await inspected.tabIdOf(page);
    const log = await inspected.exportSessionLog({ tabIds: [tabId] });
    const conn = log.connections.find((c) => c.url.endsWith('/burst'))!;
    expectComplete(log, conn.id, BURST);
    await page.close();
  });

  it('keeps both page loads when the page reloads mid-stream', async () => {
    const page = await openPage(inspected, server, 'reload');
    await page.evaluate(() => (window as unknown as { connect(p: string): Promise<void> }).connect('/first'));
    await page.evaluate(() => (window as unknown as { ws: WebSocket }).ws.send('slow 100000'));
    await waitFor(async () => (await page.evaluate(() => (window as unknown as { received: number }).received)) >= 500, 'the stream to be under way');
    const tabId = await inspected.tabIdOf(page);
    await page.reload();
    await page.evaluate(() => (window as unknown as { connect(p: string): Promise<void> }).connect('/second'));
    await page.evaluate(() => (window as unknown as { ws: WebSocket }).ws.send('go 100'));
    await waitFor(async () => (await page.evaluate(() => (window as unknown as { received: number }).received)) === 100, 'the second load to receive');
    const log = await inspected.exportSessionLog({ tabIds: [tabId] });
    expect(log.pages).toHaveLength(2);
    const first = log.connections.find((c) => c.url.endsWith('/first'))!;
    const second = log.connections.find((c) => c.url.endsWith('/second'))!;
    expect(first.pageId).toBe(log.pages[0]!.id);
    expect(second.pageId).toBe(log.pages[1]!.id);
    // The first load ended with the reload: the socket is not shown as open forever.
    expect(first.state).toBe('closed');
    const firstIn = incoming(log, first.id).map((e) => (JSON.parse(e.data!) as { n: number }).n);
    expect(firstIn.length).toBeGreaterThanOrEqual(500);
    expect(firstIn.every((v, i) => v === i + 1)).toBe(true);
    expectComplete(log, second.id, 100);
    await page.close();
  });

  if (name === 'chromium') it('loses nothing when the service worker is stopped mid-stream', async () => {
    const N = 20_000;
    const page = await openPage(inspected, server, 'restart');
    await page.evaluate(() => (window as unknown as { connect(p: string): Promise<void> }).connect('/restart'));
    await page.evaluate((n) => (window as unknown as { ws: WebSocket }).ws.send(`slow ${n}`), N);
    const received = () => page.evaluate(() => (window as unknown as { received: number }).received);
    await waitFor(async () => (await received()) >= 2000, 'the stream to be under way');
    const before = await inspected.status();
    await inspected.stopBackground();
    const atStop = await received();
    expect(atStop).toBeLessThan(N); // the stop really happened mid-stream
    await waitFor(async () => (await received()) === N, 'the page to receive the whole stream', 60_000);
    // A new background instance took over: the old one's memory really was lost.
    const after = await inspected.status();
    expect(after.instanceId).not.toBe(before.instanceId);
    const tabId = await inspected.tabIdOf(page);
    const log = await inspected.exportSessionLog({ tabIds: [tabId] });
    const conn = log.connections.find((c) => c.url.endsWith('/restart'))!;
    expectComplete(log, conn.id, N);
    await page.close();
  });
});
