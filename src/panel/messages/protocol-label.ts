// What the message list shows of a decoded frame in its Type and Name columns: one line, the
// first data message's type and name, how many more the frame holds, or the piece it carries.

import type { ConnectionDecode } from '../../protocols/connection-decoder';

/** Plain data: posted from the filter worker as is. */
export interface ProtocolLabel {
  seq: number;
  type: string;
  name?: string;
  keepalive?: true;
  /** The frame is not this protocol (shown raw). */
  error?: true;
}

export function protocolLabel(seq: number, d: ConnectionDecode | null): ProtocolLabel | null {
  const decode = d?.decode;
  if (!d?.detection || !decode) return null;
  if (decode.error !== undefined && decode.messages.length === 0) return { seq, type: '?', error: true };
  const msgs = decode.messages;
  if (msgs.length === 0) return decode.partial ? { seq, type: `${decode.partial.type} (part)`, ...(decode.partial.name ? { name: decode.partial.name } : {}) } : null;
  // A frame with a heart-beat and a MESSAGE is about the MESSAGE.
  const main = msgs.find((m) => m.kind !== 'keepalive') ?? msgs[0]!;
  const more = msgs.length > 1 ? ` +${msgs.length - 1}` : '';
  return {
    seq,
    type: `${main.type}${more}`,
    ...(main.name !== undefined ? { name: main.name } : {}),
    ...(msgs.every((m) => m.kind === 'keepalive') ? { keepalive: true as const } : {}),
  };
}
