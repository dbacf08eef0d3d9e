import { describe, expect, it } from 'vitest';
import type { LogFinding } from '../../contracts/session-log-format';
import { findingBadges } from './finding-view';
import { sortFindings } from './finding-view';
import { orderByLineage } from '../connections/lineage-order';

function finding(id: string, severity: LogFinding['severity'], t: number, connectionIds: string[], kind = 'abnormal-close'): LogFinding {
  return { id, kind, severity, t, connectionIds, message: `${id} happened.`, evidence: {} };
}

describe('sortFindings', () => {
  it('lists errors, then warnings, then info, each by time', () => {
    const list = [finding('i1', 'info', 1, []), finding('w2', 'warning', 5, []), finding('e1', 'error', 9, []), finding('w1', 'warning', 2, [])];
    expect(sortFindings(list).map((f) => f.id)).toEqual(['e1', 'w1', 'w2', 'i1']);
  });
});

describe('findingBadges', () => {
  it('counts warning and error findings per connection, with their kinds, ignoring info', () => {
    const badges = findingBadges([
      finding('a', 'error', 1, ['c1'], 'abnormal-close'),
      finding('b', 'warning', 2, ['c1', 'c2', 'c1'], 'reconnect-storm'),
      finding('c', 'warning', 3, ['c1'], 'abnormal-close'),
      finding('d', 'info', 4, ['c3'], 'reconnect'),
    ]);
    expect(badges.get('c1')).toEqual({ count: 3, kinds: ['abnormal-close', 'reconnect-storm'] });
    expect(badges.get('c2')).toEqual({ count: 1, kinds: ['reconnect-storm'] });
    expect(badges.has('c3')).toBe(false);
  });
});

describe('orderByLineage', () => {
  const rows = ['a1', 'x', 'a2', 'y', 'a3'].map((id) => ({ id }));
  const lineages = {
    a1: { lineageId: 'a1', attempt: 1 },
    a2: { lineageId: 'a1', attempt: 2 },
    a3: { lineageId: 'a1', attempt: 3 },
    x: { lineageId: 'x', attempt: 1 },
  };

  it('puts later attempts right under the first connection of their lineage, in attempt order', () => {
    expect(orderByLineage([rows[0]!, rows[1]!, rows[4]!, rows[3]!, rows[2]!], lineages).map((r) => r.id)).toEqual(['a1', 'a2', 'a3', 'x', 'y']);
  });

  it('keeps the order when nothing is known, or when the first connection is not in the list', () => {
    expect(orderByLineage(rows, {}).map((r) => r.id)).toEqual(['a1', 'x', 'a2', 'y', 'a3']);
    expect(orderByLineage(rows.slice(1), lineages).map((r) => r.id)).toEqual(['x', 'a2', 'y', 'a3']);
  });
});
