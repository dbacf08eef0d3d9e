// The targets of issue 6 and the panel/export budgets, in one place: tables mark ✓/✗ against them.
export const PAGE_TARGET_SMALL = 1.1;
export const PAGE_TARGET_LARGE = 1.03;
export const INGEST_TARGET = 50_000;
export const PANEL_BUDGETS = { firstRowsMs: 500, filterMs: 1000, frameMs: 50, heapMB: 300 };
