import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { buildSchema } from 'graphql/index.js'; // graphql-ws loads graphql's CommonJS build: so must the test
import { createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { FrameImpl } from '@stomp/stompjs';
import { runDetector } from '../shared-analysis';
import { Scenario, type ConnBuilder } from '../test-scenario';
import { RESUBSCRIBE_GRACE_MS, UNANSWERED_REQUEST_MS } from '../thresholds';
import { startTap, until } from '../../protocols/test-tap';
import type { FrameInput } from '../../protocols/types';
import { detectProtocolErrors } from './protocol-error';
import { detectSubscriptionsLost } from './subscription-lost';
import { detectUnansweredRequests } from './unanswered-request';

/** Recorded frames as a connection of a scenario, STEP ms apart from `t0`. */
function replay(c: ConnBuilder, frames: readonly FrameInput[], t0: number, step = 100): number {
  let t = t0;
  for (const f of frames) {
    t += step;
    const data = f.text ?? Buffer.from(f.bytes!).toString('base64');
    const extra = f.bytes ? { binary: true as const, size: f.bytes.length } : {};
    if (f.direction === 'out') c.send(t, data);
    else c.recv(t, data, extra);
  }
  return t;
}

async function socketIoFrames(ack: boolean): Promise<FrameInput[]> {
  const http = createServer();
  const server = new Server(http);
  // The handler takes the ack callback and, in the broken case, never calls it.
  server.on('connection', (s) => s.on('save', (_doc: unknown, cb: (r: unknown) => void) => (ack ? cb({ ok: true }) : undefined)));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const tap = await startTap(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
  const client = connect(tap.url, { transports: ['websocket'], forceNew: true });
  await until(() => client.connected);
  client.emit('save', { id: 1 }, () => undefined);
  client.emit('save', { id: 2 }, () => undefined);
  await until(() => tap.frames.filter((f) => f.direction === 'out' && f.text?.startsWith('42')).length === 2);
  await new Promise((r) => setTimeout(r, 100));
  const frames = tap.frames.slice();
  client.close();
  await tap.close();
  server.close();
  return frames;
}

describe('unanswered-request', () => {
  it('reports Socket.IO acks that never come (a real server whose handler never acks)', async () => {
    const s = new Scenario();
    const c = s.ws('a', 0, { url: 'ws://127.0.0.1:9000/socket.io/?EIO=4&transport=websocket' }).open(10);
    const last = replay(c, await socketIoFrames(false), 10);
    const found = runDetector(detectUnansweredRequests, s.input({ now: last + UNANSWERED_REQUEST_MS + 1 }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'unanswered-request', severity: 'warning', evidence: { protocol: 'socket.io', unanswered: 2, answered: 0 } });
    expect(found[0]!.message).toMatch(/^2 Socket\.IO requests on .* never got an answer, first EVENT “save” \(id 0\)\.$/);
  });

  it('is silent when the same library acks, and while the wait is still short', async () => {
    const s = new Scenario();
    const c = s.ws('a', 0, { url: 'ws://127.0.0.1:9000/socket.io/?EIO=4&transport=websocket' }).open(10);
    const last = replay(c, await socketIoFrames(true), 10);
    expect(runDetector(detectUnansweredRequests, s.input({ now: last + UNANSWERED_REQUEST_MS * 10 }))).toEqual([]);
    const t = new Scenario();
    const d = t.ws('a', 0, { url: 'ws://127.0.0.1:9000/socket.io/?EIO=4&transport=websocket' }).open(10);
    const end = replay(d, await socketIoFrames(false), 10);
    expect(runDetector(detectUnansweredRequests, t.input({ now: end + UNANSWERED_REQUEST_MS - 1000 }))).toEqual([]);
  });

  it('pairs JSON-RPC answers and gives their latency, MQTT-style id reuse included', () => {
    const s = new Scenario();
    const c = s.ws('a', 0, { url: 'wss://node.example/ws' }).open(10);
    c.send(100, '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber"}');
    c.recv(150, '{"jsonrpc":"2.0","id":1,"result":"0x1"}');
    c.send(200, '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}'); // id reused after its answer
    c.recv(450, '{"jsonrpc":"2.0","id":1,"result":"0x1"}');
    c.send(500, '{"jsonrpc":"2.0","id":2,"method":"eth_getLogs"}');
    const found = runDetector(detectUnansweredRequests, s.input({ now: 500 + UNANSWERED_REQUEST_MS }));
    expect(found[0]?.evidence).toMatchObject({ unanswered: 1, answered: 2, latencyMs: { p50: 250, max: 250 }, requests: [{ type: 'request', id: '2', name: 'eth_getLogs' }] });
  });
});

async function graphqlFrames(query: string): Promise<FrameInput[]> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  useServer({ schema: buildSchema('type Query { hello: String }'), roots: { query: { hello: () => 'world' } } }, wss);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const tap = await startTap(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
  const client = createClient({ url: `${tap.url}/graphql`, webSocketImpl: WebSocket, lazy: false });
  await new Promise<void>((resolve) => client.subscribe({ query }, { next: () => undefined, error: () => resolve(), complete: () => resolve() }));
  const frames = tap.frames.slice();
  await client.dispose();
  await tap.close();
  wss.close();
  http.close();
  return frames;
}

describe('protocol-error', () => {
  it('reports a GraphQL error message from the real graphql-ws server, and not a healthy query', async () => {
    const bad = new Scenario();
    replay(bad.ws('a', 0, { url: 'ws://127.0.0.1:9000/graphql', protocol: 'graphql-transport-ws' }).open(10), await graphqlFrames('{ nope }'), 10);
    const found = runDetector(detectProtocolErrors, bad.input());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'protocol-error', evidence: { protocol: 'graphql-transport-ws', count: 1, errors: [{ type: 'error' }] } });
    const good = new Scenario();
    replay(good.ws('a', 0, { url: 'ws://127.0.0.1:9000/graphql', protocol: 'graphql-transport-ws' }).open(10), await graphqlFrames('{ hello }'), 10);
    expect(runDetector(detectProtocolErrors, good.input())).toEqual([]);
  });

  it('groups STOMP ERROR frames by message, and ignores what the page sends', () => {
    const s = new Scenario();
    const c = s.ws('a', 0, { protocol: 'v12.stomp' }).open(10);
    const frame = (command: string, headers: Record<string, string>) => FrameImpl.marshall({ command, headers }) as string;
    c.send(20, frame('CONNECT', { 'accept-version': '1.2', host: 'h' }));
    c.recv(30, frame('CONNECTED', { version: '1.2' }));
    c.recv(40, frame('ERROR', { message: 'access denied' }));
    c.recv(50, frame('ERROR', { message: 'access denied' }));
    const found = runDetector(detectProtocolErrors, s.input());
    expect(found[0]!.message).toBe('The server of WebSocket ws://127.0.0.1:9000/ws answered with 2 STOMP errors: ERROR “access denied” ×2.');
  });
});

describe('subscription-lost', () => {
  const stompFrame = (command: string, headers: Record<string, string>) => FrameImpl.marshall({ command, headers }) as string;
  /** A STOMP session that subscribes to `topics` (and unsubscribes from `dropped`). */
  function session(c: ConnBuilder, t: number, topics: string[], dropped: string[] = []): void {
    c.send(t + 1, stompFrame('CONNECT', { 'accept-version': '1.2', host: 'h' }));
    c.recv(t + 2, stompFrame('CONNECTED', { version: '1.2' }));
    topics.forEach((d, i) => c.send(t + 10 + i, stompFrame('SUBSCRIBE', { id: `sub-${i}`, destination: d })));
    dropped.forEach((d) => c.send(t + 50, stompFrame('UNSUBSCRIBE', { id: `sub-${topics.indexOf(d)}` })));
  }

  it('reports topics active before the drop that the new connection never subscribed to again', () => {
    const s = new Scenario();
    const a = s.ws('a', 0, { protocol: 'v12.stomp' }).open(10);
    session(a, 10, ['/topic/a', '/topic/b', '/topic/c'], ['/topic/c']);
    a.close(5000, 1006);
    const b = s.ws('b', 6000, { protocol: 'v12.stomp' }).open(6010);
    session(b, 6010, ['/topic/a']);
    const found = runDetector(detectSubscriptionsLost, s.input({ now: 6010 + RESUBSCRIBE_GRACE_MS + 1 }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'subscription-lost', connectionIds: ['a', 'b'], evidence: { count: 1, lost: [{ name: '/topic/b' }], resubscribed: ['/topic/a'] } });
  });

  it('is silent when everything is subscribed again, and before the grace period is over', () => {
    const s = new Scenario();
    const a = s.ws('a', 0, { protocol: 'v12.stomp' }).open(10);
    session(a, 10, ['/topic/a', '/topic/b']);
    a.close(5000, 1006);
    const b = s.ws('b', 6000, { protocol: 'v12.stomp' }).open(6010);
    session(b, 6010, ['/topic/b', '/topic/a']);
    expect(runDetector(detectSubscriptionsLost, s.input({ now: 60_000 }))).toEqual([]);
    const early = new Scenario();
    const x = early.ws('a', 0, { protocol: 'v12.stomp' }).open(10);
    session(x, 10, ['/topic/a']);
    x.close(5000, 1006);
    early.ws('b', 6000, { protocol: 'v12.stomp' }).open(6010);
    expect(runDetector(detectSubscriptionsLost, early.input({ now: 7000 }))).toEqual([]);
  });
});

describe('protocol overrides', () => {
  it('"off" for a URL pattern turns the protocol findings off there; a protocol id forces its decoder', () => {
    const s = new Scenario();
    const c = s.ws('a', 0, { url: 'wss://rpc.example/ws' }).open(10);
    c.send(100, '{"jsonrpc":"2.0","id":1,"method":"slow"}');
    const input = (overrides: Array<{ urlPattern: string; path: string | null }>) => ({ ...s.input({ now: 100 + UNANSWERED_REQUEST_MS }), options: { now: 100 + UNANSWERED_REQUEST_MS, protocolOverrides: overrides } });
    expect(runDetector(detectUnansweredRequests, input([]))).toHaveLength(1);
    expect(runDetector(detectUnansweredRequests, input([{ urlPattern: 'wss://rpc.example/*', path: null }]))).toEqual([]);
    // Forced to read as WAMP, the JSON-RPC object is not a WAMP message: nothing to pair.
    expect(runDetector(detectUnansweredRequests, input([{ urlPattern: 'wss://rpc.example/*', path: 'wamp' }]))).toEqual([]);
  });
});
