// event-id-gap: a numeric id sequence (SSE ids, or a WebSocket sequence field) skipped values —
// inside one connection, or across a WebSocket reconnect (what was missed while disconnected).
// Ids that arrived later are not counted as missing (see event-id-out-of-order). SSE boundaries
// are judged by resume-mismatch instead.

import { makeFinding } from '../finding';
import { label, plural } from '../format';
import { acrossEvidence, acrossText, idsText, sseCaveat } from '../id-wording';
import type { Shared } from '../shared-analysis';
import { findingsFromIdObservations } from './id-observation-findings';
import type { Evidence, Finding, Severity } from '../types';

export function detectEventIdGaps(shared: Shared): Finding[] {
  return findingsFromIdObservations(shared, 'gap', 'id gaps of this connection', (o, ids) => {
    const missing = o.count - o.filled;
    if (missing <= 0) return undefined;
    const view = shared.ctx.byId.get(o.after.connectionId)!;
    const sse = view.conn.kind === 'eventsource';
    const evidence: Evidence = {
      lineageId: ids.lineageId, field: ids.field, from: o.from, to: o.to, count: o.count, missing, lateArrivals: o.filled,
      before: o.before, after: o.after, ...acrossEvidence(o.across),
    };
    let severity: Severity = 'warning';
    let suffix = '';
    if (sse) {
      const c = sseCaveat(view);
      severity = c.severity;
      suffix = c.suffix;
      Object.assign(evidence, c.evidence);
    }
    const unit = sse ? 'event' : 'message';
    const counted = o.filled > 0 ? `${missing} of ${o.count} ${unit}s never arrived, the rest came late` : `${plural(missing, unit)} never arrived`;
    const message = o.across
      ? `${label(view.conn)} missed ${idsText(ids.field, o.from, o.to)} (${counted})${acrossText(o.across)}: the new connection did not catch up${suffix}.`
      : `${label(view.conn)} skipped ${idsText(ids.field, o.from, o.to)} (${counted})${suffix}.`;
    return makeFinding({
      kind: 'event-id-gap', severity, t: o.t, connectionIds: [o.before.connectionId, o.after.connectionId], message, evidence,
      anchor: { after: o.after },
    });
  });
}
