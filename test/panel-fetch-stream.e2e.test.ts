// A streamed fetch response in the Realtime panel (Chromium DevTools): the connection is listed
// with its kind, its details say method, status, content type, body format and who ended it, and
// its message list shows each SSE event, the raw chunks and the end, as stored.
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchInspectedBrowser, type InspectedBrowser } from '../src/recorder/index';
import type { SessionLog } from '../src/contracts/session-log-format';
import { openChromiumPanel } from './harness/devtools-panel';
import { html, sseEvent, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';

const EVENTS = [{ data: '{"delta":"Hi"}' }, { event: 'usage', id: '7', data: '{"tokens":2}' }, { data: '[DONE]' }];

const PAGE = `<!doctype html><title>chat</title><script>
window.done = (async () => {
  const res = await fetch('/v1/chat', { method: 'POST', body: '{"prompt":"hi"}' });
  const reader = res.body.getReader();
  for (;;) if ((await reader.read()).done) break;
  return true;
})();
</script>`;

describe('a fetch stream in the Realtime panel (Chromium DevTools)', () => {
  let server: TestServer;
  let ib: InspectedBrowser;
  let panel: Frame;
  let log: SessionLog;

  beforeAll(async () => {
    server = await startServer({
      routes: {
        '/app': html(PAGE),
        '/v1/chat': (req, res) => {
          req.resume();
          req.on('end', async () => {
            res.writeHead(200, { 'content-type': 'text/event-stream' });
            for (const e of EVENTS) {
              res.write(sseEvent(e));
              await new Promise((r) => setTimeout(r, 30));
            }
            res.end();
          });
        },
      },
    });
    ib = await launchInspectedBrowser({ browser: 'chromium', devtools: true });
    const page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app`);
    await page.evaluate(() => (window as unknown as { done: Promise<boolean> }).done);
    const tabId = await ib.tabIdOf(page);
    await waitFor(async () => {
      log = await ib.exportSessionLog({ tabIds: [tabId] });
      return log.connections.some((c) => c.streamEnd);
    }, 'the stream to be stored');
    panel = await openChromiumPanel(page, ib.extensionOrigin!);
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
  });

  it('lists the connection, shows its request, body and end, and its events', async () => {
    const c = log.connections[0]!;
    const row = `[data-testid="connection-row"][data-connection-id="${c.id}"]`;
    await panel.waitForSelector(row);
    expect(await panel.$eval(`${row} td.kind`, (td) => td.textContent)).toBe('FETCH');
    await panel.click(row);
    await panel.waitForSelector('[data-testid="fetch-stream-request"]');
    expect(await panel.$eval('[data-testid="fetch-stream-request"]', (d) => d.textContent)).toMatch(/^POST · 200 OK · text\/event-stream/);
    expect(await panel.$eval('[data-testid="fetch-stream-body"]', (d) => d.textContent)).toMatch(/server-sent events · 3 records in \d+ chunks? · ended by the server at /);
    const events = log.events.filter((e) => e.connectionId === c.id);
    await panel.waitForFunction((n: number) => document.querySelectorAll('[data-testid="message-row"]').length === n, {}, events.length);
    const rows = await panel.$$eval('[data-testid="message-row"]', (trs) => trs.map((tr) => tr.textContent ?? ''));
    for (const e of EVENTS) expect(rows.some((r) => r.includes(e.data) && (e.event === undefined || r.includes(e.event)))).toBe(true);
    expect(rows.some((r) => r.includes('chunk'))).toBe(true);
    expect(rows.at(-1)).toContain('end · ended by the server');
  });
});
