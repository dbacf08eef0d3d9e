import { expect, it } from 'vitest';
import { COLUMN_WIDTHS_KEY, MIN_COLUMN_WIDTH, loadColumnWidths, parseColumnWidths, saveColumnWidths, withWidth } from './column-widths';

it('parses stored widths, dropping unknown columns, non-numbers and clamping extremes', () => {
  expect(parseColumnWidths(JSON.stringify({ url: 300.4, kind: 1, nope: 50, state: 'wide', in: Infinity }))).toEqual({ url: 300, kind: MIN_COLUMN_WIDTH });
  expect(parseColumnWidths('not json')).toEqual({});
  expect(parseColumnWidths('[1,2]')).toEqual({});
  expect(parseColumnWidths(null)).toEqual({});
});

it('round-trips through a storage and survives a storage that throws', () => {
  const map = new Map<string, string>();
  const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
  saveColumnWidths(storage, withWidth({ url: 200 }, 'bytes', 90));
  expect(JSON.parse(map.get(COLUMN_WIDTHS_KEY)!)).toEqual({ url: 200, bytes: 90 });
  expect(loadColumnWidths(storage)).toEqual({ url: 200, bytes: 90 });
  const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
  expect(loadColumnWidths(broken)).toEqual({});
  expect(() => saveColumnWidths(broken, { url: 1 })).not.toThrow();
});
