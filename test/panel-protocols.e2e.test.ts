// Protocols in the real panel (Chromium DevTools): MQTT.js (its browser bundle) against the
// aedes broker on 127.0.0.1. The list shows each frame's packet type and topic, "Hide
// heartbeats" hides exactly the PINGREQ/PINGRESP frames and never a piece of another packet
// (aedes writes packets in pieces), the type/name filters find the PUBLISH frames of a topic,
// and the detail pane shows the decoded packet with the raw bytes one click away.

import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebSocketStream } from 'ws';
import { Aedes } from 'aedes';
import { decodeFrames } from '../src/protocols/registry';
import { SETTINGS_KEY } from '../src/contracts/settings';
import type { FrameInput } from '../src/protocols/types';
import { launchInspectedBrowser, type InspectedBrowser } from '../src/recorder/index';
import { openChromiumPanel } from './harness/devtools-panel';
import { allRows } from './harness/message-rows';
import { html, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';

// MQTT.js's own browser bundle (its exports map does not expose dist/, so by path).
const MQTT_JS = readFileSync(new URL('../node_modules/mqtt/dist/mqtt.min.js', import.meta.url), 'utf8');
const PUBLISHES = 3;

// keepalive 1 s: MQTT.js sends PINGREQ after a second without packets. The page ends the client
// after two PINGRESPs, so the counts below are final.
const PAGE = `<!doctype html><meta charset="utf-8"><title>mqtt e2e</title><script src="/mqtt.js"></script><script>
  window.got = 0; window.pingreq = 0; window.pingresp = 0; window.ended = false;
  const client = mqtt.connect('ws://' + location.host + '/mqtt', { keepalive: 1, reconnectPeriod: 0, clientId: 'e2e-client' });
  client.on('packetsend', (p) => { if (p.cmd === 'pingreq') window.pingreq++; });
  client.on('packetreceive', (p) => {
    if (p.cmd === 'pingresp' && ++window.pingresp === 2) client.end(false, {}, () => (window.ended = true));
  });
  client.on('message', () => window.got++);
  client.on('connect', () => client.subscribe('room/1', { qos: 1 }, () => {
    for (let i = 0; i < ${PUBLISHES}; i++) client.publish('room/1', JSON.stringify({ n: i }), { qos: 1 });
  }));
</script>`;

interface TestWindow {
  got: number;
  pingreq: number;
  pingresp: number;
  ended: boolean;
}

describe('MQTT in the Realtime panel (Chromium DevTools)', () => {
  let server: TestServer;
  let broker: Aedes;
  let ib: InspectedBrowser;
  let page: Page;
  let panel: Frame;
  let pings = 0;
  const frames: { in: FrameInput[]; out: FrameInput[] } = { in: [], out: [] };

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server = await startServer({
      routes: { '/app': html(PAGE), '/mqtt.js': (_req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(MQTT_JS) },
      protocols: ['mqtt'],
      onSocket: (ws, req) => {
        if (!req.url?.startsWith('/mqtt')) return;
        // The frames as the broker saw them, per direction, to check the panel against.
        ws.on('message', (d: Buffer) => frames.out.push({ seq: frames.out.length + 1, direction: 'out', bytes: new Uint8Array(d) }));
        const send = ws.send.bind(ws);
        ws.send = ((data: Buffer, ...rest: unknown[]) => {
          frames.in.push({ seq: frames.in.length + 1, direction: 'in', bytes: new Uint8Array(data) });
          return (send as (...a: unknown[]) => void)(data, ...rest);
        }) as typeof ws.send;
        broker.handle(createWebSocketStream(ws), req);
      },
    });
    ib = await launchInspectedBrowser({ browser: 'chromium', devtools: true });
    page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app`);
    await page.waitForFunction((n: number) => {
      const w = window as unknown as TestWindow;
      return w.got >= n && w.ended;
    }, { timeout: 20_000 }, PUBLISHES);
    const counts = await page.evaluate(() => [(window as unknown as TestWindow).pingreq, (window as unknown as TestWindow).pingresp]);
    pings = counts[0]! + counts[1]!;
    panel = await openChromiumPanel(page, ib.extensionOrigin!);
    await panel.page().setViewport({ width: 1300, height: 900 });
    const url = `${server.wsOrigin}/mqtt`;
    await panel.waitForSelector(`[data-testid="connection-row"][data-url="${url}"]`);
    await panel.click(`[data-testid="connection-row"][data-url="${url}"]`);
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
    await new Promise<void>((r) => (broker ? broker.close(() => r()) : r()));
  });

  const matchCount = () => panel.$eval('[data-testid="match-count"]', (el) => ({ matches: Number(el.getAttribute('data-matches')), total: Number(el.getAttribute('data-total')), done: el.getAttribute('data-done') === 'true' }));
  const typedRows = () => allRows(panel);
  const click = (selector: string) => panel.$eval(selector, (el) => (el as HTMLElement).click());

  it('says the connection is MQTT and shows packet types and topics', async () => {
    await waitFor(async () => (await panel.$eval('[data-testid="protocol"]', (el) => el.getAttribute('data-protocol')).catch(() => '')) === 'mqtt', 'the protocol badge');
    // The client's DISCONNECT is its last frame: labelled, the labelling scan has read them all.
    await waitFor(async () => (await panel.$$eval('[data-testid="message-type"]', (els) => els.map((e) => e.textContent))).includes('DISCONNECT'), 'the last frame labelled');
    const rows = await typedRows();
    const types = rows.map((r) => r.type.replace(/ \+\d+$/, ''));
    expect(types).toEqual(expect.arrayContaining(['CONNECT', 'CONNACK', 'SUBSCRIBE', 'SUBACK', 'PUBLISH', 'PUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT']));
    expect(rows.filter((r) => r.type === 'SUBSCRIBE').map((r) => r.name)).toEqual(['room/1']);
    // Every message frame is labelled (only open and close rows have none).
    expect(rows.filter((r) => r.type === '').length).toBe(2);
  });

  it('hides exactly the PINGREQ and PINGRESP frames', async () => {
    expect(pings).toBeGreaterThanOrEqual(3);
    const before = await matchCount();
    await click('[data-testid="hide-heartbeats"]');
    await waitFor(async () => (await matchCount()).done && (await matchCount()).matches < before.total, 'heartbeats hidden');
    expect(await panel.$eval('[data-testid="heartbeats-hidden"]', (el) => Number(el.getAttribute('data-count')))).toBe(pings);
    expect((await matchCount()).matches).toBe(before.total - pings);
    const rows = await typedRows();
    expect(rows.some((r) => r.type === 'PINGREQ' || r.type === 'PINGRESP')).toBe(false);
    // The pieces aedes wrote (one-byte frames among them) are all still there.
    expect(rows.filter((r) => r.type.endsWith('(part)')).length).toBeGreaterThan(0);
    await click('[data-testid="hide-heartbeats"]');
    await waitFor(async () => (await matchCount()).matches === before.total || !(await panel.$('[data-testid="heartbeats-hidden"]')), 'the filter off');
  });

  it('filters by packet type and topic, and shows the decoded packet in the detail pane', async () => {
    // Set, not typed on top of what a failed first try left (the suite retries once).
    for (const [sel, value] of [['message-type-filter', 'PUBLISH'], ['message-name-filter', 'room/1']] as const) {
      await panel.$eval(`[data-testid="${sel}"]`, (el) => ((el as HTMLInputElement).value = ''));
      await panel.type(`[data-testid="${sel}"]`, value);
    }
    // The frames that complete a PUBLISH on room/1, by the frames the broker saw (3 sent by the
    // client, 3 delivered back; aedes may put a PUBACK and PUBLISHes in one frame).
    const decoded = [frames.out, frames.in].map((d) => decodeFrames('mqtt', d).filter((x) => x.messages.some((m) => m.type === 'PUBLISH' && m.name === 'room/1')).length);
    const expected = decoded.reduce((a, b) => a + b, 0);
    expect(expected).toBeGreaterThanOrEqual(2);
    await waitFor(async () => (await matchCount()).done && (await matchCount()).matches === expected, 'the PUBLISH frames');
    const rows = await typedRows();
    expect(rows.every((r) => r.type.startsWith('PUBLISH') || / \+\d+$/.test(r.type))).toBe(true);
    const single = rows.find((r) => r.type === 'PUBLISH')!;
    await click(`[data-testid="message-row"][data-seq="${single.seq}"]`);
    const view = await panel.waitForSelector('[data-testid="decoded-view"]');
    const text = await view!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('"PUBLISH"');
    expect(text).toContain('"room/1"');
    // Raw stays one click away.
    await click('[data-testid="detail-view-hex"]');
    await panel.waitForSelector('[data-testid="message-detail"] .hex-view, [data-testid="message-detail"] [data-testid="hex-view"]');
  });

  it('follows a protocol override from the settings: "off" shows the connection raw, at once', async () => {
    const url = `${server.wsOrigin}/mqtt`;
    // The filters of the test before cleared: they would keep their inputs shown.
    for (const sel of ['message-type-filter', 'message-name-filter']) {
      await panel.$eval(`[data-testid="${sel}"]`, (el) => {
        (el as HTMLInputElement).value = '';
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
    await panel.waitForSelector('[data-testid="message-type"]');
    // As the options page saves it (settings in storage.local); the open panel follows the change.
    await panel.evaluate(async (key: string, pattern: string) => {
      const storage = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local;
      await storage.set({ [key]: { version: 1, protocolOverrides: [{ urlPattern: pattern, path: null }] } });
    }, SETTINGS_KEY, url);
    await waitFor(async () => (await panel.$('[data-testid="protocol"]')) === null && (await panel.$('[data-testid="message-type"]')) === null, 'the connection shown raw');
  });
});

// Firefox: the toolbox's panel DOM is out of reach (panel.e2e.test.ts), so the panel page is
// opened as an extension tab (`panel.html?tabId=N`, same code and build): the decoders load in
// Firefox's filter worker and classify the same way.
describe('MQTT in the Realtime panel page in Firefox', () => {
  let server: TestServer;
  let broker: Aedes;
  let ib: InspectedBrowser;

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server = await startServer({
      routes: { '/app': html(PAGE), '/mqtt.js': (_req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(MQTT_JS) },
      protocols: ['mqtt'],
      onSocket: (ws, req) => {
        if (req.url?.startsWith('/mqtt')) broker.handle(createWebSocketStream(ws), req);
      },
    });
    ib = await launchInspectedBrowser({ browser: 'firefox' });
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
    await new Promise<void>((r) => (broker ? broker.close(() => r()) : r()));
  });

  it('labels packets and hides exactly the PINGREQ/PINGRESP frames', async () => {
    const page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app`);
    await waitFor(() => page.evaluate(() => (window as unknown as TestWindow).ended && (window as unknown as TestWindow).got >= 3), 'the MQTT session to end');
    const [req, resp] = await page.evaluate(() => [(window as unknown as TestWindow).pingreq, (window as unknown as TestWindow).pingresp]);
    const tabId = await ib.tabIdOf(page);
    const panelPage = await ib.browser.newPage();
    // Firefox may never resolve a navigation to moz-extension:// over BiDi: start it and poll.
    panelPage.goto(`${ib.extensionOrigin!}/src/panel/panel.html?tabId=${tabId}`).catch(() => {});
    const inPanel = <T>(what: string, fn: () => T) => waitFor(() => panelPage.evaluate(fn), what);
    await inPanel('the connection row', () => {
      document.querySelector<HTMLElement>('[data-testid="connection-row"]')?.click();
      return document.querySelector('[data-testid="protocol"]')?.getAttribute('data-protocol') === 'mqtt';
    });
    await inPanel('the DISCONNECT labelled', () => [...document.querySelectorAll('[data-testid="message-type"]')].some((e) => e.textContent === 'DISCONNECT'));
    await panelPage.evaluate(() => document.querySelector<HTMLElement>('[data-testid="hide-heartbeats"]')!.click());
    const hidden = await inPanel('heartbeats hidden', () => {
      const c = document.querySelector('[data-testid="match-count"]');
      const h = document.querySelector('[data-testid="heartbeats-hidden"]');
      return c?.getAttribute('data-done') === 'true' && h ? Number(h.getAttribute('data-count')) : 0;
    });
    expect(hidden).toBe(req! + resp!);
  });
});
