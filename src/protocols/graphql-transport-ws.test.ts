import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
// graphql-ws, run by Node, loads graphql's CommonJS build (no exports map); so must the test, or the schema is "from another realm".
import { buildSchema } from 'graphql/index.js';
import { createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createGraphqlTransportWsDecoder, operationName } from './graphql-transport-ws';
import { startTap, until, type Tap } from './test-tap';
import type { ProtocolMessage } from './types';

const schema = buildSchema(`
  type Query { hello: String, boom: String }
  type Subscription { count(to: Int!): Int }
`);
const roots = {
  query: { hello: () => 'world', boom: () => { throw new Error('kaboom'); } },
  subscription: {
    // Root-value resolvers take (args, context, info); each yielded event is the root of one result.
    count: async function* (args: { to: number }) {
      for (let i = 1; i <= args.to; i++) yield { count: i };
    },
  },
};

describe('graphql-transport-ws with the real graphql-ws server and client', () => {
  let tap: Tap;
  let wss: WebSocketServer;
  let msgs: ProtocolMessage[] = [];
  beforeAll(async () => {
    const http = createServer();
    wss = new WebSocketServer({ server: http, path: '/graphql' });
    useServer({ schema, roots }, wss);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    tap = await startTap(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    const client = createClient({ url: `${tap.url}/graphql`, webSocketImpl: WebSocket, keepAlive: 50, lazy: false });
    const hello = await new Promise((resolve, reject) => client.subscribe({ query: 'query Greet { hello }' }, { next: resolve, error: reject, complete: () => undefined }));
    expect(hello).toEqual({ data: { hello: 'world' } });
    const counts: unknown[] = [];
    await new Promise<void>((resolve, reject) => client.subscribe({ query: 'subscription { count(to: 3) }' }, { next: (v) => counts.push(v), error: reject, complete: resolve }));
    expect(counts).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 120)); // a keep-alive ping or two
    await client.dispose();
    await until(() => tap.frames.length > 0);
    const d = createGraphqlTransportWsDecoder();
    msgs = tap.frames.flatMap((f) => d.push(f).messages);
  });
  afterAll(async () => {
    await tap.close();
    wss.close();
  });

  it('chooses the subprotocol and opens with connection_init / connection_ack', () => {
    expect(tap.protocol()).toBe('graphql-transport-ws');
    expect(msgs.slice(0, 2).map((m) => m.type)).toEqual(['connection_init', 'connection_ack']);
  });

  it('names operations and carries the name to their next/complete by id', () => {
    const sub = msgs.filter((m) => m.type === 'subscribe');
    expect(sub.map((m) => m.name)).toEqual(['Greet', 'count']);
    const countId = sub[1]!.id;
    const of = msgs.filter((m) => m.id === countId).map((m) => `${m.type}:${m.name}`);
    expect(of).toEqual(['subscribe:count', 'next:count', 'next:count', 'next:count', 'complete:count']);
  });

  it('classifies ping and pong as keep-alives', () => {
    expect(msgs.filter((m) => m.kind === 'keepalive').map((m) => m.type)).toEqual(expect.arrayContaining(['ping', 'pong']));
  });
});

describe('graphql-transport-ws by hand', () => {
  it('takes the name from operationName, the query name or the first field', () => {
    expect(operationName({ query: '{ a }', operationName: 'X' })).toBe('X');
    expect(operationName({ query: 'mutation Save($a: Int) { save(a: $a) }' })).toBe('Save');
    expect(operationName({ query: '  {  viewer { id } }' })).toBe('viewer');
    expect(operationName('nope')).toBeUndefined();
  });
  it('reads an error with its id and rejects unknown types', () => {
    const d = createGraphqlTransportWsDecoder();
    expect(d.push({ seq: 1, text: '{"type":"error","id":"7","payload":[{"message":"x"}]}' }).messages[0]).toMatchObject({ kind: 'error', id: '7' });
    expect(d.push({ seq: 2, text: '{"type":"ka"}' }).error).toMatch(/unknown/);
    expect(d.push({ seq: 3, text: 'ping' }).messages).toEqual([]);
  });
});
