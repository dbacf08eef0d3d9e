import { describe, expect, it } from 'vitest';
import { forEachLeaf, getPath, parseJsonPayload } from './json-fields';

describe('json fields', () => {
  it('parses only JSON objects and arrays that are whole, text and small', () => {
    expect(parseJsonPayload({ data: ' {"a":1}' })).toEqual({ a: 1 });
    expect(parseJsonPayload({ data: '[1,2]' })).toEqual([1, 2]);
    expect(parseJsonPayload({ data: '42' })).toBeUndefined();
    expect(parseJsonPayload({ data: '{broken' })).toBeUndefined();
    expect(parseJsonPayload({ data: '{"a":1}', truncated: true })).toBeUndefined();
    expect(parseJsonPayload({ data: 'eyJ9', binary: true })).toBeUndefined();
    expect(parseJsonPayload({})).toBeUndefined();
    expect(parseJsonPayload({ data: `{"a":"${'x'.repeat(70_000)}"}` })).toBeUndefined();
  });

  it('visits leaves with dotted paths up to the depth limit', () => {
    const seen: [string, number | string][] = [];
    forEachLeaf({ seq: 1, meta: { ts: 2, deep: { deeper: { x: 3 } } }, list: [{ id: 'a' }], ok: true }, (p, v) => seen.push([p, v]));
    expect(seen).toEqual([['seq', 1], ['meta.ts', 2], ['list.0.id', 'a']]);
  });

  it('reads a dotted path', () => {
    expect(getPath({ meta: { seq: 5 } }, 'meta.seq')).toBe(5);
    expect(getPath([{ ts: 1 }], '0.ts')).toBe(1);
    expect(getPath({ meta: 1 }, 'meta.seq')).toBeUndefined();
  });
});
