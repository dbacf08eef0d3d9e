import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { createSocketIoDecoder, decodeSocketPacket, engineVersion } from './socket-io';
import { startTap, until, type Tap } from './test-tap';
import type { FrameDecode, ProtocolMessage } from './types';

describe('Socket.IO v4 with the real server and client', () => {
  let server: Server;
  let tap: Tap;
  const decoded: FrameDecode[] = [];
  const all = (): ProtocolMessage[] => decoded.flatMap((d) => d.messages);

  beforeAll(async () => {
    const http = createServer();
    server = new Server(http, { pingInterval: 100, pingTimeout: 1000 });
    server.on('connection', (s) => {
      s.on('chat', (text: string, ack: (r: unknown) => void) => ack({ ok: true, echo: text }));
      s.on('upload', (meta: unknown, buf: Buffer) => s.emit('uploaded', { size: buf.length, meta }));
    });
    server.of('/admin').on('connection', (s) => s.emit('hello', 'admin'));
    server.of('/locked').use((_s, next) => next(new Error('not allowed')));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    tap = await startTap(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    const opts = { transports: ['websocket' as const], forceNew: true };
    const client = connect(tap.url, opts);
    const admin = connect(`${tap.url}/admin`, opts);
    const locked = connect(`${tap.url}/locked`, opts);
    let lockedError = '';
    locked.on('connect_error', (e) => (lockedError = e.message));
    await until(() => client.connected && admin.connected && lockedError !== '');
    const reply = await client.emitWithAck('chat', 'hi');
    expect(reply).toEqual({ ok: true, echo: 'hi' });
    let uploaded = false;
    client.on('uploaded', () => (uploaded = true));
    client.emit('upload', { name: 'a.bin' }, Buffer.from([1, 2, 3, 4, 5]));
    await until(() => uploaded);
    await new Promise((r) => setTimeout(r, 250)); // a ping/pong round or two
    client.close();
    admin.close();
    locked.close();
    // Each client has its own WebSocket, but the tap records all of them in one list; decode
    // them as one stream per direction is wrong for attachments only, and there is one upload.
    const d = createSocketIoDecoder({ url: '/socket.io/?EIO=4&transport=websocket' });
    for (const f of tap.frames) decoded.push(d.push(f));
  });
  afterAll(async () => {
    await tap.close();
    server.close();
  });

  it('reads the open packet and the namespace CONNECTs', () => {
    expect(all().find((m) => m.type === 'open')?.body).toMatchObject({ sid: expect.any(String), pingInterval: 100 });
    const connects = all().filter((m) => m.type === 'CONNECT');
    expect(connects.filter((m) => m.kind === 'subscribe').map((m) => m.name).sort()).toEqual(['/', '/admin', '/locked']);
    expect(connects.filter((m) => m.kind === 'reply').map((m) => m.name).sort()).toEqual(['/', '/admin']);
  });

  it('names events and pairs the ack with its request by id', () => {
    const req = all().find((m) => m.name === 'chat');
    expect(req).toMatchObject({ type: 'EVENT', kind: 'request', channel: '/' });
    const ack = all().find((m) => m.type === 'ACK' && m.id === req?.id);
    expect(ack?.body).toMatchObject({ data: [{ ok: true, echo: 'hi' }] });
    expect(all().find((m) => m.name === 'hello')).toMatchObject({ channel: '/admin', body: { data: ['hello', 'admin'] } });
  });

  it('reports the middleware refusal as a CONNECT_ERROR', () => {
    expect(all().find((m) => m.type === 'CONNECT_ERROR')).toMatchObject({ kind: 'error', name: 'not allowed', channel: '/locked' });
  });

  it('joins the binary attachment to its placeholder packet', () => {
    const i = decoded.findIndex((d) => d.partial?.name === 'upload');
    expect(i).toBeGreaterThanOrEqual(0);
    const done = decoded.slice(i + 1).flatMap((d) => d.messages).find((m) => m.name === 'upload');
    expect(done?.type).toBe('BINARY_EVENT');
    expect(done?.body).toMatchObject({ data: ['upload', { name: 'a.bin' }, { binary: 5, bytes: [1, 2, 3, 4, 5] }] });
    expect(done?.seqs).toHaveLength(2);
  });

  it('classifies the server pings and client pongs as keep-alives', () => {
    const ka = all().filter((m) => m.kind === 'keepalive').map((m) => m.type);
    expect(ka).toContain('ping');
    expect(ka).toContain('pong');
  });
});

describe('Socket.IO packets by hand (socket.io-parser format)', () => {
  it('reads namespace, ack id and data in that order', () => {
    expect(decodeSocketPacket('2/chat,17["msg",1]', 4, 'out')?.msg).toMatchObject({ type: 'EVENT', name: 'msg', id: '17', channel: '/chat', kind: 'request' });
    expect(decodeSocketPacket('51-["up",{"_placeholder":true,"num":0}]', 4, 'out')?.attachments).toBe(1);
    expect(decodeSocketPacket('4{"message":"nope"}', 4, 'in')?.msg).toMatchObject({ kind: 'error', name: 'nope' });
    expect(decodeSocketPacket('2["x"', 4, 'out')).toBeNull();
  });

  it('takes the Engine.IO version from EIO=3 (Socket.IO 2), where binary frames carry a leading 4', () => {
    expect(engineVersion('/socket.io/?EIO=3&transport=websocket')).toBe(3);
    expect(engineVersion('/socket.io/?EIO=4')).toBe(4);
    const d = createSocketIoDecoder({ url: '/socket.io/?EIO=3&transport=websocket' });
    expect(d.push({ seq: 1, direction: 'in', text: '451-["f",{"_placeholder":true,"num":0}]' }).partial).toEqual({ type: 'BINARY_EVENT', name: 'f' });
    const done = d.push({ seq: 2, direction: 'in', bytes: new Uint8Array([4, 9, 8]) });
    expect(done.messages[0]?.body).toMatchObject({ data: ['f', { binary: 2, bytes: [9, 8] }] });
  });

  it('tells probes from pings (the upgrade handshake)', () => {
    const d = createSocketIoDecoder();
    expect(d.push({ seq: 1, direction: 'out', text: '2probe' }).messages[0]).toMatchObject({ type: 'ping probe', kind: 'keepalive' });
    expect(d.push({ seq: 2, direction: 'out', text: '5' }).messages[0]).toMatchObject({ type: 'upgrade', kind: 'control' });
    expect(d.push({ seq: 3, direction: 'out', text: 'hello' }).error).toBeDefined();
  });
});
