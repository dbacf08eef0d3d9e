// The loop every event-id-* detector shares: for each lineage's id sequence, turn its
// observations of one type into findings, capped per lineage (finding.ts capFindings).

import { capFindings } from '../finding';
import type { IdObservation, LineageIds } from '../id-observations';
import type { Shared } from '../shared-analysis';
import type { Finding } from '../types';

type ObservationOf<T extends IdObservation['type']> = IdObservation & { type: T };

/**
 * `toFinding` returns undefined for an observation that is not worth a finding.
 * `capWhat` names what the cap's summary counts ("id gaps of this connection").
 */
export function findingsFromIdObservations<T extends IdObservation['type']>(
  shared: Shared,
  type: T,
  capWhat: string,
  toFinding: (o: ObservationOf<T>, ids: LineageIds) => Finding | undefined,
): Finding[] {
  const out: Finding[] = [];
  for (const ids of shared.ids.values()) {
    const found: Finding[] = [];
    for (const o of ids.observations) {
      if (o.type !== type) continue;
      const f = toFinding(o as ObservationOf<T>, ids);
      if (f) found.push(f);
    }
    out.push(...capFindings(found, `lineage ${ids.lineageId}`, capWhat));
  }
  return out;
}
