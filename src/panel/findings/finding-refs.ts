// The events a finding's evidence names: `{ connectionId, seq }` pairs, alone or in arrays and
// nested objects (docs/findings.md "A finding"). The panel highlights the first one.

export interface EventRef {
  connectionId: string;
  seq: number;
}

function isEventRef(x: unknown): x is EventRef {
  return typeof x === 'object' && x !== null && typeof (x as EventRef).connectionId === 'string' && Number.isInteger((x as EventRef).seq);
}

/** Every event reference in the evidence, in the order its keys list them (depth-first). */
export function eventRefs(evidence: unknown): EventRef[] {
  const out: EventRef[] = [];
  const visit = (x: unknown, depth: number) => {
    if (depth > 8) return; // evidence is shallow; this only bounds a malformed message
    if (isEventRef(x)) out.push({ connectionId: x.connectionId, seq: x.seq });
    else if (Array.isArray(x)) for (const v of x) visit(v, depth + 1);
    else if (typeof x === 'object' && x !== null) for (const v of Object.values(x)) visit(v, depth + 1);
  };
  visit(evidence, 0);
  return out;
}

/** The first event the evidence names on `connectionId`, if any. */
export function firstEventRef(evidence: unknown, connectionId: string): EventRef | undefined {
  return eventRefs(evidence).find((r) => r.connectionId === connectionId);
}
