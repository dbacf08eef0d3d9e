import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import sockjsServer from 'sockjs';
import { FrameImpl } from '@stomp/stompjs';
import { createSockjsDecoder } from './sockjs';
import { startTap, until, type Tap } from './test-tap';
import type { ProtocolMessage } from './types';

// @types/sockjs types the code as a string, but sockjs writes it into c[code,reason] as given.
const closeWith = (conn: { close(code?: string, reason?: string): boolean }, code: number, reason: string): boolean => conn.close(code as unknown as string, reason);

// The real sockjs server (echo), reached over its raw WebSocket transport
// /echo/<server>/<session>/websocket as sockjs-client does in a browser.
describe('SockJS with the real sockjs server', () => {
  let tap: Tap;
  let msgs: ProtocolMessage[] = [];
  const http = createServer();
  beforeAll(async () => {
    const echo = sockjsServer.createServer({ log: () => undefined });
    echo.on('connection', (conn) => {
      conn.on('data', (m: string) => (m === 'bye' ? closeWith(conn, 3000, 'Go away!') : conn.write(m)));
    });
    echo.installHandlers(http, { prefix: '/echo' });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    tap = await startTap(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    const ws = new WebSocket(`${tap.url}/echo/123/abcdefgh/websocket`);
    await new Promise((r) => ws.once('message', r));
    ws.send(JSON.stringify(['hello', '{"x":1}']));
    await until(() => tap.frames.some((f) => f.text?.startsWith('a[')));
    ws.send('["bye"]');
    await until(() => tap.frames.some((f) => f.text?.startsWith('c[')));
    const d = createSockjsDecoder();
    msgs = tap.frames.flatMap((f) => d.push(f).messages);
  });
  afterAll(async () => {
    await tap.close();
    http.close();
  });
  it('reads open, echoed messages and the close with its code', () => {
    expect(msgs[0]?.type).toBe('open');
    expect(msgs.filter((m) => m.type === 'message').map((m) => m.body)).toEqual(expect.arrayContaining(['hello', '{"x":1}']));
    expect(msgs.find((m) => m.type === 'close')).toMatchObject({ kind: 'control', body: { code: 3000, reason: 'Go away!' } });
  });
  it('reads h as a heartbeat, an abnormal close as an error, and refuses what is not SockJS', () => {
    const d = createSockjsDecoder();
    // sockjs-node pings at the WebSocket level on this transport; "h" is what other servers
    // (and every server on the streaming transports) send.
    expect(d.push({ seq: 0, direction: 'in', text: 'h' }).messages[0]?.kind).toBe('keepalive');
    expect(d.push({ seq: 1, direction: 'in', text: 'c[2010,"Another connection still open"]' }).messages[0]?.kind).toBe('error');
    expect(d.push({ seq: 2, direction: 'in', text: 'hello' }).error).toBeDefined();
  });
});

describe('STOMP inside SockJS (frames written by stompjs FrameImpl, framed as SockJS does)', () => {
  it('decodes the STOMP frames carried in SockJS messages, heart-beats included', () => {
    const stomp = (command: string, headers: Record<string, string>, body = '') => FrameImpl.marshall({ command, headers, body }) as string;
    const d = createSockjsDecoder();
    const frames: Array<['in' | 'out', string]> = [
      ['in', 'o'],
      ['out', JSON.stringify([stomp('CONNECT', { 'accept-version': '1.2', 'heart-beat': '10000,10000' })])],
      ['in', `a${JSON.stringify([stomp('CONNECTED', { version: '1.2', 'heart-beat': '10000,10000' })])}`],
      ['out', JSON.stringify([stomp('SUBSCRIBE', { id: 'sub-0', destination: '/topic/greetings' })])],
      ['in', `a${JSON.stringify([stomp('MESSAGE', { destination: '/topic/greetings', subscription: 'sub-0', 'message-id': '1' }, 'hi')])}`],
      ['in', 'a["\\n"]'],
      ['in', 'h'],
    ];
    const msgs = frames.map(([direction, text], i) => d.push({ seq: i + 1, direction, text }).messages.map((m) => `${m.type}:${m.kind}:${m.name ?? ''}`));
    expect(msgs).toEqual([
      ['open:control:'],
      ['CONNECT:control:'],
      ['CONNECTED:control:'],
      ['SUBSCRIBE:subscribe:/topic/greetings'],
      ['MESSAGE:data:/topic/greetings'],
      ['heart-beat:keepalive:'],
      ['heartbeat:keepalive:'],
    ]);
  });
});

