// A WebSocket connection's frames read by its protocol decoder (src/protocols/), once per
// connection view: the messages the protocol-level detectors pair, count and follow.

import { ConnectionDecoder } from '../protocols/connection-decoder';
import { frameOfEvent } from '../protocols/event-frame';
import type { ProtocolId, ProtocolMessage } from '../protocols/types';
import type { ConnView } from './context';
import { overrideFor } from './url-pattern';
import type { AnalysisEvent, FieldOverride } from './types';

export interface DecodedMessage {
  /** The event whose frame completed the message. */
  ev: AnalysisEvent;
  dir: 'in' | 'out';
  msg: ProtocolMessage;
}

export interface DecodedConnection {
  protocol: ProtocolId;
  messages: DecodedMessage[];
}

const cache = new WeakMap<ConnView, DecodedConnection | null>();

/** The user's choice for a URL (settings.protocolOverrides): a decoder id, 'none', or undefined (detect). */
export function protocolOverride(url: string, overrides: readonly FieldOverride[] | undefined): ProtocolId | 'none' | undefined {
  const o = overrideFor(url, overrides);
  return o === null ? 'none' : (o as ProtocolId | undefined);
}

/** Null for EventSources and WebSockets of no known protocol. `overrides`: the same for every call of one analysis. */
export function decodedConnection(view: ConnView, overrides?: readonly FieldOverride[]): DecodedConnection | null {
  if (cache.has(view)) return cache.get(view)!;
  let out: DecodedConnection | null = null;
  if (view.conn.kind === 'websocket') {
    const override = protocolOverride(view.conn.url, overrides);
    const d = new ConnectionDecoder({ url: view.conn.url, ...(view.conn.protocol ? { protocol: view.conn.protocol } : {}), ...(override ? { override } : {}) });
    const messages: DecodedMessage[] = [];
    for (const ev of view.events) {
      const f = frameOfEvent(ev);
      if (!f) continue;
      const r = d.push(f);
      for (const msg of r.decode?.messages ?? []) messages.push({ ev, dir: ev.direction ?? 'in', msg });
    }
    // Findings from a guess the frames did not bear out would be noise: the decoder settled on
    // a protocol, and it read most of the messages.
    const protocol = d.current?.id;
    if (protocol && messages.length > 0) out = { protocol, messages };
  }
  cache.set(view, out);
  return out;
}

/** "STOMP ERROR “access denied”": a message as a finding's sentence names it. */
export function describeMessage(m: ProtocolMessage): string {
  return m.name ? `${m.type} “${m.name.length > 80 ? `${m.name.slice(0, 77)}…` : m.name}”` : m.type;
}
