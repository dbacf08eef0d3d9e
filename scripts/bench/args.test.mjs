import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args.mjs';

describe('parseBenchArgs', () => {
  it('defaults to the full run in both browsers', () => {
    const p = parseBenchArgs([]);
    expect(p).toMatchObject({ quick: false, browsers: ['chromium', 'firefox'], reps: 9, scale: true, write: true, only: null });
    expect(parseBenchArgs(['--no-scale']).scale).toBe(false);
  });

  it('keeps --quick small: Chromium, one rep, no scale, nothing written', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({ browsers: ['chromium'], reps: 1, scale: false, write: false });
  });

  it('parses filters and sizes, and refuses nonsense', () => {
    const p = parseBenchArgs(['--only', 'ws-text-small,ingest', '--scale-sizes', '1000,2000', '--n', '10']);
    expect([...p.only]).toEqual(['ws-text-small', 'ingest']);
    expect(p.scaleSizes).toEqual([1000, 2000]);
    expect(p.n).toBe(10);
    expect(() => parseBenchArgs(['--n', '0'])).toThrow();
    expect(() => parseBenchArgs(['--browser', 'safari'])).toThrow();
    expect(parseBenchArgs(['--configs', 'none,ext']).configs).toEqual(['none', 'ext']);
    expect(() => parseBenchArgs(['--configs', 'ext'])).toThrow();
  });
});
