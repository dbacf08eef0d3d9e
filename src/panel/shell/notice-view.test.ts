import { describe, expect, it } from 'vitest';
import type { NoticeRow } from '../../contracts/model';
import { visibleNotices } from './notice-view';

const n = (id: number): NoticeRow => ({ id, tabId: 0, t: id, kind: 'quota', message: `n${id}` });

describe('visibleNotices', () => {
  it('newest first, at most three, dismissed ones hidden', () => {
    const all = [1, 2, 3, 4, 5].map(n);
    expect(visibleNotices(all, 0)).toEqual({ shown: [n(5), n(4), n(3)], hidden: 2 });
    expect(visibleNotices(all, 4)).toEqual({ shown: [n(5)], hidden: 0 });
    expect(visibleNotices(all, 5)).toEqual({ shown: [], hidden: 0 });
  });
});
