import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT, durationMs, keepsLineageOrder, nextSort, reconnectCount, sortConnections, type SortContext } from './table-sort';
import { connRow } from '../test-fixtures';

const ctx = (over: Partial<SortContext> = {}): SortContext => ({ lineages: {}, badges: new Map(), now: 10_000, ...over });
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

const a = connRow('a', { createdAt: 100, url: 'ws://h/b', messagesIn: 5, messagesOut: 1, bytesIn: 10, bytesOut: 0, closedAt: 600, state: 'closed', close: { code: 1006, reason: '', wasClean: false } });
const b = connRow('b', { createdAt: 200, url: 'ws://h/a', messagesIn: 1, messagesOut: 9, bytesIn: 1, bytesOut: 1, kind: 'eventsource', reconnects: 2 });
const c = connRow('c', { createdAt: 300, url: 'ws://h/c', messagesIn: 5, messagesOut: 0, bytesIn: 100, bytesOut: 5, closedAt: 350, state: 'closed', close: { code: 1000, reason: '', wasClean: true } });

describe('sortConnections', () => {
  it('sorts by start (creation) by default, and descending reverses it', () => {
    expect(ids(sortConnections([c, a, b], DEFAULT_SORT, ctx()))).toEqual(['a', 'b', 'c']);
    expect(ids(sortConnections([c, a, b], { column: 'start', direction: 'descending' }, ctx()))).toEqual(['c', 'b', 'a']);
  });

  it('sorts by URL, kind, bytes and messages', () => {
    expect(ids(sortConnections([a, b, c], { column: 'url', direction: 'ascending' }, ctx()))).toEqual(['b', 'a', 'c']);
    expect(ids(sortConnections([a, b, c], { column: 'kind', direction: 'ascending' }, ctx()))).toEqual(['b', 'a', 'c']);
    expect(ids(sortConnections([a, b, c], { column: 'bytes', direction: 'descending' }, ctx()))).toEqual(['c', 'a', 'b']);
    expect(ids(sortConnections([a, b, c], { column: 'out', direction: 'descending' }, ctx()))).toEqual(['b', 'a', 'c']);
  });

  it('keeps creation order between equal keys in both directions (rows do not jump on updates)', () => {
    expect(ids(sortConnections([c, b, a], { column: 'in', direction: 'ascending' }, ctx()))).toEqual(['b', 'a', 'c']);
    expect(ids(sortConnections([c, b, a], { column: 'in', direction: 'descending' }, ctx()))).toEqual(['a', 'c', 'b']);
  });

  it('sorts open connections by how long they have been open so far', () => {
    // a: 500 ms, c: 50 ms, b: open since 200 → 9800 ms at now = 10 000.
    expect(ids(sortConnections([a, b, c], { column: 'duration', direction: 'ascending' }, ctx()))).toEqual(['c', 'a', 'b']);
    expect(durationMs(b, 10_000)).toBe(9800);
  });

  it('sorts by state: connecting, open, closing, closed (then by close code)', () => {
    const connecting = connRow('d', { createdAt: 400, state: 'connecting' });
    expect(ids(sortConnections([c, a, b, connecting], { column: 'state', direction: 'ascending' }, ctx()))).toEqual(['d', 'b', 'c', 'a']);
  });

  it('sorts by reconnects (lineage attempts plus EventSource reconnects) and by findings', () => {
    const lineages = { a: { lineageId: 'a', attempt: 1 }, c: { lineageId: 'a', attempt: 4 } };
    expect(reconnectCount(c, lineages)).toBe(3);
    expect(reconnectCount(b, lineages)).toBe(2);
    expect(ids(sortConnections([a, b, c], { column: 'reconnects', direction: 'descending' }, ctx({ lineages })))).toEqual(['c', 'b', 'a']);
    const badges = new Map([['b', { count: 2, kinds: ['x'] }], ['c', { count: 1, kinds: ['y'] }]]);
    expect(ids(sortConnections([a, b, c], { column: 'findings', direction: 'descending' }, ctx({ badges })))).toEqual(['b', 'c', 'a']);
  });
});

describe('nextSort', () => {
  it('starts a new column ascending and flips the same column', () => {
    expect(nextSort(DEFAULT_SORT, 'url')).toEqual({ column: 'url', direction: 'ascending' });
    expect(nextSort({ column: 'url', direction: 'ascending' }, 'url')).toEqual({ column: 'url', direction: 'descending' });
    expect(nextSort({ column: 'url', direction: 'descending' }, 'url')).toEqual({ column: 'url', direction: 'ascending' });
  });

  it('keeps the lineage order only for the default sort', () => {
    expect(keepsLineageOrder(DEFAULT_SORT)).toBe(true);
    expect(keepsLineageOrder({ column: 'start', direction: 'descending' })).toBe(false);
    expect(keepsLineageOrder({ column: 'url', direction: 'ascending' })).toBe(false);
  });
});
