import { describe, expect, it } from 'vitest';
import { createGraphqlWsLegacyDecoder } from './graphql-ws-legacy';

// subscriptions-transport-ws is deprecated and unmaintained (no install), so these are the
// messages of its PROTOCOL.md, written out: GQL_START, GQL_DATA, GQL_CONNECTION_KEEP_ALIVE…
describe('legacy graphql-ws (subscriptions-transport-ws)', () => {
  it('reads the message types of its protocol document', () => {
    const d = createGraphqlWsLegacyDecoder();
    const frames = [
      ['out', '{"type":"connection_init","payload":{}}'],
      ['in', '{"type":"connection_ack"}'],
      ['in', '{"type":"ka"}'],
      ['out', '{"id":"1","type":"start","payload":{"query":"subscription onPost { postAdded { id } }","variables":{}}}'],
      ['in', '{"id":"1","type":"data","payload":{"data":{"postAdded":{"id":"9"}}}}'],
      ['out', '{"id":"1","type":"stop"}'],
      ['in', '{"id":"1","type":"complete"}'],
      ['in', '{"type":"connection_error","payload":{"message":"bad token"}}'],
    ] as const;
    const msgs = frames.flatMap(([direction, text], i) => d.push({ seq: i + 1, direction, text }).messages);
    expect(msgs.map((m) => [m.type, m.kind, m.name ?? ''])).toEqual([
      ['connection_init', 'control', ''],
      ['connection_ack', 'control', ''],
      ['ka', 'keepalive', ''],
      ['start', 'subscribe', 'onPost'],
      ['data', 'data', 'onPost'],
      ['stop', 'unsubscribe', 'onPost'],
      ['complete', 'unsubscribe', 'onPost'],
      ['connection_error', 'error', ''],
    ]);
  });
  it('does not take the new protocol for the legacy one', () => {
    expect(createGraphqlWsLegacyDecoder().push({ seq: 1, text: '{"type":"next","id":"1"}' }).error).toMatch(/unknown/);
  });
});
