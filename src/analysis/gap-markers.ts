// Where the message list marks what never arrived, as SSE panels do: for one connection, the
// first event after each gap of an event-id-gap or a skipping resume-mismatch finding, with a
// short text ("ids 4–6 never arrived"). Pure: reads the findings' evidence only.

interface FindingLike {
  kind: string;
  evidence: Record<string, unknown>;
}

function refSeq(x: unknown, connectionId: string): number | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const r = x as { connectionId?: unknown; seq?: unknown };
  return r.connectionId === connectionId && typeof r.seq === 'number' ? r.seq : undefined;
}

function rangeText(field: unknown, from: number, to: number): string {
  const what = field === 'lastEventId' || field === undefined ? 'ids' : `"${String(field)}"`;
  const count = to - from + 1;
  return `${what} ${from === to ? from : `${from}–${to}`} never arrived${count > 1 ? ` (${count})` : ''}`;
}

/** Per seq of `connectionId`: the marker to show before that event. */
export function gapMarkers(findings: readonly FindingLike[], connectionId: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const f of findings) {
    const e = f.evidence;
    let seq: number | undefined;
    let from: unknown;
    let to: unknown;
    if (f.kind === 'event-id-gap') {
      seq = refSeq(e.after, connectionId);
      from = e.from;
      to = e.to;
    } else if (f.kind === 'resume-mismatch' && e.verdict === 'skipped') {
      seq = refSeq(e.firstAfter, connectionId);
      from = e.missingFrom;
      to = e.missingTo;
    }
    if (seq === undefined || typeof from !== 'number' || typeof to !== 'number') continue;
    const text = rangeText(e.field, from, to);
    out.set(seq, out.has(seq) ? `${out.get(seq)}; ${text}` : text);
  }
  return out;
}
