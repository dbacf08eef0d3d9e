// GraphQL over WebSocket, the legacy `graphql-ws` subprotocol of subscriptions-transport-ws
// (start/data/stop, server keep-alive "ka").

import { decodeGraphqlFrame } from './graphql-transport-ws';
import type { Decoder, MessageKind, ProtocolSpec } from './types';

const KINDS: Record<string, MessageKind> = {
  connection_init: 'control',
  connection_ack: 'control',
  connection_error: 'error',
  connection_terminate: 'control',
  ka: 'keepalive',
  start: 'subscribe',
  data: 'data',
  error: 'error',
  complete: 'unsubscribe',
  stop: 'unsubscribe',
};

export function createGraphqlWsLegacyDecoder(): Decoder {
  const names = new Map<string, string>();
  return {
    push(f) {
      const d = decodeGraphqlFrame(f, KINDS, ['start']);
      for (const m of d.messages) {
        if (m.id === undefined) continue;
        if (m.name !== undefined && names.size < 10_000) names.set(m.id, m.name);
        else if (m.name === undefined && names.has(m.id)) m.name = names.get(m.id);
      }
      return d;
    },
  };
}

export const graphqlWsLegacy: ProtocolSpec = { id: 'graphql-ws-legacy', label: 'GraphQL (legacy graphql-ws)', create: createGraphqlWsLegacyDecoder };
