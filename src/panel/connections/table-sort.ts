// The connections table's columns and how each one sorts. Pure: the table component renders
// what `sortConnections` returns, and the unit tests check the order without a DOM.

import type { ConnectionRow } from '../../contracts/model';
import type { FindingBadge } from '../findings/finding-view';
import type { Lineage } from '../store';

export const COLUMNS = ['kind', 'url', 'state', 'start', 'duration', 'in', 'out', 'bytes', 'reconnects', 'findings'] as const;
export type ColumnName = (typeof COLUMNS)[number];

export type SortDirection = 'ascending' | 'descending';
export interface SortSpec {
  column: ColumnName;
  direction: SortDirection;
}

/** DevTools' Network table lists requests in the order they started. */
export const DEFAULT_SORT: SortSpec = { column: 'start', direction: 'ascending' };

export interface SortContext {
  lineages: Readonly<Record<string, Lineage>>;
  badges: ReadonlyMap<string, FindingBadge>;
  /** For the duration of connections that are still open. */
  now: number;
}

/** How long a connection lived (or has lived so far), in ms. */
export function durationMs(c: Pick<ConnectionRow, 'createdAt' | 'closedAt'>, now: number): number {
  return Math.max(0, (c.closedAt ?? now) - c.createdAt);
}

/**
 * Reconnects a row stands for: the sockets of its lineage before it (a page that built a new
 * WebSocket) plus the EventSource's own reconnects (the browser reconnecting the same object).
 */
export function reconnectCount(c: Pick<ConnectionRow, 'id' | 'reconnects'>, lineages: Readonly<Record<string, Lineage>>): number {
  return Math.max(0, (lineages[c.id]?.attempt ?? 1) - 1) + c.reconnects;
}

const STATE_ORDER: Record<ConnectionRow['state'], number> = { connecting: 0, open: 1, closing: 2, closed: 3 };

type Key = (c: ConnectionRow, ctx: SortContext) => number | string;

const KEYS: Record<ColumnName, Key> = {
  kind: (c) => c.kind,
  url: (c) => c.url,
  state: (c) => STATE_ORDER[c.state] * 100_000 + (c.close?.code ?? 0),
  start: (c) => c.createdAt,
  duration: (c, ctx) => durationMs(c, ctx.now),
  in: (c) => c.messagesIn,
  out: (c) => c.messagesOut,
  bytes: (c) => c.bytesIn + c.bytesOut,
  reconnects: (c, ctx) => reconnectCount(c, ctx.lineages),
  findings: (c, ctx) => ctx.badges.get(c.id)?.count ?? 0,
};

const compare = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A new array in the requested order. Ties keep creation order (then id), in both directions,
 * so rows with equal keys do not jump around on every live update.
 */
export function sortConnections<T extends ConnectionRow>(rows: readonly T[], spec: SortSpec, ctx: SortContext): T[] {
  const key = KEYS[spec.column];
  const sign = spec.direction === 'ascending' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, k: key(row, ctx) }));
  keyed.sort((a, b) => sign * compare(a.k, b.k) || a.row.createdAt - b.row.createdAt || compare(a.row.id, b.row.id));
  return keyed.map((x) => x.row);
}

/** Clicking a header: a new column sorts ascending, the same column flips. */
export function nextSort(current: SortSpec, column: ColumnName): SortSpec {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

/** Whether the table keeps the lineage story order (followers under their first socket). */
export function keepsLineageOrder(spec: SortSpec): boolean {
  return spec.column === DEFAULT_SORT.column && spec.direction === DEFAULT_SORT.direction;
}

export function isColumnName(x: unknown): x is ColumnName {
  return typeof x === 'string' && (COLUMNS as readonly string[]).includes(x);
}
