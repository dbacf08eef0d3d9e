import { describe, expect, it } from 'vitest';
import { ConnectionDecoder, DETECT_FRAMES } from './connection-decoder';
import { frameOfEvent } from './event-frame';

describe('ConnectionDecoder', () => {
  it('decodes from the first frame when the subprotocol names the protocol', () => {
    const d = new ConnectionDecoder({ url: 'wss://x/', protocol: 'graphql-transport-ws' });
    expect(d.push({ seq: 1, direction: 'out', text: '{"type":"ping"}' }).decode?.messages[0]?.kind).toBe('keepalive');
  });

  it('switches to the protocol the first frames show, decoding them again with its state', () => {
    // No URL hint; the Engine.IO open packet says Socket.IO; the attachment state must survive the switch.
    const d = new ConnectionDecoder({ url: 'wss://x/' });
    const first = d.push({ seq: 1, direction: 'in', text: '0{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000}' });
    expect(first.detection?.id).toBe('socket.io');
    expect(d.push({ seq: 2, direction: 'in', text: '2' }).decode?.messages[0]?.kind).toBe('keepalive');
  });

  it('replays the frames seen before a late detection', () => {
    // A placeholder packet before any hint, then the open packet that names Socket.IO: the
    // decoder chosen then must have seen the placeholder, or the attachment would not join it.
    const d = new ConnectionDecoder({ url: 'wss://x/' });
    expect(d.push({ seq: 1, direction: 'in', text: '451-["up",{"_placeholder":true,"num":0}]' }).detection).toBeNull();
    expect(d.push({ seq: 2, direction: 'in', text: '0{"sid":"a","upgrades":[],"pingInterval":1,"pingTimeout":1}' }).detection?.id).toBe('socket.io');
    const joined = d.push({ seq: 3, direction: 'in', bytes: new Uint8Array([7]) }).decode?.messages[0];
    expect(joined).toMatchObject({ type: 'BINARY_EVENT', name: 'up', body: { data: ['up', { binary: 1 }] } });
  });

  it('keeps its guess after DETECT_FRAMES frames, and honours an override', () => {
    const d = new ConnectionDecoder({ url: 'wss://x/' });
    for (let i = 1; i <= DETECT_FRAMES; i++) expect(d.push({ seq: i, direction: 'in', text: `{"n":${i}}` }).detection).toBeNull();
    // Too late: a JSON-RPC message after the window does not change the (absent) guess.
    expect(d.push({ seq: 99, direction: 'in', text: '{"jsonrpc":"2.0","method":"x"}' }).detection).toBeNull();
    const none = new ConnectionDecoder({ url: 'wss://x/socket.io/?EIO=4', override: 'none' });
    expect(none.push({ seq: 1, text: '2' }).decode).toBeNull();
    const forced = new ConnectionDecoder({ url: 'wss://x/', override: 'sockjs' });
    expect(forced.push({ seq: 1, direction: 'in', text: 'h' }).decode?.messages[0]?.kind).toBe('keepalive');
  });
});

describe('frameOfEvent', () => {
  it('turns stored base64 back into bytes and skips lifecycle events', () => {
    expect(frameOfEvent({ seq: 1, type: 'message', direction: 'in', data: 'wAA=', binary: true })).toEqual({ seq: 1, direction: 'in', bytes: new Uint8Array([0xc0, 0]) });
    expect(frameOfEvent({ seq: 2, type: 'message', direction: 'out', data: 'hi', truncated: true })).toEqual({ seq: 2, direction: 'out', truncated: true, text: 'hi' });
    expect(frameOfEvent({ seq: 3, type: 'open' })).toBeNull();
    expect(frameOfEvent({ seq: 4, type: 'message', binary: true, data: '%%' })).toBeNull();
  });
});
