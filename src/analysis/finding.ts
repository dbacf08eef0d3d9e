// Builds findings: the id comes from the kind and the anchor (default: the whole evidence).

import { findingId } from './finding-id';
import { FINDINGS_CAP_PER_SCOPE } from './thresholds';
import type { AnalysisEvent, EventRef, Evidence, EvidenceValue, Finding, FindingKind, Severity } from './types';

export interface FindingDraft {
  kind: FindingKind;
  severity: Severity;
  t: number;
  connectionIds: readonly string[];
  message: string;
  evidence: Evidence;
  /** What identifies this finding while it grows (e.g. its first event); default: the evidence. */
  anchor?: EvidenceValue;
}

export function makeFinding(d: FindingDraft): Finding {
  const connectionIds = [...new Set(d.connectionIds)];
  return {
    id: findingId(d.kind, d.anchor ?? d.evidence),
    kind: d.kind,
    severity: d.severity,
    t: d.t,
    connectionIds,
    message: d.message,
    evidence: d.evidence,
  };
}

export function ref(ev: Pick<AnalysisEvent, 'connectionId' | 'seq'>): EventRef {
  return { connectionId: ev.connectionId, seq: ev.seq };
}

/**
 * Keeps the first `cap - 1` findings of one scope and replaces the rest with one summary, so a
 * pathological stream (every other id missing for an hour) cannot flood the list.
 */
export function capFindings(found: Finding[], scope: string, what: string, cap = FINDINGS_CAP_PER_SCOPE): Finding[] {
  if (found.length <= cap) return found;
  const kept = found.slice(0, cap - 1);
  const rest = found.slice(cap - 1);
  const first = rest[0]!;
  const ids = new Set<string>();
  for (const f of rest) for (const id of f.connectionIds) ids.add(id);
  const severity = rest.some((f) => f.severity === 'error') ? 'error' : rest.some((f) => f.severity === 'warning') ? 'warning' : 'info';
  kept.push(
    makeFinding({
      kind: first.kind,
      severity,
      t: first.t,
      connectionIds: [...ids],
      message: `${rest.length} more ${what} happened after the first ${cap - 1} and are not listed one by one.`,
      evidence: { summary: true, scope, omitted: rest.length, firstOmitted: first.evidence, lastT: rest[rest.length - 1]!.t },
      anchor: { summary: true, scope },
    }),
  );
  return kept;
}
