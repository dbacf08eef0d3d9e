// The shapes every protocol decoder shares: a connection's frames go in, one decode per frame
// comes out, each listing the protocol messages that frame completed.

export type ProtocolId =
  | 'socket.io'
  | 'graphql-transport-ws'
  | 'graphql-ws-legacy'
  | 'stomp'
  | 'mqtt'
  | 'signalr-json'
  | 'signalr-msgpack'
  | 'phoenix'
  | 'actioncable'
  | 'sockjs'
  | 'wamp'
  | 'json-rpc'
  | 'msgpack'
  | 'cbor';

/** One WebSocket frame (or SSE message) of a connection, in seq order. */
export interface FrameInput {
  seq: number;
  direction?: 'in' | 'out';
  /** A text frame's payload. */
  text?: string;
  /** A binary frame's payload. */
  bytes?: Uint8Array;
  /** The recorder kept only the start of the payload: stream decoders cannot go on after it. */
  truncated?: boolean;
}

/**
 * What a message is for. Findings pair `request` with `reply` by `id`; the panel hides
 * `keepalive`; `subscribe`/`unsubscribe` tell which topics a connection holds.
 */
export type MessageKind = 'keepalive' | 'data' | 'request' | 'reply' | 'error' | 'subscribe' | 'unsubscribe' | 'control';

export interface ProtocolMessage {
  /** The protocol's own name for the message type: EVENT, PUBLISH, next, MESSAGE, phx_join… */
  type: string;
  kind: MessageKind;
  /** What a person looks for: event name, topic, operation, destination, method, target. */
  name?: string;
  /** Pairs a request with its answer (ack id, packet id, operation id, receipt, invocation id). */
  id?: string;
  /** What the message belongs to when the protocol multiplexes (namespace, subscription, channel). */
  channel?: string;
  /** The decoded message as a tree (plain JSON-like data). */
  body: unknown;
  /** Frames the message was read from, when more than the one that completed it. */
  seqs?: number[];
}

export interface FrameDecode {
  messages: ProtocolMessage[];
  /** A message this frame holds a piece of, not complete yet (MQTT packet spanning frames, a Socket.IO attachment awaited). */
  partial?: { type: string; name?: string };
  /** Why (part of) the frame is not this protocol: it is shown raw, never hidden. */
  error?: string;
}

/** Per-connection decoding state: feed frames in seq order. Never throws. */
export interface Decoder {
  push(frame: FrameInput): FrameDecode;
}

/** What the decoder may know from the connection before its first frame. */
export interface DecodeContext {
  url?: string;
}

export interface ProtocolSpec {
  id: ProtocolId;
  label: string;
  create(ctx?: DecodeContext): Decoder;
}
