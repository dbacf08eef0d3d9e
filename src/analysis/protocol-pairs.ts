// Requests and their answers at protocol level: a message with an id that expects an answer
// (Socket.IO event with an ack id, JSON-RPC request, GraphQL operation, MQTT QoS 1/2 PUBLISH and
// SUBSCRIBE, STOMP frame with a receipt, SignalR invocation, WAMP call, Phoenix push) and the
// first later message from the other side with the same id.

import type { ProtocolId, ProtocolMessage } from '../protocols/types';
import type { DecodedConnection, DecodedMessage } from './protocol-messages';

export interface RequestPair {
  request: DecodedMessage;
  answer?: DecodedMessage;
}

/** Whether a message asks the other side for an answer carrying its id. */
export function expectsAnswer(protocol: ProtocolId, m: ProtocolMessage): boolean {
  if (m.id === undefined) return false;
  if (m.kind === 'request') return true;
  if (m.kind === 'subscribe') {
    // A GraphQL subscription or a SignalR stream may stay quiet until there is news: only their
    // one-shot operations (queries, mutations) owe an answer.
    if (protocol === 'graphql-transport-ws' || protocol === 'graphql-ws-legacy') return !/^\s*subscription\b/.test(queryOf(m.body));
    return protocol !== 'signalr-json' && protocol !== 'signalr-msgpack';
  }
  // Ending an operation is not answered in GraphQL over WebSocket nor in SignalR (CancelInvocation).
  if (m.kind === 'unsubscribe') return !(protocol === 'graphql-transport-ws' || protocol === 'graphql-ws-legacy' || protocol === 'signalr-json' || protocol === 'signalr-msgpack');
  // STOMP: any client frame with a receipt header (SEND, DISCONNECT…) asks for a RECEIPT.
  return protocol === 'stomp' && m.kind !== 'reply' && m.kind !== 'error';
}

export function requestPairs(d: DecodedConnection): RequestPair[] {
  const out: RequestPair[] = [];
  // Open requests by direction and id; ids may be reused once answered (MQTT packet ids are).
  const open = { in: new Map<string, RequestPair>(), out: new Map<string, RequestPair>() };
  for (const dm of d.messages) {
    const id = dm.msg.id;
    if (id === undefined) continue;
    const other = dm.dir === 'in' ? 'out' : 'in';
    const waiting = open[other].get(id);
    if (waiting && dm.msg.kind !== 'request') {
      waiting.answer = dm;
      open[other].delete(id);
      continue;
    }
    if (expectsAnswer(d.protocol, dm.msg) && !open[dm.dir].has(id)) {
      const pair: RequestPair = { request: dm };
      out.push(pair);
      open[dm.dir].set(id, pair);
    }
  }
  return out;
}

function queryOf(body: unknown): string {
  const payload = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['payload'] : undefined;
  const q = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)['query'] : undefined;
  return typeof q === 'string' ? q : '';
}
