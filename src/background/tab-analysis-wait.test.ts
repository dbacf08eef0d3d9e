// The live analysis is debounced, but a tab whose traffic commits more often than the debounce
// still gets findings: never later than ANALYSIS_MAX_WAIT_MS after the first waiting change.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openInspectorDb } from '../store/db';
import { ANALYSIS_DEBOUNCE_MS, ANALYSIS_MAX_WAIT_MS, TabAnalysis } from './tab-analysis';

beforeEach(() => {
  // Only the debounce's clock: fake-indexeddb schedules its work with setImmediate.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TabAnalysis debounce', () => {
  it('analyses a tab that changes every 500 ms within the maximum wait, not never', async () => {
    const db = await openInspectorDb();
    const published: number[] = [];
    const analysis = new TabAnalysis(async () => db, () => published.push(Date.now()), (e) => { throw e; }, ANALYSIS_DEBOUNCE_MS, () => undefined, ANALYSIS_MAX_WAIT_MS, () => Date.now());
    const start = Date.now();
    for (let t = 0; t < ANALYSIS_MAX_WAIT_MS + 1000; t += 500) {
      analysis.changed([1]);
      await vi.advanceTimersByTimeAsync(500);
    }
    await vi.waitFor(() => expect(published.length).toBeGreaterThan(0), { interval: 1 });
    expect(published[0]! - start).toBeLessThanOrEqual(ANALYSIS_MAX_WAIT_MS + 500);
    db.close();
  });

  it('still waits for a quiet moment when changes are rare', async () => {
    const db = await openInspectorDb();
    const published: number[] = [];
    const analysis = new TabAnalysis(async () => db, () => published.push(Date.now()), (e) => { throw e; });
    const start = Date.now();
    analysis.changed([1]);
    await vi.advanceTimersByTimeAsync(ANALYSIS_DEBOUNCE_MS - 1);
    expect(published).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(published.length).toBe(1), { interval: 1 });
    expect(published[0]! - start).toBeGreaterThanOrEqual(ANALYSIS_DEBOUNCE_MS);
    expect(published[0]! - start).toBeLessThan(ANALYSIS_DEBOUNCE_MS + 50);
    db.close();
  });
});
