import { describe, expect, it } from 'vitest';
import { connRow, pageRow } from './test-fixtures';
import { DEFAULT_VIEW_OPTIONS, currentPageId, historyPages, visibleView } from './view-options';

const pages = [pageRow('p1', 1000), pageRow('p2', 5000)];
const conns = [
  connRow('a', { pageId: 'p1', createdAt: 1100 }),
  connRow('b', { pageId: 'p1', createdAt: 1200 }),
  connRow('c', { pageId: 'p2', createdAt: 5100 }),
  connRow('d', { pageId: 'p2', createdAt: 6000 }),
];
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('visibleView', () => {
  it('shows only the newest load when preserve log is off (DevTools default)', () => {
    const v = visibleView(pages, conns, DEFAULT_VIEW_OPTIONS);
    expect(ids(v.connections)).toEqual(['c', 'd']);
    expect(ids(v.pages)).toEqual(['p2']);
    expect(v.currentPageId).toBe('p2');
  });

  it('shows every load when preserve log is on', () => {
    const v = visibleView(pages, conns, { ...DEFAULT_VIEW_OPTIONS, preserveLog: true });
    expect(ids(v.connections)).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(v.pages)).toEqual(['p1', 'p2']);
  });

  it('hides what was created before Clear, in either mode', () => {
    expect(ids(visibleView(pages, conns, { ...DEFAULT_VIEW_OPTIONS, clearedAt: 5500 }).connections)).toEqual(['d']);
    const preserved = visibleView(pages, conns, { preserveLog: true, clearedAt: 1150, historyPageId: null });
    expect(ids(preserved.connections)).toEqual(['b', 'c', 'd']);
  });

  it('shows one earlier load from the history, even with preserve log off and after a Clear', () => {
    const v = visibleView(pages, conns, { preserveLog: false, clearedAt: 9999, historyPageId: 'p1' });
    expect(ids(v.connections)).toEqual(['a', 'b']);
    expect(ids(v.pages)).toEqual(['p1']);
  });

  it('follows the newest connection’s load while no page row is known', () => {
    expect(currentPageId([], conns)).toBe('p2');
    expect(currentPageId([], [])).toBeUndefined();
  });
});

it('lists earlier loads newest first, without the current one', () => {
  const three = [...pages, pageRow('p0', 10)];
  expect(ids(historyPages(three, conns))).toEqual(['p1', 'p0']);
});
