import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { Client, FrameImpl, Parser } from '@stomp/stompjs';
import { createStompDecoder, readStompFrame } from './stomp';
import { startTap, until, type Tap } from './test-tap';
import type { FrameInput, ProtocolMessage } from './types';

/** A small STOMP server: stompjs's own Parser reads the client, its FrameImpl writes the answers. */
function stompServer(wss: WebSocketServer): void {
  wss.on('connection', (ws) => {
    const send = (command: string, headers: Record<string, string>, body = ''): void => {
      ws.send(FrameImpl.marshall({ command, headers, body, escapeHeaderValues: true }) as string);
    };
    let beat: ReturnType<typeof setInterval> | undefined;
    const parser = new Parser(
      (raw) => {
        const frame = FrameImpl.fromRawFrame(raw, raw.command !== 'CONNECT');
        const h = frame.headers;
        // Every frame with a receipt header gets its RECEIPT first (stompjs waits for the DISCONNECT's).
        if (h['receipt']) send('RECEIPT', { 'receipt-id': h['receipt'] });
        if (frame.command === 'CONNECT') {
          send('CONNECTED', { version: '1.2', 'heart-beat': '40,40' });
          beat = setInterval(() => ws.send('\n'), 40); // the broker's side of the heart-beat
        } else if (frame.command === 'SUBSCRIBE') {
          send('MESSAGE', { subscription: h['id']!, 'message-id': '1', destination: h['destination']!, 'content-type': 'application/json' }, '{"price":1}');
        } else if (frame.command === 'SEND' && h['destination'] === '/forbidden') {
          send('ERROR', { message: 'access denied' }, 'no');
        }
      },
      () => undefined,
    );
    ws.on('message', (d) => parser.parseChunk(d.toString('utf8')));
    ws.on('close', () => clearInterval(beat));
  });
}

describe('STOMP 1.2 with @stomp/stompjs on both sides', () => {
  let tap: Tap;
  let wss: WebSocketServer;
  let msgs: ProtocolMessage[] = [];
  let frames: FrameInput[] = [];
  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => (p.has('v12.stomp') ? 'v12.stomp' : false) });
    stompServer(wss);
    await new Promise<void>((r) => wss.once('listening', () => r()));
    tap = await startTap(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
    const client = new Client({
      webSocketFactory: () => new WebSocket(`${tap.url}/stomp`, ['v12.stomp']),
      heartbeatOutgoing: 40,
      heartbeatIncoming: 40,
      reconnectDelay: 0,
      // Frames longer than 16 bytes go out in pieces: one STOMP frame across WebSocket frames.
      splitLargeFrames: true,
      maxWebSocketChunkSize: 16,
    });
    let got = 0;
    client.onConnect = () => {
      client.subscribe('/topic/a:b', () => got++, { receipt: 'r-1' });
    };
    client.activate();
    await until(() => got === 1).catch((e: unknown) => {
      throw new Error(`${String(e)}: ${JSON.stringify(tap.frames)}`);
    });
    await new Promise((r) => setTimeout(r, 150)); // heart-beats both ways
    client.publish({ destination: '/forbidden', body: 'x' });
    await until(() => tap.frames.some((f) => f.text?.startsWith('ERROR')));
    await client.deactivate();
    frames = tap.frames.slice();
    const d = createStompDecoder();
    msgs = frames.flatMap((f) => d.push(f).messages);
  });
  afterAll(async () => {
    await tap.close();
    wss.close();
  });

  it('reads the commands in order, joining frames split across WebSocket frames', () => {
    const commands = msgs.filter((m) => m.kind !== 'keepalive').map((m) => m.type);
    expect(commands.slice(0, 5)).toEqual(['CONNECT', 'CONNECTED', 'SUBSCRIBE', 'RECEIPT', 'MESSAGE']);
    expect(commands).toContain('ERROR');
    const sub = msgs.find((m) => m.type === 'SUBSCRIBE')!;
    expect(sub.seqs!.length).toBeGreaterThan(1); // the SUBSCRIBE was longer than 16 bytes
  });

  it('unescapes header values (\\c is a colon) and pairs the receipt', () => {
    const sub = msgs.find((m) => m.type === 'SUBSCRIBE')!;
    expect(sub).toMatchObject({ kind: 'subscribe', name: '/topic/a:b', id: 'r-1' });
    expect(msgs.find((m) => m.type === 'RECEIPT')).toMatchObject({ kind: 'reply', id: 'r-1' });
    expect(msgs.find((m) => m.type === 'MESSAGE')).toMatchObject({ channel: sub.channel, body: { body: { price: 1 } } });
    expect(msgs.find((m) => m.type === 'ERROR')).toMatchObject({ kind: 'error', name: 'access denied' });
  });

  it('takes bare EOLs for heart-beats, in both directions', () => {
    const d = createStompDecoder();
    const beats = frames.map((f) => ({ f, m: d.push(f).messages })).filter(({ m }) => m.length > 0 && m.every((x) => x.type === 'heart-beat'));
    expect(new Set(beats.map(({ f }) => f.direction))).toEqual(new Set(['in', 'out']));
  });
});

describe('STOMP by hand (STOMP 1.2 spec examples)', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  it('honours content-length: the body may hold NUL', () => {
    const r = readStompFrame(enc('MESSAGE\ncontent-length:3\ndestination:/q\n\na\u0000b\u0000'));
    expect('msg' in r && r.msg.body).toEqual({ command: 'MESSAGE', headers: { 'content-length': '3', destination: '/q' }, body: 'a\u0000b' });
  });
  it('reads CRLF lines and several frames plus a heart-beat from one WebSocket frame', () => {
    const d = createStompDecoder();
    const out = d.push({ seq: 1, direction: 'in', text: 'RECEIPT\r\nreceipt-id:7\r\n\r\n\u0000\r\nMESSAGE\nsubscription:s\n\nhi\u0000' });
    expect(out.messages.map((m) => m.type)).toEqual(['RECEIPT', 'heart-beat', 'MESSAGE']);
  });
  it('keeps the first of repeated headers and does not unescape CONNECTED', () => {
    const r = readStompFrame(enc('CONNECTED\nserver:a\\cb\nserver:x\n\n\u0000'));
    expect('msg' in r && r.msg.body).toMatchObject({ headers: { server: 'a\\cb' } });
    const m = readStompFrame(enc('MESSAGE\nfoo:1\nfoo:2\n\n\u0000'));
    expect('msg' in m && m.msg.body).toMatchObject({ headers: { foo: '1' } });
  });
  it('says what is not STOMP', () => {
    expect(createStompDecoder().push({ seq: 1, text: '{"a":1}\n\n\u0000' }).error).toMatch(/not a STOMP command/);
  });
});
