import { expect, it } from 'vitest';
import type { ConnectionRow, PageRow } from '../../contracts/model';
import { groupByPage } from './group-by-page';

const page = (id: string, startedAt: number): PageRow => ({ id, tabId: 1, url: `http://x/${id}`, startedAt });
const conn = (id: string, pageId: string) => ({ id, pageId }) as ConnectionRow;

it('groups connections under their page, in page order, keeping unknown pages last and empty pages out', () => {
  const groups = groupByPage([page('p1', 1), page('p2', 2), page('p3', 3)], [conn('a', 'p2'), conn('b', 'p1'), conn('c', 'p?'), conn('d', 'p2')]);
  expect(groups.map((g) => [g.page?.id, g.connections.map((c) => c.id)])).toEqual([
    ['p1', ['b']],
    ['p2', ['a', 'd']],
    [undefined, ['c']],
  ]);
});
