// resume-mismatch: after an EventSource reconnect (its own, or a new EventSource the page built),
// the server did not continue right after the Last-Event-ID it was sent: it skipped ahead
// (events lost), replayed events the page already had, or started over from the beginning — the
// last also for non-numeric ids. A rebuilt EventSource sends no Last-Event-ID at all
// (EventSource/eventsource#291) unless the page puts the id in the URL; the sentence says so.

import { capFindings, makeFinding } from '../finding';
import { label, plural, quoteId, range } from '../format';
import type { ResumeObservation } from '../id-observations';
import { sseCaveat } from '../id-wording';
import type { Shared } from '../shared-analysis';
import type { Evidence, Finding, Severity } from '../types';

export function detectResumeMismatches(shared: Shared): Finding[] {
  const out: Finding[] = [];
  for (const ids of shared.ids.values()) {
    const found: Finding[] = [];
    for (const o of ids.observations) if (o.type === 'resume') found.push(finding(shared, ids.lineageId, o));
    out.push(...capFindings(found, `lineage ${ids.lineageId}`, 'resume mismatches of this connection'));
  }
  return out;
}

function finding(shared: Shared, lineageId: string, o: ResumeObservation): Finding {
  const view = shared.ctx.byId.get(o.firstAfter.connectionId)!;
  const b = o.boundary;
  const sent = b.sentId;
  const evidence: Evidence = {
    lineageId, verdict: o.verdict, boundary: b.type, lastSeen: o.lastSeen, lastSeenEvent: o.lastSeenRef, got: o.got, firstAfter: o.firstAfter,
    lastEventIdSent: sent === undefined ? 'unknown' : sent,
    lastEventIdSource: b.sentSource === 'inferred' ? 'inferred from the last event the page saw (no request observation)' : (b.sentSource ?? 'unknown'),
  };
  if (b.downtimeMs !== undefined) evidence.downtimeMs = b.downtimeMs;
  if (b.at) evidence.reconnected = b.at;
  if (o.expected !== undefined) evidence.expected = o.expected;
  let severity: Severity = 'warning';
  let suffix = '';
  const rebuilt = b.type === 'new-connection' && b.sentSource === 'new-eventsource';
  const how = rebuilt
    ? 'after the page replaced its EventSource with a new one, which sends no Last-Event-ID,'
    : sent ? `after reconnecting with Last-Event-ID ${quoteId(sent)}` : 'after reconnecting without a Last-Event-ID';
  let what: string;
  if (o.verdict === 'skipped') {
    evidence.missingFrom = o.missingFrom!;
    evidence.missingTo = o.missingTo!;
    evidence.missingCount = o.missingCount!;
    const c = sseCaveat(view);
    severity = c.severity;
    suffix = c.suffix;
    Object.assign(evidence, c.evidence);
    what = `the server continued at id ${quoteId(o.got)}, so ${o.missingFrom === o.missingTo ? 'id' : 'ids'} ${range(o.missingFrom!, o.missingTo!)} (${plural(o.missingCount!, 'event')}) never reached the page`;
  } else if (o.verdict === 'replayed') {
    evidence.replayed = o.replayed;
    if (o.lastReplayed) evidence.lastReplayed = o.lastReplayed;
    what = `the server resent ${plural(o.replayed, 'event')} the page already had, starting at id ${quoteId(o.got)}`;
  } else {
    evidence.replayed = o.replayed;
    what = `the server started over from id ${quoteId(o.got)} instead of continuing after ${quoteId(o.lastSeen)}`;
  }
  return makeFinding({
    kind: 'resume-mismatch', severity, t: o.t, connectionIds: [o.lastSeenRef.connectionId, o.firstAfter.connectionId],
    message: `${label(view.conn)} did not resume where it left off: ${how} ${what}${suffix}.`,
    evidence,
    anchor: { firstAfter: o.firstAfter },
  });
}
