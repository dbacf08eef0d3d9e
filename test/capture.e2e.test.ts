// Capture, end to end, in both browsers: a scripted page with text and binary both ways, SSE with
// ids and a named event, an iframe with its own socket, and a server-initiated close 4001 "bye".
// The expected log is derived from the scenario below (what the page and server do), and the
// recorded log must match it exactly, event for event, and validate against the JSON Schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchInspectedBrowser, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import type { LogEvent, SessionLog } from '../src/contracts/session-log-format';
import { sessionLogErrors } from './harness/schema';
import { html, sseEvent, sseHeaders, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';

const b64 = (bytes: number[] | string) => Buffer.from(typeof bytes === 'string' ? bytes : Uint8Array.from(bytes)).toString('base64');

// The SSE stream: `untracked` is a named type nobody listens to, so it is invisible to the hook.
const SSE = [
  { id: '1', data: 'one' },
  { id: '2', event: 'tick', data: 'two' },
  { id: '3', data: 'three\nlines' },
  { id: '4', event: 'untracked', data: 'invisible' },
  { id: '5', data: 'five' },
  // No id: field: the stream's last event ID stays '5' (HTML: the last event ID buffer), which
  // the hook does not send again and the background restores.
  { event: 'tick', data: 'six' },
  { data: 'seven' },
];

const PAGE = `<!doctype html><title>capture</title><body>
<iframe id="f" src="/frame.html"></iframe>
<script>
window.state = { ws: false, es: false };
const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo', ['chat', 'other']);
ws.binaryType = 'arraybuffer';
ws.onopen = () => {
  ws.send('hello');
  ws.send(new Uint8Array([1, 2, 3]).buffer);
  ws.send(new Uint8Array([9, 8, 7, 6]).subarray(1, 3));
  ws.send(new Blob(['blob!']));
};
ws.onclose = () => { window.state.ws = true; };
const es = new EventSource('/sse');
es.addEventListener('tick', () => {});
es.onmessage = (e) => { if (e.data === 'seven') { es.close(); window.state.es = true; } };
</script></body>`;

const FRAME = `<!doctype html><title>frame</title><script>
const ws = new WebSocket(location.origin.replace('http', 'ws') + '/frame-ws');
ws.onopen = () => ws.send('from-frame');
ws.onmessage = (e) => { if (e.data instanceof Blob) parent.frameDone = true; };
</script>`;

type Expected = Array<Partial<LogEvent>>;

const MAIN_WS: Expected = [
  { type: 'open', protocol: 'chat', extensions: '', size: 0 },
  { type: 'message', direction: 'out', data: 'hello', size: 5 },
  { type: 'message', direction: 'out', data: b64([1, 2, 3]), binary: true, size: 3 },
  { type: 'message', direction: 'out', data: b64([8, 7]), binary: true, size: 2 },
  { type: 'message', direction: 'out', data: b64('blob!'), binary: true, size: 5 },
  { type: 'message', direction: 'in', data: 'hello', size: 5 },
  { type: 'message', direction: 'in', data: b64([1, 2, 3]), binary: true, size: 3 },
  { type: 'message', direction: 'in', data: b64([8, 7]), binary: true, size: 2 },
  { type: 'message', direction: 'in', data: b64('blob!'), binary: true, size: 5 },
  { type: 'close', code: 4001, reason: 'bye', wasClean: true, size: 0 },
];

const FRAME_WS: Expected = [
  { type: 'open', protocol: '', extensions: '', size: 0 },
  { type: 'message', direction: 'out', data: 'from-frame', size: 10 },
  { type: 'message', direction: 'in', data: b64([0xff, 0x00]), binary: true, size: 2 },
];

const SSE_EVENTS: Expected = [
  { type: 'open', size: 0 },
  ...SSE.filter((e) => e.event !== 'untracked').map((e) => ({
    type: 'message' as const,
    direction: 'in' as const,
    eventType: e.event ?? 'message',
    lastEventId: SSE.slice(0, SSE.indexOf(e) + 1).reduce((last, x) => x.id ?? last, ''),
    data: e.data,
    size: Buffer.byteLength(e.data),
  })),
];

/** The fields the scenario determines (times, ids and bufferedAmount are checked separately). */
function comparable(ev: LogEvent): Partial<LogEvent> {
  const { connectionId: _c, seq: _s, t: _t, bufferedAmount: _b, origin: _o, ...rest } = ev;
  return rest;
}

async function startScenarioServer(): Promise<TestServer> {
  return startServer({
    protocols: ['chat'],
    routes: {
      '/page.html': html(PAGE),
      '/frame.html': html(FRAME),
      '/sse': (_req, res) => {
        sseHeaders(res);
        for (const e of SSE) res.write(sseEvent(e));
      },
    },
    onSocket(ws, req) {
      if (req.url?.startsWith('/frame-ws')) {
        ws.send(Buffer.from([0xff, 0x00]));
        return;
      }
      let n = 0;
      ws.on('message', (data, isBinary) => {
        ws.send(data, { binary: isBinary });
        if (++n === 4) ws.close(4001, 'bye');
      });
    },
  });
}

describe.each<BrowserName>(['chromium', 'firefox'])('capture in %s', (name) => {
  let server: TestServer;
  let inspected: InspectedBrowser;
  let log: SessionLog;
  let tabId: number;
  let pageUrl: string;

  beforeAll(async () => {
    server = await startScenarioServer();
    inspected = await launchInspectedBrowser({ browser: name });
    const page = await inspected.browser.newPage();
    pageUrl = `${server.origin}/page.html`;
    await page.goto(pageUrl);
    await waitFor(() => page.evaluate(() => {
      const w = window as unknown as { state: { ws: boolean; es: boolean }; frameDone?: boolean };
      return w.state.ws && w.state.es && w.frameDone === true;
    }), 'the scenario to finish');
    tabId = await inspected.tabIdOf(page);
    // Everything the page did is over; the export must contain all of it.
    await waitFor(async () => {
      log = await inspected.exportSessionLog({ tabIds: [tabId] });
      return log.events.length >= MAIN_WS.length + FRAME_WS.length + SSE_EVENTS.length;
    }, 'all events to be stored', 20_000, 200);
  });

  afterAll(async () => {
    await inspected?.close();
    await server?.close();
  });

  it('carries records over structured-clone messaging (Chromium: the manifest key is active)', async () => {
    // Every relay's hello probes the serialization: an ArrayBuffer arrives as one only under
    // structured clone. Chromium uses JSON unless the manifest's message_serialization works.
    const { serialization } = await inspected.status();
    expect(serialization['structured-clone']).toBeGreaterThanOrEqual(2); // the page and its iframe
    expect(serialization.json).toBe(0);
  });

  it('validates against the JSON Schema', () => {
    expect(sessionLogErrors(log)).toEqual([]);
    expect(log.format).toBe('realtime-inspector.session-log');
    expect(log.producer.browser).toMatch(name === 'chromium' ? /^Chromium \d+/ : /^Firefox \d+/);
  });

  it('finds nothing wrong with this healthy traffic, and puts every connection in a lineage', () => {
    expect(log.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    for (const c of log.connections) expect(c.attempt).toBe(1);
  });

  it('counts every message of a connection in its 1-s rate buckets', () => {
    for (const c of log.connections) {
      const events = log.events.filter((e) => e.connectionId === c.id && e.type === 'message');
      const rates = c.stats?.rates ?? [];
      expect(rates.reduce((n, b) => n + b.messagesIn, 0)).toBe(events.filter((e) => e.direction === 'in').length);
      expect(rates.reduce((n, b) => n + b.messagesOut, 0)).toBe(events.filter((e) => e.direction === 'out').length);
      expect(rates.reduce((n, b) => n + b.bytesIn + b.bytesOut, 0)).toBe(events.reduce((n, e) => n + e.size, 0));
    }
  });

  it('has one page load for the tab', () => {
    expect(log.pages).toHaveLength(1);
    expect(log.pages[0]).toMatchObject({ tabId, url: pageUrl });
  });

  it('records the three connections with their frames', () => {
    const byUrl = Object.fromEntries(log.connections.map((c) => [c.url, c]));
    expect(Object.keys(byUrl).sort()).toEqual([`${server.origin}/sse`, `${server.wsOrigin}/echo`, `${server.wsOrigin}/frame-ws`].sort());
    expect(byUrl[`${server.wsOrigin}/echo`]).toMatchObject({
      kind: 'websocket', origin: server.wsOrigin, frameUrl: pageUrl, protocol: 'chat', requestedProtocols: ['chat', 'other'],
      close: { code: 4001, reason: 'bye', wasClean: true }, state: 'closed',
    });
    expect(byUrl[`${server.wsOrigin}/frame-ws`]).toMatchObject({ kind: 'websocket', frameUrl: `${server.origin}/frame.html` });
    expect(byUrl[`${server.origin}/sse`]).toMatchObject({ kind: 'eventsource', frameUrl: pageUrl, listenedTypes: ['tick'], state: 'closed' });
    expect(byUrl[`${server.origin}/sse`]!.closeCall).toBeDefined();
    for (const c of log.connections) {
      expect(c.pageId).toBe(log.pages[0]!.id);
      expect(c.stack).toMatch(/page\.html|frame\.html/);
    }
  });

  it('records every event, in order, with contiguous seq and exactly the expected fields', () => {
    const conn = (url: string) => log.connections.find((c) => c.url === url)!;
    const eventsOf = (url: string) => log.events.filter((e) => e.connectionId === conn(url).id);
    const cases: Array<[string, Expected]> = [
      [`${server.wsOrigin}/echo`, MAIN_WS],
      [`${server.wsOrigin}/frame-ws`, FRAME_WS],
      [`${server.origin}/sse`, SSE_EVENTS],
    ];
    for (const [url, expected] of cases) {
      const events = eventsOf(url);
      expect(events.map((e) => e.seq)).toEqual(expected.map((_, i) => i + 1));
      expect(events.map(comparable)).toEqual(expected);
      for (let i = 1; i < events.length; i++) expect(events[i]!.t).toBeGreaterThanOrEqual(events[i - 1]!.t - 1);
    }
    for (const e of eventsOf(`${server.wsOrigin}/echo`)) {
      if (e.direction === 'out') expect(Number.isInteger(e.bufferedAmount)).toBe(true);
    }
    for (const e of eventsOf(`${server.origin}/sse`)) if (e.type === 'message') expect(e.origin).toBe(server.origin);
  });
});
