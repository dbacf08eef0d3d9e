// event-id-duplicate (warning): ids that had already arrived arrived again (a run of them is one
// finding). For SSE an event without an `id:` line repeats the previous id and is not counted;
// replays right after an SSE reconnect are reported as resume-mismatch instead.

import { makeFinding } from '../finding';
import { label, plural } from '../format';
import { acrossEvidence, acrossText, idsText } from '../id-wording';
import type { Shared } from '../shared-analysis';
import { findingsFromIdObservations } from './id-observation-findings';
import type { Finding } from '../types';

export function detectEventIdDuplicates(shared: Shared): Finding[] {
  return findingsFromIdObservations(shared, 'duplicate', 'duplicate runs of this connection', (o, ids) => {
    const view = shared.ctx.byId.get(o.first.connectionId)!;
    const unit = view.conn.kind === 'eventsource' ? 'event' : 'message';
    return makeFinding({
      kind: 'event-id-duplicate', severity: 'warning', t: o.t, connectionIds: [o.first.connectionId, o.last.connectionId],
      message: `${label(view.conn)} received ${idsText(ids.field, o.from, o.to)} a second time (${plural(o.count, `duplicate ${unit}`)})${acrossText(o.across) ? ' after reconnecting' : ''}, so the page may apply them twice.`,
      evidence: { lineageId: ids.lineageId, field: ids.field, from: o.from, to: o.to, count: o.count, first: o.first, last: o.last, ...acrossEvidence(o.across) },
      anchor: { first: o.first },
    });
  });
}
