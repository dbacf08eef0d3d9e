// The message list's rows as a window. Browsers cap an element's height (Firefox ≈ 17.9 M px,
// Chromium ≈ 33.5 M px): a scroller as tall as a 1,000,000-row connection at 18 px a row cannot
// reach its last rows in Firefox. So the scroller holds at most `max` rows (indexes base …
// base + size − 1 of the whole list); "Show earlier / later rows" and navigation move the window.
// Pure arithmetic here; message-list.tsx applies it.

/** 500,000 rows × 18 px = 9 M px: well under both browsers' cap. */
export const MAX_VIRTUAL_ROWS = 500_000;
/** The smallest window `?maxRows=` may ask for (tests use a small one to cross windows quickly). */
export const MIN_VIRTUAL_ROWS = 10;

/** The rows of the list: every event (row i is seq i + 1) or a filter's matches (ascending seqs). */
export interface RowSource {
  count: number;
  /** The seq shown at a row index (0 ≤ index < count). */
  seqAt(index: number): number;
  /** The row index of a seq, or -1 when it is not in the list (filtered out, or not yet stored). */
  indexOf(seq: number): number;
}

export function rowSource(total: number, matches: readonly number[] | null): RowSource {
  if (matches) return { count: matches.length, seqAt: (i) => matches[i]!, indexOf: (seq) => binarySearch(matches, seq) };
  return { count: total, seqAt: (i) => i + 1, indexOf: (seq) => (Number.isInteger(seq) && seq >= 1 && seq <= total ? seq - 1 : -1) };
}

/** The part of a `count`-row list the scroller holds. */
export interface RowWindow {
  /** Index of its first row in the whole list. */
  base: number;
  /** Rows in it: min(max, count − base). */
  size: number;
  /** Rows of the list before it (= base) and after it. */
  earlier: number;
  later: number;
}

/** The window's first row when it ends at the list's last row. */
export const tailBase = (count: number, max: number) => Math.max(0, count - max);

export const clampBase = (base: number, count: number, max: number) => Math.min(Math.max(0, Math.floor(base)), tailBase(count, max));

export function windowAt(base: number, count: number, max: number): RowWindow {
  const b = clampBase(base, count, max);
  const size = Math.min(max, count - b);
  return { base: b, size, earlier: b, later: count - b - size };
}

/**
 * Where the window is after the list changed (grew, shrank, filter results came in): while it
 * follows the live end it moves with the tail; while the user reads elsewhere it stays where it
 * was (only clamped to the list).
 */
export const followBase = (base: number, count: number, max: number, sticking: boolean) => (sticking ? tailBase(count, max) : clampBase(base, count, max));

/** The window moved by half its size, so the rows next to the edge the user stood at stay in it. */
export function shiftBase(base: number, direction: 'earlier' | 'later', count: number, max: number): number {
  const step = Math.max(1, Math.floor(max / 2));
  return clampBase(base + (direction === 'earlier' ? -step : step), count, max);
}

/** A window that contains row `index`: the current one if it does, else one centred on it. */
export function baseShowing(index: number, base: number, count: number, max: number): number {
  const w = windowAt(base, count, max);
  if (index >= w.base && index < w.base + w.size) return w.base;
  return clampBase(index - Math.floor(max / 2), count, max);
}

/**
 * The scrollTop that keeps the same row at the top of the viewport after the window moved from
 * `from` to `to`. Row r of a window sits at `edge` (the "Show earlier rows" bar, present when
 * rows lie before it) + (r − base) × rowHeight.
 */
export function scrollTopAfterShift(scrollTop: number, from: RowWindow, to: RowWindow, rowHeight: number, edge: number): number {
  const pad = (w: RowWindow) => (w.earlier > 0 ? edge : 0);
  return Math.max(0, scrollTop + pad(to) - pad(from) + (from.base - to.base) * rowHeight);
}

/** The window size asked for by `?maxRows=N` on the panel page (tests), else MAX_VIRTUAL_ROWS. */
export function maxRowsFrom(search: string): number {
  const raw = new URLSearchParams(search).get('maxRows');
  const n = raw === null || !/^\d+$/.test(raw) ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= MIN_VIRTUAL_ROWS && n <= MAX_VIRTUAL_ROWS ? n : MAX_VIRTUAL_ROWS;
}

/** Index of `seq` in an ascending array, or -1. */
function binarySearch(sorted: readonly number[], seq: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === seq) return mid;
    if (v < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
