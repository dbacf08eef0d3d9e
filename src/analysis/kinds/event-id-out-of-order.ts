// event-id-out-of-order (warning): ids that were skipped arrived later, after higher ones (a run
// of them is one finding). The gap they left is not reported as missing.

import { makeFinding } from '../finding';
import { label, plural } from '../format';
import { idsText } from '../id-wording';
import type { Shared } from '../shared-analysis';
import { findingsFromIdObservations } from './id-observation-findings';
import type { Finding } from '../types';

export function detectEventIdOutOfOrder(shared: Shared): Finding[] {
  return findingsFromIdObservations(shared, 'out-of-order', 'out-of-order runs of this connection', (o, ids) => {
    const view = shared.ctx.byId.get(o.first.connectionId)!;
    const unit = view.conn.kind === 'eventsource' ? 'event' : 'message';
    return makeFinding({
      kind: 'event-id-out-of-order', severity: 'warning', t: o.t, connectionIds: [o.first.connectionId, o.last.connectionId],
      message: `${label(view.conn)} received ${idsText(ids.field, o.from, o.to)} late, after higher ones (${plural(o.count, `${unit}`)} out of order).`,
      evidence: { lineageId: ids.lineageId, field: ids.field, from: o.from, to: o.to, count: o.count, first: o.first, last: o.last, acrossReconnect: o.across !== undefined },
      anchor: { first: o.first },
    });
  });
}
