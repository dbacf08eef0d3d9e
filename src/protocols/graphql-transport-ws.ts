// GraphQL over WebSocket, the `graphql-transport-ws` subprotocol (the graphql-ws library):
// one JSON message per frame; operations multiplexed by id.

import { frameText, idOf, isRecord, parseJson, str } from './frames';
import type { Decoder, FrameDecode, FrameInput, MessageKind, ProtocolSpec } from './types';

const KINDS: Record<string, MessageKind> = {
  connection_init: 'control',
  connection_ack: 'control',
  ping: 'keepalive',
  pong: 'keepalive',
  subscribe: 'subscribe',
  next: 'data',
  error: 'error',
  complete: 'unsubscribe',
};

/** An operation's name: operationName, else the name in the query text, else its first field. */
export function operationName(payload: unknown): string | undefined {
  if (!isRecord(payload)) return undefined;
  const given = str(payload['operationName']);
  if (given) return given;
  const q = str(payload['query']);
  if (!q) return undefined;
  const named = /\b(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(q);
  if (named) return named[2];
  const field = /\{\s*([_A-Za-z][_0-9A-Za-z]*)/.exec(q);
  return field?.[1];
}

/** Decodes one JSON message of either GraphQL subprotocol, given its type table. */
export function decodeGraphqlFrame(f: FrameInput, kinds: Record<string, MessageKind>, startTypes: readonly string[]): FrameDecode {
  const p = parseJson(frameText(f));
  if (!p.ok || !isRecord(p.value) || typeof p.value['type'] !== 'string') return { messages: [], error: 'not a GraphQL over WebSocket message' };
  const m = p.value;
  const type = m['type'] as string;
  const kind = kinds[type];
  if (!kind) return { messages: [], error: `unknown message type ${type}` };
  const id = idOf(m['id']);
  const name = startTypes.includes(type) ? operationName(m['payload']) : undefined;
  return { messages: [{ type, kind, body: m, ...(id !== undefined ? { id, channel: id } : {}), ...(name !== undefined ? { name } : {}) }] };
}

export function createGraphqlTransportWsDecoder(): Decoder {
  // Operation names live on `subscribe`; `next`/`error`/`complete` carry only the id, so remember them.
  const names = new Map<string, string>();
  return {
    push(f) {
      const d = decodeGraphqlFrame(f, KINDS, ['subscribe']);
      for (const m of d.messages) {
        if (m.id === undefined) continue;
        if (m.name !== undefined && names.size < 10_000) names.set(m.id, m.name);
        else if (m.name === undefined && names.has(m.id)) m.name = names.get(m.id);
      }
      return d;
    },
  };
}

export const graphqlTransportWs: ProtocolSpec = { id: 'graphql-transport-ws', label: 'GraphQL (graphql-transport-ws)', create: createGraphqlTransportWsDecoder };
