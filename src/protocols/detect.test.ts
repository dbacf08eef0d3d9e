import { describe, expect, it } from 'vitest';
import mqttPacket from 'mqtt-packet';
import { FrameImpl } from '@stomp/stompjs';
import { encode } from '@msgpack/msgpack';
import { detectProtocol } from './detect';
import type { FrameInput } from './types';

const out = (text: string, seq = 1): FrameInput => ({ seq, direction: 'out', text });
const inn = (text: string, seq = 2): FrameInput => ({ seq, direction: 'in', text });

describe('detectProtocol', () => {
  it('believes the negotiated subprotocol first', () => {
    expect(detectProtocol({ url: 'wss://x/anything', protocol: 'graphql-transport-ws', frames: [] })).toMatchObject({ id: 'graphql-transport-ws', confidence: 0.95 });
    expect(detectProtocol({ url: 'wss://x/', protocol: 'v12.stomp', frames: [] })?.id).toBe('stomp');
    expect(detectProtocol({ url: 'wss://x/', protocol: 'mqtt', frames: [] })?.id).toBe('mqtt');
    expect(detectProtocol({ url: 'wss://x/', protocol: 'graphql-ws', frames: [] })?.id).toBe('graphql-ws-legacy');
    expect(detectProtocol({ url: 'wss://x/', protocol: 'actioncable-v1-json', frames: [] })?.id).toBe('actioncable');
  });

  it('recognises opening frames, whatever the URL', () => {
    const connect = new Uint8Array(mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'c', clean: true, keepalive: 60 }));
    expect(detectProtocol({ url: 'wss://broker/', frames: [{ seq: 1, direction: 'out', bytes: connect }] })).toMatchObject({ id: 'mqtt', confidence: 0.9 });
    const stompConnect = FrameImpl.marshall({ command: 'CONNECT', headers: { 'accept-version': '1.2', host: 'x' } }) as string;
    expect(detectProtocol({ url: 'wss://x/', frames: [out(stompConnect)] })?.id).toBe('stomp');
    expect(detectProtocol({ url: 'wss://x/', frames: [inn('0{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}', 1), inn('40{"sid":"b"}')] })?.id).toBe('socket.io');
    expect(detectProtocol({ url: 'wss://x/', frames: [out('{"protocol":"json","version":1}\u001e'), inn('{}\u001e')] })?.id).toBe('signalr-json');
    expect(detectProtocol({ url: 'wss://x/', frames: [out('{"protocol":"messagepack","version":1}\u001e'), inn('{}\u001e')] })?.id).toBe('signalr-msgpack');
    expect(detectProtocol({ url: 'wss://x/', frames: [inn('o', 1), inn('a["hi"]')] })?.id).toBe('sockjs');
    expect(detectProtocol({ url: 'wss://x/', frames: [inn('{"type":"welcome"}', 1)] })?.id).toBe('actioncable');
    expect(detectProtocol({ url: 'wss://x/', frames: [out('["3","3","room:lobby","phx_join",{}]')] })?.id).toBe('phoenix');
    expect(detectProtocol({ url: 'wss://x/', frames: [out('[1,"realm1",{"roles":{}}]')] })?.id).toBe('wamp');
    expect(detectProtocol({ url: 'wss://node/', frames: [out('{"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]}')] })?.id).toBe('json-rpc');
  });

  it('tells the two GraphQL subprotocols apart by their frames when only the URL says GraphQL', () => {
    const init = out('{"type":"connection_init","payload":{}}');
    expect(detectProtocol({ url: 'wss://x/graphql', frames: [init, inn('{"type":"connection_ack"}'), inn('{"type":"ka"}', 3)] })?.id).toBe('graphql-ws-legacy');
    expect(detectProtocol({ url: 'wss://x/graphql', frames: [init, inn('{"type":"connection_ack"}')] })?.id).toBe('graphql-transport-ws');
  });

  it('guesses from the URL with less confidence, and not when the frames contradict it', () => {
    expect(detectProtocol({ url: 'wss://x/socket.io/?EIO=4&transport=websocket', frames: [] })).toMatchObject({ id: 'socket.io', confidence: 0.6 });
    expect(detectProtocol({ url: 'wss://x/cable', frames: [] })?.id).toBe('actioncable');
    expect(detectProtocol({ url: 'wss://x/socket/websocket?vsn=2.0.0', frames: [] })?.id).toBe('phoenix');
    expect(detectProtocol({ url: 'wss://x/chatHub?id=abc', frames: [] })?.id).toBe('signalr-json');
    expect(detectProtocol({ url: 'wss://x/echo/123/abcd1234/websocket', frames: [] })?.id).toBe('sockjs');
    // /mqtt in the URL, but the frames are JSON chat: no guess.
    const chat = [out('{"say":"hi"}'), inn('{"said":"hi"}'), out('{"say":"yo"}')];
    expect(detectProtocol({ url: 'wss://x/mqtt', frames: chat })).toBeNull();
  });

  it('offers generic MessagePack only when each binary frame is one map or array', () => {
    const frames = [1, 2].map((seq) => ({ seq, direction: 'in' as const, bytes: encode({ tick: seq }) }));
    expect(detectProtocol({ url: 'wss://x/', frames })).toMatchObject({ id: 'msgpack', confidence: 0.3 });
    // ASCII bytes are valid MessagePack integers; that is no reason to call them MessagePack.
    const ascii = [{ seq: 1, direction: 'in' as const, bytes: new TextEncoder().encode('hello') }];
    expect(detectProtocol({ url: 'wss://x/', frames: ascii })).toBeNull();
    expect(detectProtocol({ url: 'wss://x/', frames: [out('plain text')] })).toBeNull();
  });
});
