// Per-lineage work several detectors share, done once: payload fields, the id analysis, and the
// reconnect story.

import { lineageAttempts, type LineageAttempts } from './attempts';
import { buildContext, type AnalysisContext } from './context';
import { analyzeLineageIds } from './id-analysis';
import type { LineageIds } from './id-observations';
import { extractPayloadFields, type LineageFields } from './payload-fields';
import type { AnalysisInput, Finding } from './types';

export interface Shared {
  ctx: AnalysisContext;
  /** By lineage id. */
  fields: Map<string, LineageFields>;
  ids: Map<string, LineageIds>;
  attempts: Map<string, LineageAttempts>;
}

export type Detector = (shared: Shared) => Finding[];

export function buildShared(ctx: AnalysisContext): Shared {
  const fields = new Map<string, LineageFields>();
  const ids = new Map<string, LineageIds>();
  const attempts = new Map<string, LineageAttempts>();
  for (const lineage of ctx.lineages) {
    const f = extractPayloadFields(lineage, ctx.options);
    fields.set(lineage.id, f);
    const found = analyzeLineageIds(lineage, f);
    if (found) ids.set(lineage.id, found);
    attempts.set(lineage.id, lineageAttempts(lineage));
  }
  return { ctx, fields, ids, attempts };
}

/** For tests: run one detector over an input. */
export function runDetector(detector: Detector, input: AnalysisInput): Finding[] {
  return detector(buildShared(buildContext(input)));
}
