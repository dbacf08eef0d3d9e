// Protocol-level findings end to end (Chromium and Firefox): real client libraries in the page (the
// socket.io client, @stomp/stompjs), real servers on 127.0.0.1 (socket.io; a small STOMP server
// written with stompjs's own Parser and FrameImpl), and the exported session log must carry
// unanswered-request, protocol-error and subscription-lost for the broken connections only,
// with the healthy ones of the same libraries beside them silent.

import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { Server } from 'socket.io';
import { FrameImpl, Parser } from '@stomp/stompjs';
import { UNANSWERED_REQUEST_MS } from '../src/analysis/thresholds';
import type { SessionLog } from '../src/contracts/session-log-format';
import { launchInspectedBrowser, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import { sessionLogErrors } from './harness/schema';
import { html, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';
import { ofKind, page as scenarioPage } from './scenarios/kit';

const SIO_JS = readFileSync(new URL('../node_modules/socket.io-client/dist/socket.io.min.js', import.meta.url), 'utf8');
const STOMP_JS = readFileSync(new URL('../node_modules/@stomp/stompjs/bundles/stomp.umd.min.js', import.meta.url), 'utf8');

/** A STOMP server (stompjs Parser in, FrameImpl out) that drops each client's first connection after it subscribed. */
function stompServer(): (ws: WebSocket, path: string) => void {
  const seen = new Set<string>();
  return (ws, path) => {
    const send = (command: string, headers: Record<string, string>, body = '') => ws.send(FrameImpl.marshall({ command, headers, body }) as string);
    const parser = new Parser((raw) => {
      const f = FrameImpl.fromRawFrame(raw, raw.command !== 'CONNECT');
      if (f.headers['receipt']) send('RECEIPT', { 'receipt-id': f.headers['receipt'] });
      if (f.command === 'CONNECT') send('CONNECTED', { version: '1.2', 'heart-beat': '0,0' });
      if (f.command === 'SUBSCRIBE') {
        send('MESSAGE', { subscription: f.headers['id']!, 'message-id': '1', destination: f.headers['destination']! }, 'first');
        // The first connection of each client is dropped once it has subscribed (a network cut).
        if (!seen.has(path)) {
          seen.add(path);
          setTimeout(() => ws.terminate(), 100);
        }
      }
    }, () => undefined);
    ws.on('message', (d) => parser.parseChunk(String(d)));
  };
}

describe.each<BrowserName>(['chromium', 'firefox'])('protocol findings in %s', (browserName) => {
  let http: HttpServer;
  let io: Server;
  let server: TestServer;
  let ib: InspectedBrowser;
  let log: SessionLog;

  beforeAll(async () => {
    http = createServer();
    // Pings every second keep the log's latest time moving while the unanswered ack waits.
    io = new Server(http, { pingInterval: 1000 });
    io.on('connection', (s) => {
      s.on('save', () => undefined); // takes the ack callback and never calls it
      s.on('load', (_q: unknown, ack: (r: unknown) => void) => ack({ ok: true }));
    });
    io.of('/locked').use((_s, next) => next(new Error('not allowed')));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const sio = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const onStomp = stompServer();
    // The broken STOMP client subscribes once, at start-up (not in onConnect): its reconnect
    // comes back without the subscription. The healthy one subscribes in onConnect, as it should.
    const PAGE = scenarioPage(`
      const s = window.scenario; s.acked = false; s.refused = false; s.bad = 0; s.good = 0;
      const broken = io('${sio}', { transports: ['websocket'], forceNew: true });
      const healthy = io('${sio}', { transports: ['websocket'], forceNew: true });
      broken.on('connect', () => broken.emit('save', { id: 1 }, () => undefined));
      healthy.on('connect', async () => { await healthy.emitWithAck('load', { id: 1 }); s.acked = true; });
      io('${sio}/locked', { transports: ['websocket'], forceNew: true }).on('connect_error', () => (s.refused = true));
      const stomp = (path, resubscribe, key) => {
        const c = new StompJs.Client({ brokerURL: location.origin.replace('http', 'ws') + path, reconnectDelay: 200, heartbeatIncoming: 0, heartbeatOutgoing: 0 });
        let first = true;
        c.onConnect = () => {
          s[key]++;
          if (first || resubscribe) c.subscribe('/topic/prices', () => undefined);
          first = false;
          if (s[key] === 2) setTimeout(() => c.deactivate(), 300);
        };
        c.activate();
      };
      stomp('/stomp-bad', false, 'bad');
      stomp('/stomp-good', true, 'good');
      // The unanswered ack must wait longer than UNANSWERED_REQUEST_MS while its socket is up.
      setTimeout(() => (s.done = s.acked && s.refused && s.bad === 2 && s.good === 2), ${UNANSWERED_REQUEST_MS + 1500});
    `);
    server = await startServer({
      routes: {
        // The libraries as their own scripts (inlined, the bundle's "$&" would be a replace pattern).
        '/page.html': html(PAGE.replace('<script>', () => '<script src="/sio.js"></script><script src="/stomp.js"></script><script>')),
        '/sio.js': (_req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(SIO_JS),
        '/stomp.js': (_req, res) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(STOMP_JS),
      },
      protocols: ['v12.stomp', 'v11.stomp', 'v10.stomp'],
      onSocket: (ws, req) => onStomp(ws, req.url ?? '/'),
    });
    ib = await launchInspectedBrowser({ browser: browserName });
    const p = await ib.browser.newPage();
    await p.goto(`${server.origin}/page.html`);
    await waitFor(() => p.evaluate(() => (window as unknown as { scenario: { done: boolean } }).scenario.done), 'the scenario', UNANSWERED_REQUEST_MS + 20_000, 200).catch(async (e: unknown) => {
      throw new Error(`${String(e)}: ${JSON.stringify(await p.evaluate(() => (window as unknown as { scenario: unknown }).scenario))}`);
    });
    const tabId = await ib.tabIdOf(p);
    // Exported once the four STOMP connections have ended and been stored.
    log = await waitFor(async () => {
      const l = await ib.exportSessionLog({ tabIds: [tabId] });
      const stompCloses = l.events.filter((e) => e.type === 'close' && l.connections.find((c) => c.id === e.connectionId)?.url.includes('/stomp-')).length;
      return stompCloses === 4 ? l : undefined;
    }, 'the STOMP connections to be stored', 20_000, 200);
    expect(sessionLogErrors(log)).toEqual([]);
  }, 60_000);
  afterAll(async () => {
    await ib?.close();
    await server?.close();
    io?.close();
  });

  const conns = (pred: (url: string) => boolean) => log.connections.filter((c) => pred(c.url)).map((c) => c.id);

  it('unanswered-request: the Socket.IO ack that never comes, not the one that does', () => {
    const found = ofKind(log, 'unanswered-request');
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence).toMatchObject({ protocol: 'socket.io', unanswered: 1, answered: 0, requests: [{ type: 'EVENT', name: 'save' }] });
    // The healthy socket answered its request: its connection has no such finding.
    const sio = conns((u) => u.includes('/socket.io/'));
    expect(sio.length).toBeGreaterThanOrEqual(3);
    expect(found[0]!.connectionIds).toHaveLength(1);
  });

  it('protocol-error: the namespace middleware refusing the connection', () => {
    const found = ofKind(log, 'protocol-error');
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence).toMatchObject({ protocol: 'socket.io', count: 1, errors: [{ type: 'CONNECT_ERROR', name: 'not allowed' }] });
  });

  it('subscription-lost: the STOMP client that reconnected without subscribing again, not the one that did', () => {
    const found = ofKind(log, 'subscription-lost');
    expect(found).toHaveLength(1);
    const bad = conns((u) => u.endsWith('/stomp-bad'));
    expect(bad).toHaveLength(2);
    expect(found[0]).toMatchObject({ connectionIds: bad, evidence: { protocol: 'stomp', count: 1, lost: [{ name: '/topic/prices' }] } });
  });
});
