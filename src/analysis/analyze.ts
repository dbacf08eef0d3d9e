// The entry point: one call turns recorded connections and events (live in the background, or an
// imported session log) into findings, lineages and per-connection statistics. Pure and
// deterministic: the same input gives the same output, ids included.

import { buildContext } from './context';
import { buildShared, type Detector } from './shared-analysis';
import { connectionStats } from './stats';
import { FINDING_KINDS, type AnalysisInput, type AnalysisResult, type Finding, type FindingKind } from './types';
import { detectAbnormalCloses } from './kinds/abnormal-close';
import { detectIncompleteStreams } from './kinds/stream-incomplete';
import { detectStreamResumes } from './kinds/stream-resume';
import { detectStreamStalls } from './kinds/stream-stall';
import { detectStreamTiming } from './kinds/stream-timing';
import { detectBackpressure } from './kinds/backpressure';
import { detectConnectionLimitPressure } from './kinds/connection-limit-pressure';
import { detectExpiredCredentials } from './kinds/credential-expired';
import { detectEventIdDuplicates } from './kinds/event-id-duplicate';
import { detectEventIdGaps } from './kinds/event-id-gap';
import { detectEventIdOutOfOrder } from './kinds/event-id-out-of-order';
import { detectEventIdResets } from './kinds/event-id-reset';
import { detectEventSourceFatal } from './kinds/eventsource-fatal';
import { detectReconnectStorms } from './kinds/reconnect-storm';
import { detectReconnects } from './kinds/reconnect';
import { detectResumeMismatches } from './kinds/resume-mismatch';
import { detectServerGoingAway } from './kinds/server-going-away';
import { detectStalledConnects } from './kinds/stalled-connect';
import { detectUnidirectionalWebSockets } from './kinds/unidirectional-websocket';
import { detectWebSocketCeilings } from './kinds/websocket-ceiling';
import { detectUnansweredRequests } from './kinds/unanswered-request';
import { detectProtocolErrors } from './kinds/protocol-error';
import { detectSubscriptionsLost } from './kinds/subscription-lost';
import { recoveryVerdicts } from './recovery/verdicts';

export const DETECTORS: Readonly<Record<FindingKind, Detector>> = {
  'reconnect': detectReconnects,
  'reconnect-storm': detectReconnectStorms,
  'eventsource-fatal': detectEventSourceFatal,
  'event-id-gap': detectEventIdGaps,
  'event-id-duplicate': detectEventIdDuplicates,
  'event-id-out-of-order': detectEventIdOutOfOrder,
  'event-id-reset': detectEventIdResets,
  'resume-mismatch': detectResumeMismatches,
  'connection-limit-pressure': detectConnectionLimitPressure,
  'stalled-connect': detectStalledConnects,
  'websocket-ceiling': detectWebSocketCeilings,
  'abnormal-close': detectAbnormalCloses,
  'server-going-away': detectServerGoingAway,
  'credential-expired': detectExpiredCredentials,
  'backpressure': detectBackpressure,
  'unidirectional-websocket': detectUnidirectionalWebSockets,
  'stream-timing': detectStreamTiming,
  'stream-stall': detectStreamStalls,
  'stream-incomplete': detectIncompleteStreams,
  'stream-resume': detectStreamResumes,
  'unanswered-request': detectUnansweredRequests,
  'protocol-error': detectProtocolErrors,
  'subscription-lost': detectSubscriptionsLost,
};

const KIND_ORDER = new Map<string, number>(FINDING_KINDS.map((k, i) => [k, i]));

export function analyzeSession(input: AnalysisInput): AnalysisResult {
  const ctx = buildContext(input);
  const shared = buildShared(ctx);
  const findings: Finding[] = [];
  for (const kind of FINDING_KINDS) for (const f of DETECTORS[kind](shared)) findings.push(f);
  findings.sort((a, b) => a.t - b.t || KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byId = [...ctx.conns].sort((a, b) => (a.conn.id < b.conn.id ? -1 : a.conn.id > b.conn.id ? 1 : 0));
  return {
    findings,
    lineages: byId.map((v) => ({ connectionId: v.conn.id, lineageId: v.lineageId, attempt: v.attempt })),
    stats: byId.map((v) => connectionStats(v, shared.fields.get(v.lineageId))),
    verdicts: recoveryVerdicts(shared, findings),
  };
}
