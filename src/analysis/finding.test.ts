import { describe, expect, it } from 'vitest';
import { capFindings, makeFinding } from './finding';

const draft = (i: number) => makeFinding({
  kind: 'event-id-gap', severity: 'warning', t: i, connectionIds: ['c', 'c'], message: `gap ${i}`, evidence: { i },
});

describe('findings', () => {
  it('deduplicates connection ids and derives the id from the anchor', () => {
    const f = draft(1);
    expect(f.connectionIds).toEqual(['c']);
    const grown = makeFinding({ kind: 'backpressure', severity: 'warning', t: 1, connectionIds: ['c'], message: 'm', evidence: { peak: 9 }, anchor: { start: 1 } });
    const again = makeFinding({ kind: 'backpressure', severity: 'warning', t: 1, connectionIds: ['c'], message: 'm', evidence: { peak: 99 }, anchor: { start: 1 } });
    expect(again.id).toBe(grown.id);
  });

  it('caps a scope with one summary finding', () => {
    const all = Array.from({ length: 250 }, (_, i) => draft(i));
    const capped = capFindings(all, 'lineage c', 'id gaps', 100);
    expect(capped).toHaveLength(100);
    expect(capped[99]!.evidence).toMatchObject({ summary: true, omitted: 151 });
    expect(capped[99]!.message).toBe('151 more id gaps happened after the first 99 and are not listed one by one.');
    expect(capFindings(all.slice(0, 100), 's', 'x', 100)).toHaveLength(100);
  });
});
