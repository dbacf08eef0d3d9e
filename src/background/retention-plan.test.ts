import { describe, expect, it } from 'vitest';
import { planQuotaRelief, planRetention, type StoredPage } from './retention-plan';

const DAY = 86_400_000;
const now = 100 * DAY;
const page = (id: string, daysAgo: number, bytes: number): StoredPage => ({ id, tabId: 1, startedAt: now - daysAgo * DAY, bytes });

describe('planRetention', () => {
  const pages = [page('new', 0.1, 100), page('old', 9, 100), page('mid', 3, 100), page('older', 20, 100)];

  it('deletes pages older than the age limit, oldest first, but never protected ones', () => {
    const plan = planRetention(pages, { now, retentionDays: 7, retentionMaxBytes: 0 }, new Set(['older']));
    expect(plan.expired.map((p) => p.id)).toEqual(['old']);
    expect(plan.oversize).toEqual([]);
    expect(plan.totalBytes).toBe(400);
    expect(plan.keptBytes).toBe(300);
  });

  it('deletes the oldest pages until the total fits the size limit', () => {
    const plan = planRetention(pages, { now, retentionDays: 0, retentionMaxBytes: 250 }, new Set());
    expect(plan.oversize.map((p) => p.id)).toEqual(['older', 'old']);
    expect(plan.keptBytes).toBe(200);
  });

  it('skips protected pages when making room and stops when only they are left', () => {
    const plan = planRetention(pages, { now, retentionDays: 0, retentionMaxBytes: 50 }, new Set(['older', 'new']));
    expect(plan.oversize.map((p) => p.id)).toEqual(['old', 'mid']);
    expect(plan.keptBytes).toBe(200);
  });

  it('age and size together: expired pages count as already gone', () => {
    const plan = planRetention(pages, { now, retentionDays: 7, retentionMaxBytes: 150 }, new Set());
    expect(plan.expired.map((p) => p.id)).toEqual(['older', 'old']);
    expect(plan.oversize.map((p) => p.id)).toEqual(['mid']);
  });

  it('no limits: nothing to delete', () => {
    const plan = planRetention(pages, { now, retentionDays: 0, retentionMaxBytes: 0 }, new Set());
    expect(plan.expired).toEqual([]);
    expect(plan.oversize).toEqual([]);
  });
});

describe('planQuotaRelief', () => {
  const pages = [page('a', 3, 10), page('b', 2, 10), page('c', 1, 10), page('d', 0, 10)];
  it('oldest unprotected pages until enough is freed', () => {
    expect(planQuotaRelief(pages, 15, new Set(['a'])).map((p) => p.id)).toEqual(['b', 'c']);
  });
  it('at least one page even when estimates are zero', () => {
    expect(planQuotaRelief([page('x', 1, 0), page('y', 0, 0)], 0, new Set()).map((p) => p.id)).toEqual(['x']);
  });
  it('nothing when everything is protected', () => {
    expect(planQuotaRelief(pages, 100, new Set(['a', 'b', 'c', 'd']))).toEqual([]);
  });
});
