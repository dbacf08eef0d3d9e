// Widths the user dragged the connections table's columns to, kept in localStorage (the panel's
// own origin) so they survive closing DevTools. Pure parsing here; storage access is injected.

import { isColumnName, type ColumnName } from './table-sort';

export type ColumnWidths = Partial<Record<ColumnName, number>>;

export const COLUMN_WIDTHS_KEY = 'ri.panel.columnWidths.v1';
export const MIN_COLUMN_WIDTH = 28;
export const MAX_COLUMN_WIDTH = 2000;

export function clampWidth(px: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, px)));
}

/** What localStorage held, checked: anything malformed is dropped rather than trusted. */
export function parseColumnWidths(raw: string | null): ColumnWidths {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: ColumnWidths = {};
  for (const [name, px] of Object.entries(value)) {
    if (isColumnName(name) && typeof px === 'number' && Number.isFinite(px)) out[name] = clampWidth(px);
  }
  return out;
}

export function withWidth(widths: ColumnWidths, column: ColumnName, px: number): ColumnWidths {
  return { ...widths, [column]: clampWidth(px) };
}

export interface WidthStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function loadColumnWidths(storage: WidthStorage | undefined): ColumnWidths {
  try {
    return parseColumnWidths(storage?.getItem(COLUMN_WIDTHS_KEY) ?? null);
  } catch {
    return {}; // storage disabled for the extension origin: widths just do not persist
  }
}

export function saveColumnWidths(storage: WidthStorage | undefined, widths: ColumnWidths): void {
  try {
    storage?.setItem(COLUMN_WIDTHS_KEY, JSON.stringify(widths));
  } catch {
    // Quota or disabled storage: the widths still apply for this session.
  }
}
