import { describe, expect, it } from 'vitest';
import { JsonHubProtocol, MessageType, type HubMessage } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { encode } from '@msgpack/msgpack';
import { createSignalrJsonDecoder } from './signalr';
import { createSignalrMsgpackDecoder } from './signalr-msgpack';
import type { FrameInput, ProtocolMessage } from './types';

// The conversation both encodings are tested on, written by @microsoft/signalr's own protocol classes.
const conversation: HubMessage[] = [
  { type: MessageType.Invocation, invocationId: '1', target: 'SendMessage', arguments: ['ana', 'hi'], headers: {} },
  { type: MessageType.Invocation, target: 'ReceiveMessage', arguments: ['ana', 'hi'], headers: {} },
  { type: MessageType.Completion, invocationId: '1', result: 42, headers: {} },
  { type: MessageType.StreamInvocation, invocationId: '2', target: 'Counter', arguments: [3], headers: {} },
  { type: MessageType.StreamItem, invocationId: '2', item: 1, headers: {} },
  { type: MessageType.Completion, invocationId: '2', error: 'stream broke', headers: {} },
  { type: MessageType.Ping },
  { type: MessageType.Close, error: 'server shutting down', allowReconnect: true },
];

const expected = [
  ['Invocation', 'request', 'SendMessage', '1'],
  ['Invocation', 'data', 'ReceiveMessage', undefined],
  ['Completion', 'reply', 'SendMessage', '1'],
  ['StreamInvocation', 'subscribe', 'Counter', '2'],
  ['StreamItem', 'data', 'Counter', '2'],
  ['Completion', 'error', 'Counter', '2'],
  ['Ping', 'keepalive', undefined, undefined],
  ['Close', 'error', undefined, undefined],
];
const row = (m: ProtocolMessage): unknown[] => [m.type, m.kind, m.name, m.id];

describe('SignalR JSON hub protocol (JsonHubProtocol writes the frames)', () => {
  const json = new JsonHubProtocol();
  it('reads the handshake and every message type of the conversation', () => {
    const d = createSignalrJsonDecoder();
    const hs = d.push({ seq: 1, direction: 'out', text: '{"protocol":"json","version":1}\u001e' }).messages;
    expect(hs).toMatchObject([{ type: 'Handshake', name: 'json' }]);
    expect(d.push({ seq: 2, direction: 'in', text: '{}\u001e' }).messages[0]?.type).toBe('Handshake response');
    const msgs = conversation.flatMap((m, i) => d.push({ seq: i + 3, text: json.writeMessage(m) }).messages);
    expect(msgs.map(row)).toEqual(expected);
  });
  it('reads several records in one frame, and refuses text without the separator', () => {
    const d = createSignalrJsonDecoder();
    const text = json.writeMessage(conversation[6]!) + json.writeMessage(conversation[6]!);
    expect(d.push({ seq: 1, text }).messages).toHaveLength(2);
    expect(d.push({ seq: 2, text: '{"type":6}' }).error).toBeDefined();
  });
});

describe('SignalR MessagePack hub protocol (MessagePackHubProtocol writes the frames)', () => {
  const mp = new MessagePackHubProtocol();
  const bin = (m: HubMessage, seq: number): FrameInput => ({ seq, bytes: new Uint8Array(mp.writeMessage(m)) });
  it('reads every message type, after a JSON handshake', () => {
    const d = createSignalrMsgpackDecoder();
    expect(d.push({ seq: 1, direction: 'out', text: '{"protocol":"messagepack","version":1}\u001e' }).messages[0]?.name).toBe('messagepack');
    const msgs = conversation.flatMap((m, i) => d.push(bin(m, i + 2)).messages);
    // The client library writes Close as [7, null] whatever it is given (only servers send errors).
    expect(msgs.map(row)).toEqual([...expected.slice(0, -1), ['Close', 'control', undefined, undefined]]);
    // A server's close with an error, as the MessagePack hub protocol spec lays it out: [7, Error, AllowReconnect].
    const close = encode([7, 'server shutting down', true]);
    const framed = new Uint8Array([close.length, ...close]);
    expect(d.push({ seq: 99, bytes: framed }).messages.map(row)).toEqual([['Close', 'error', undefined, undefined]]);
    expect(msgs[0]?.body).toMatchObject({ arguments: ['ana', 'hi'] });
    expect(msgs[2]?.body).toMatchObject({ result: 42 });
  });
  it('reads two length-prefixed messages in one frame and reports a cut one', () => {
    const a = new Uint8Array(mp.writeMessage(conversation[0]!));
    const both = new Uint8Array([...a, ...a]);
    expect(createSignalrMsgpackDecoder().push({ seq: 1, bytes: both }).messages).toHaveLength(2);
    const cut = createSignalrMsgpackDecoder().push({ seq: 1, bytes: both.subarray(0, a.length + 3) });
    expect(cut.messages).toHaveLength(1);
    expect(cut.error).toBeDefined();
  });
});
