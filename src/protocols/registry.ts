// Every protocol decoder by id, and the one call that decodes a connection's frames.

import { actionCable } from './actioncable';
import { cbor, msgpack } from './binary-views';
import { graphqlTransportWs } from './graphql-transport-ws';
import { graphqlWsLegacy } from './graphql-ws-legacy';
import { jsonRpc } from './json-rpc';
import { mqtt } from './mqtt';
import { phoenix } from './phoenix';
import { signalrJson } from './signalr';
import { signalrMsgpack } from './signalr-msgpack';
import { sockjs } from './sockjs';
import { socketIo } from './socket-io';
import { stomp } from './stomp';
import type { DecodeContext, Decoder, FrameDecode, FrameInput, ProtocolId, ProtocolSpec } from './types';
import { wamp } from './wamp';

export const PROTOCOLS: readonly ProtocolSpec[] = [socketIo, graphqlTransportWs, graphqlWsLegacy, stomp, mqtt, signalrJson, signalrMsgpack, phoenix, actionCable, sockjs, wamp, jsonRpc, msgpack, cbor];

const BY_ID = new Map<string, ProtocolSpec>(PROTOCOLS.map((p) => [p.id, p]));

export function protocolSpec(id: string): ProtocolSpec | undefined {
  return BY_ID.get(id);
}

export function isProtocolId(id: unknown): id is ProtocolId {
  return typeof id === 'string' && BY_ID.has(id);
}

/**
 * A decoder that never throws, whatever a decoder does with garbage: a bug in one protocol's
 * code costs that frame its decoding, never the list.
 */
export function createDecoder(id: ProtocolId, ctx: DecodeContext = {}): Decoder {
  const spec = BY_ID.get(id)!;
  let inner: Decoder | null = null;
  return {
    push(f: FrameInput): FrameDecode {
      try {
        inner ??= spec.create(ctx);
        return inner.push(f);
      } catch (e) {
        inner = null; // its state may be half-updated: start over
        return { messages: [], error: `decoder failed: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
  };
}

/** The pure view: every frame of a connection decoded in order. */
export function decodeFrames(id: ProtocolId, frames: readonly FrameInput[], ctx: DecodeContext = {}): FrameDecode[] {
  const d = createDecoder(id, ctx);
  return frames.map((f) => d.push(f));
}
