// event-id-out-of-order (warning): ids that were skipped arrived later, after higher ones (a run
// of them is one finding). The gap they left is not reported as missing.

import { capFindings, makeFinding } from '../finding';
import { label, plural } from '../format';
import { idsText } from '../id-wording';
import type { Shared } from '../shared-analysis';
import type { Finding } from '../types';

export function detectEventIdOutOfOrder(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const ids of shared.ids.values()) {
    const found: Finding[] = [];
    for (const o of ids.observations) {
      if (o.type !== 'out-of-order') continue;
      const view = shared.ctx.byId.get(o.first.connectionId)!;
      const unit = view.conn.kind === 'eventsource' ? 'event' : 'message';
      found.push(makeFinding({
        kind: 'event-id-out-of-order', severity: 'warning', t: o.t, connectionIds: [o.first.connectionId, o.last.connectionId],
        message: `${label(view.conn)} received ${idsText(ids.field, o.from, o.to)} late, after higher ones (${plural(o.count, `${unit}`)} out of order).`,
        evidence: { lineageId: ids.lineageId, field: ids.field, from: o.from, to: o.to, count: o.count, first: o.first, last: o.last, acrossReconnect: o.across !== undefined },
        anchor: { first: o.first },
      }));
    }
    out.push(...capFindings(found, `lineage ${ids.lineageId}`, 'out-of-order runs of this connection'));
  }
  return out;
}
