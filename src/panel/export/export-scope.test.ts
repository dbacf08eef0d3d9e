import { describe, expect, it } from 'vitest';
import type { ConnectionRow, PageRow } from '../../contracts/model';
import { exportScopeFor, scopeFileTag } from './export-scope';

const page = (id: string, startedAt: number) => ({ id, tabId: 3, url: 'http://h/', startedAt }) as PageRow;
const conn = (id: string, pageId: string) => ({ id, pageId, tabId: 3 }) as ConnectionRow;
const state = {
  selectedId: 'c2' as string | null,
  pages: [page('p1', 1), page('p2', 5)],
  connections: [conn('c1', 'p1'), conn('c2', 'p1')],
  analysis: { findings: [], stats: {}, lineages: { c2: { lineageId: 'c1', attempt: 2 } } } as never,
};

describe('exportScopeFor', () => {
  it('maps each scope to filters', () => {
    expect(exportScopeFor('connection', 3, state)).toEqual({ tabIds: [3], connectionIds: ['c2'] });
    expect(exportScopeFor('lineage', 3, state)).toEqual({ tabIds: [3], lineageIds: ['c1'] });
    expect(exportScopeFor('page', 3, state)).toEqual({ tabIds: [3], pageIds: ['p1'] });
    expect(exportScopeFor('tab', 3, state)).toEqual({ tabIds: [3] });
    expect(exportScopeFor('all', 3, state)).toEqual({});
  });
  it('without a selection: the latest page load; connection scopes ask for one', () => {
    const none = { ...state, selectedId: null };
    expect(exportScopeFor('page', 3, none)).toEqual({ tabIds: [3], pageIds: ['p2'] });
    expect(() => exportScopeFor('connection', 3, none)).toThrow('Select a connection first.');
    expect(() => exportScopeFor('lineage', 3, none)).toThrow('Select a connection first.');
  });
  it('names files by scope', () => {
    expect([scopeFileTag('tab', 3), scopeFileTag('lineage', 3), scopeFileTag('all', 3)]).toEqual(['tab3', 'tab3-lineage', 'all-tabs']);
  });
});
