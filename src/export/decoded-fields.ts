// The optional `decoded` field of exported events: each WebSocket's frames read by its protocol
// decoder in seq order, reduced to types, names and ids (the payload itself stays in `data`).

import type { LogDecoded, LogEvent } from '../contracts/session-log-format';
import { ConnectionDecoder } from '../protocols/connection-decoder';
import { frameOfEvent } from '../protocols/event-frame';
import { protocolOverride } from '../analysis/protocol-messages';
import type { FieldOverride } from '../contracts/settings';

interface ChannelOf {
  id: string;
  kind: string;
  url: string;
  protocol?: string;
}

/** Call `annotate` for each connection's events in seq order; connections may interleave. */
export function createEventDecoder(connections: readonly ChannelOf[], overrides?: readonly FieldOverride[]): { annotate(e: LogEvent): LogEvent } {
  const info = new Map(connections.filter((c) => c.kind === 'websocket').map((c) => [c.id, c]));
  const decoders = new Map<string, ConnectionDecoder>();
  return {
    annotate(e) {
      const c = info.get(e.connectionId);
      const frame = c ? frameOfEvent(e) : null;
      if (!c || !frame) return e;
      let d = decoders.get(c.id);
      if (!d) {
        const override = protocolOverride(c.url, overrides);
        decoders.set(c.id, (d = new ConnectionDecoder({ url: c.url, ...(c.protocol ? { protocol: c.protocol } : {}), ...(override ? { override } : {}) })));
      }
      const r = d.push(frame);
      if (!r.detection || !r.decode) return e;
      const { messages, partial, error } = r.decode;
      const decoded: LogDecoded = {
        protocol: r.detection.id,
        messages: messages.map((m) => ({ type: m.type, kind: m.kind, ...(m.name !== undefined ? { name: m.name } : {}), ...(m.id !== undefined ? { id: m.id } : {}), ...(m.channel !== undefined ? { channel: m.channel } : {}) })),
        ...(partial ? { partial: { type: partial.type, ...(partial.name !== undefined ? { name: partial.name } : {}) } } : {}),
        ...(error !== undefined ? { error } : {}),
      };
      return { ...e, decoded };
    },
  };
}
