// subscription-lost (warning): in a lineage, a connection dropped and the one that replaced it
// never subscribed again to some of what was active before the drop — topics, destinations,
// channels, namespaces, GraphQL subscriptions — within RESUBSCRIBE_GRACE_MS (or before it ended
// too). Those updates stop arriving while the page looks connected: the "missed updates after a
// reconnect" this tool exists to show.

import { makeFinding, ref } from '../finding';
import { label, plural } from '../format';
import { decodedConnection, type DecodedConnection } from '../protocol-messages';
import type { Shared } from '../shared-analysis';
import { PROTOCOL_EVIDENCE_MAX, RESUBSCRIBE_GRACE_MS } from '../thresholds';
import type { EventRef, Finding } from '../types';
import { protocolSpec } from '../../protocols/registry';

/** What one subscribe message subscribes to (an MQTT SUBSCRIBE may name several topics). */
export function keysOf(protocol: string, name: string | undefined): string[] {
  if (name === undefined || name === '') return [];
  return protocol === 'mqtt' ? name.split(', ') : [name];
}

/** Subscriptions active at the end of a connection, with the event that made each. */
export function activeAtEnd(d: DecodedConnection): Map<string, EventRef> {
  const active = new Map<string, EventRef>();
  // A subscription's keys by its channel / id, so an unsubscribe or an ending by id removes it.
  const byHandle = new Map<string, string[]>();
  for (const { ev, dir, msg } of d.messages) {
    const handle = msg.channel ?? msg.id;
    if (msg.kind === 'subscribe' && dir === 'out') {
      const keys = keysOf(d.protocol, msg.name);
      for (const k of keys) active.set(k, ref(ev));
      if (handle !== undefined) byHandle.set(handle, keys);
      continue;
    }
    // Ends: an unsubscribe (either side), an error about it (a refused SUBACK, a GraphQL error),
    // a SignalR stream's completion.
    const ends = msg.kind === 'unsubscribe' || msg.kind === 'error' || (msg.kind === 'reply' && (d.protocol === 'signalr-json' || d.protocol === 'signalr-msgpack'));
    if (!ends) continue;
    const keys = (handle !== undefined ? byHandle.get(handle) : undefined) ?? (msg.kind === 'unsubscribe' ? keysOf(d.protocol, msg.name) : []);
    for (const k of keys) active.delete(k);
    if (handle !== undefined) byHandle.delete(handle);
  }
  return active;
}

export function detectSubscriptionsLost(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const lineage of shared.ctx.lineages) {
    for (const view of lineage.conns) {
      const next = view.next;
      if (!next) continue;
      const overrides = shared.ctx.options.protocolOverrides;
      const before = decodedConnection(view, overrides);
      if (!before) continue;
      const active = activeAtEnd(before);
      if (active.size === 0) continue;
      const after = decodedConnection(next, overrides);
      if (after && after.protocol !== before.protocol) continue;
      const start = next.conn.openedAt ?? next.conn.createdAt;
      const until = start + RESUBSCRIBE_GRACE_MS;
      // Too early to tell: the new connection is live and has not had its grace period yet.
      if (next.end.t === undefined && shared.ctx.now < until) continue;
      const again = new Set<string>();
      for (const m of after?.messages ?? []) if (m.dir === 'out' && m.msg.kind === 'subscribe' && m.ev.t <= until) for (const k of keysOf(before.protocol, m.msg.name)) again.add(k);
      const lost = [...active].filter(([k]) => !again.has(k));
      if (lost.length === 0) continue;
      const protocol = protocolSpec(before.protocol)?.label ?? before.protocol;
      const names = lost.map(([k]) => k);
      out.push(makeFinding({
        kind: 'subscription-lost', severity: 'warning', t: start, connectionIds: [view.conn.id, next.conn.id],
        message: `After ${label(view.conn)} reconnected, ${plural(lost.length, `${protocol} subscription`)} active before the drop ${lost.length === 1 ? 'was' : 'were'} not made again: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}.`,
        evidence: {
          protocol: before.protocol,
          lost: lost.slice(0, PROTOCOL_EVIDENCE_MAX).map(([name, subscribed]) => ({ name, subscribed })),
          count: lost.length,
          resubscribed: [...again].sort().slice(0, PROTOCOL_EVIDENCE_MAX),
          graceMs: RESUBSCRIBE_GRACE_MS,
        },
        anchor: { from: view.conn.id, to: next.conn.id },
      }));
    }
  }
  return out;
}
