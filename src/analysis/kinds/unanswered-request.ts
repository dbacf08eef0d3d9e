// unanswered-request (warning): a protocol request that expects an answer with its id — a
// Socket.IO event with an ack id, a JSON-RPC call, a GraphQL query or mutation, an MQTT QoS 1/2
// PUBLISH or SUBSCRIBE, a STOMP frame with a receipt, a SignalR invocation, a WAMP call, a
// Phoenix push — got none within UNANSWERED_REQUEST_MS while its connection stayed up (or before
// the connection ended). One finding per connection; answered requests give the latency figures.

import { makeFinding, ref } from '../finding';
import { formatDuration, label, plural } from '../format';
import { decodedConnection, describeMessage } from '../protocol-messages';
import { requestPairs } from '../protocol-pairs';
import type { Shared } from '../shared-analysis';
import { PROTOCOL_EVIDENCE_MAX, UNANSWERED_REQUEST_MS } from '../thresholds';
import type { Finding } from '../types';
import { protocolSpec } from '../../protocols/registry';

export function detectUnansweredRequests(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const view of shared.ctx.conns) {
    const d = decodedConnection(view, shared.ctx.options.protocolOverrides);
    if (!d) continue;
    const pairs = requestPairs(d);
    // Still live (no end time): up to now.
    const live = view.end.t === undefined;
    const end = view.end.t ?? shared.ctx.now;
    const unanswered = pairs.filter((p) => !p.answer && end - p.request.ev.t >= UNANSWERED_REQUEST_MS);
    // Sent just before the connection ended: the end, not the server, took the answer away.
    const cutByEnd = pairs.filter((p) => !p.answer && end - p.request.ev.t < UNANSWERED_REQUEST_MS && !live);
    const missing = [...unanswered, ...cutByEnd].sort((a, b) => a.request.ev.seq - b.request.ev.seq);
    if (unanswered.length === 0) continue;
    const latencies = pairs.filter((p) => p.answer).map((p) => p.answer!.ev.t - p.request.ev.t).sort((a, b) => a - b);
    const protocol = protocolSpec(d.protocol)?.label ?? d.protocol;
    const first = missing[0]!.request;
    const answered = latencies.length > 0 ? `; ${latencies.length} others were answered in ${formatDuration(latencies[Math.floor(latencies.length / 2)]!)} (median)` : '';
    out.push(makeFinding({
      kind: 'unanswered-request', severity: 'warning', t: first.ev.t, connectionIds: [view.conn.id],
      message: `${plural(missing.length, `${protocol} request`)} on ${label(view.conn)} never got an answer, first ${describeMessage(first.msg)} (id ${first.msg.id})${answered}.`,
      evidence: {
        protocol: d.protocol,
        unanswered: missing.length,
        answered: latencies.length,
        ...(latencies.length > 0 ? { latencyMs: { p50: latencies[Math.floor(latencies.length / 2)]!, max: latencies[latencies.length - 1]! } } : {}),
        requests: missing.slice(0, PROTOCOL_EVIDENCE_MAX).map((p) => ({ event: ref(p.request.ev), type: p.request.msg.type, id: p.request.msg.id!, name: p.request.msg.name ?? null, waitedMs: end - p.request.ev.t })),
      },
      anchor: { first: ref(first.ev) },
    }));
  }
  return out;
}
