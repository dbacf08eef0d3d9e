// event-id-reset: the sequence went back to (or below) where it started — the server restarted
// its counter, or replayed everything from the beginning (warning). Inside one connection, or
// across a WebSocket reconnect; an SSE resume that starts over is a resume-mismatch instead.
// A new WebSocket whose field starts again at the lineage's very first value is a per-connection
// counter: that is info, since such a counter cannot tell what was missed while disconnected.

import { makeFinding } from '../finding';
import { label } from '../format';
import { acrossEvidence } from '../id-wording';
import type { Shared } from '../shared-analysis';
import { findingsFromIdObservations } from './id-observation-findings';
import type { Finding } from '../types';

export function detectEventIdResets(shared: Shared): Finding[] {
  return findingsFromIdObservations(shared, 'reset', 'id resets of this connection', (o, ids) => {
    const view = shared.ctx.byId.get(o.after.connectionId)!;
    const what = ids.field === 'lastEventId' ? 'ids' : `${JSON.stringify(ids.field)} values`;
    const perConnection = o.across?.type === 'new-connection' && o.to === ids.initial;
    const message = perConnection
      ? `${label(view.conn)} saw its ${what} start again at ${o.to} on the new connection after reaching ${o.fromMax}, so they count per connection and cannot show what was missed while it was disconnected.`
      : `${label(view.conn)} saw its ${what} go back to ${o.to} after reaching ${o.fromMax}${o.across ? ' when it reconnected' : ''}, so the server restarted its counter or replayed from the beginning.`;
    return makeFinding({
      kind: 'event-id-reset', severity: perConnection ? 'info' : 'warning', t: o.t, connectionIds: [o.before.connectionId, o.after.connectionId], message,
      evidence: { lineageId: ids.lineageId, field: ids.field, fromMax: o.fromMax, to: o.to, perConnectionCounter: perConnection, before: o.before, after: o.after, ...acrossEvidence(o.across) },
      anchor: { after: o.after },
    });
  });
}
