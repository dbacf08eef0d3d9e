// GraphQL over WebSocket in the real panel (Chromium DevTools): the graphql-ws client (its UMD
// bundle) in the page against graphql-ws's server on 127.0.0.1. The list names operations on
// every message of their id, "Hide heartbeats" hides exactly the ping/pong keep-alives, and the
// name filter shows one subscription's messages.

import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { buildSchema } from 'graphql/index.js'; // graphql-ws loads graphql's CommonJS build: so must the test
import { useServer } from 'graphql-ws/use/ws';
import { launchInspectedBrowser, type InspectedBrowser } from '../src/recorder/index';
import { openChromiumPanel } from './harness/devtools-panel';
import { allRows } from './harness/message-rows';
import { waitFor } from './harness/waits';

const CLIENT_JS = readFileSync(new URL('../node_modules/graphql-ws/umd/graphql-ws.min.js', import.meta.url), 'utf8');
const COUNT = 3;

const PAGE = `<!doctype html><meta charset="utf-8"><title>graphql-ws e2e</title><script src="/graphql-ws.js"></script><script>
  window.state = { next: 0, done: false, failed: false, pings: 0 };
  const client = graphqlWs.createClient({ url: 'ws://' + location.host + '/graphql', keepAlive: 200, lazy: false,
    on: { ping: (received) => { if (!received) state.pings++; } } });
  client.subscribe({ query: 'subscription OnCount { count(to: ${COUNT}) }' }, {
    next: () => state.next++,
    error: () => undefined,
    complete: () => client.subscribe({ query: '{ nope }' }, { next: () => undefined, complete: () => undefined, error: () => {
      state.failed = true;
      // A few keep-alive rounds, then the end: the counts are final.
      setTimeout(() => { client.dispose(); state.done = true; }, 700);
    } }),
  });
</script>`;

interface TestWindow {
  state: { next: number; done: boolean; failed: boolean; pings: number };
}

describe('GraphQL over WebSocket in the Realtime panel (Chromium DevTools)', () => {
  let http: HttpServer;
  let wss: WebSocketServer;
  let ib: InspectedBrowser;
  let page: Page;
  let panel: Frame;

  beforeAll(async () => {
    http = createServer((req, res) => {
      if (req.url === '/app') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else if (req.url === '/graphql-ws.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(CLIENT_JS);
      else res.writeHead(404).end();
    });
    wss = new WebSocketServer({ server: http, path: '/graphql' });
    const schema = buildSchema('type Query { hello: String } type Subscription { count(to: Int!): Int }');
    // Root-value resolvers take (args, context, info); each yielded event is the root of one result.
    const roots = { subscription: { count: async function* (args: { to: number }) { for (let i = 1; i <= args.to; i++) yield { count: i }; } } };
    useServer({ schema, roots }, wss);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    ib = await launchInspectedBrowser({ browser: 'chromium', devtools: true });
    page = await ib.browser.newPage();
    await page.goto(`${origin}/app`);
    await page.waitForFunction(() => (window as unknown as TestWindow).state.done, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as TestWindow).state.next)).toBe(COUNT);
    panel = await openChromiumPanel(page, ib.extensionOrigin!);
    await panel.page().setViewport({ width: 1300, height: 900 });
    const row = '[data-testid="connection-row"][data-url$="/graphql"]';
    await panel.waitForSelector(row);
    await panel.click(row);
  });
  afterAll(async () => {
    await ib?.close();
    wss?.close();
    http?.close();
  });

  const matchCount = () => panel.$eval('[data-testid="match-count"]', (el) => ({ matches: Number(el.getAttribute('data-matches')), total: Number(el.getAttribute('data-total')), done: el.getAttribute('data-done') === 'true' }));

  it('names the operation on each of its messages and shows the error', async () => {
    await waitFor(async () => (await panel.$eval('[data-testid="protocol"]', (el) => el.getAttribute('data-protocol')).catch(() => '')) === 'graphql-transport-ws', 'the protocol badge');
    await waitFor(async () => (await allRows(panel)).some((r) => r.type === 'error'), 'the error labelled');
    const rows = (await allRows(panel)).filter((r) => r.type !== '' && r.type !== 'ping' && r.type !== 'pong');
    expect(rows.map((r) => `${r.type}|${r.name}`)).toEqual([
      'connection_init|',
      'connection_ack|',
      'subscribe|OnCount',
      ...Array.from({ length: COUNT }, () => 'next|OnCount'),
      'complete|OnCount',
      'subscribe|nope',
      'error|nope',
    ]);
  });

  it('hides exactly the ping/pong keep-alives', async () => {
    const rows = await allRows(panel);
    const keepalives = rows.filter((r) => r.data === '{"type":"ping"}' || r.data === '{"type":"pong"}').length;
    expect(keepalives).toBeGreaterThanOrEqual(2);
    const before = await matchCount();
    await panel.$eval('[data-testid="hide-heartbeats"]', (el) => (el as HTMLElement).click());
    await waitFor(async () => (await matchCount()).done && (await matchCount()).matches < before.total, 'heartbeats hidden');
    expect(await panel.$eval('[data-testid="heartbeats-hidden"]', (el) => Number(el.getAttribute('data-count')))).toBe(keepalives);
    await panel.$eval('[data-testid="hide-heartbeats"]', (el) => (el as HTMLElement).click());
  });

  it('filters one subscription by its operation name', async () => {
    await panel.type('[data-testid="message-name-filter"]', 'OnCount');
    await waitFor(async () => (await matchCount()).done && (await matchCount()).matches === COUNT + 2, 'the subscription’s messages');
    expect((await allRows(panel)).map((r) => r.type)).toEqual(['subscribe', ...Array.from({ length: COUNT }, () => 'next'), 'complete']);
  });
});
