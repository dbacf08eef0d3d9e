// protocol-error (warning): the other side answered at protocol level with an error — Socket.IO
// CONNECT_ERROR, a GraphQL error, a STOMP ERROR frame, a refused MQTT CONNACK or SUBACK, a
// SignalR completion or close with an error, a Phoenix error reply, a JSON-RPC error, an Action
// Cable rejection, a WAMP ERROR or ABORT. The WebSocket itself may be healthy. One finding per
// connection, errors grouped by type and name.

import { makeFinding, ref } from '../finding';
import { label, plural } from '../format';
import { decodedConnection, describeMessage } from '../protocol-messages';
import type { Shared } from '../shared-analysis';
import { PROTOCOL_EVIDENCE_MAX } from '../thresholds';
import type { Finding } from '../types';
import { protocolSpec } from '../../protocols/registry';

export function detectProtocolErrors(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const view of shared.ctx.conns) {
    const d = decodedConnection(view, shared.ctx.options.protocolOverrides);
    if (!d) continue;
    // Errors the server sent: what the page sends is its own business (and rarely an error).
    const errors = d.messages.filter((m) => m.dir === 'in' && m.msg.kind === 'error');
    if (errors.length === 0) continue;
    const groups = new Map<string, typeof errors>();
    for (const e of errors) {
      const key = describeMessage(e.msg);
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    const protocol = protocolSpec(d.protocol)?.label ?? d.protocol;
    const named = [...groups].map(([k, list]) => (list.length > 1 ? `${k} ×${list.length}` : k));
    out.push(makeFinding({
      kind: 'protocol-error', severity: 'warning', t: errors[0]!.ev.t, connectionIds: [view.conn.id],
      message: `The server of ${label(view.conn)} answered with ${plural(errors.length, `${protocol} error`)}: ${named.slice(0, 5).join(', ')}${named.length > 5 ? ', …' : ''}.`,
      evidence: {
        protocol: d.protocol,
        count: errors.length,
        errors: errors.slice(0, PROTOCOL_EVIDENCE_MAX).map((e) => ({ event: ref(e.ev), type: e.msg.type, name: e.msg.name ?? null, id: e.msg.id ?? null })),
      },
      anchor: { first: ref(errors[0]!.ev) },
    }));
  }
  return out;
}
