import { describe, expect, it } from 'vitest';
import { FRAME_MIN_CHARS, frameBatch, unframeBatch } from './batch-frame';

const big = (c: string) => c.repeat(FRAME_MIN_CHARS + 7);

describe('batch frames', () => {
  it('leaves a batch without framed payloads as its JSON array', () => {
    const json = JSON.stringify([{ k: 'message', data: 'hi' }]);
    expect(frameBatch(json, [])).toBe(json);
    expect(unframeBatch(json)).toEqual([{ k: 'message', data: 'hi' }]);
  });

  it('carries large payloads after the JSON, unescaped, and puts them back in order', () => {
    const a = big('"\\\n'); // every character JSON would escape
    const b = big('é😀');
    const records = [{ k: 'message', c: 1, dl: a.length }, { k: 'open', c: 1 }, { k: 'message', c: 1, data: 'small' }, { k: 'message', c: 2, dl: b.length }];
    const json = JSON.stringify(records);
    const framed = frameBatch(json, [a, b]);
    expect(framed.length).toBe(`${json.length}:`.length + json.length + a.length + b.length);
    expect(unframeBatch(framed)).toEqual([{ k: 'message', c: 1, data: a }, { k: 'open', c: 1 }, { k: 'message', c: 1, data: 'small' }, { k: 'message', c: 2, data: b }]);
  });

  it.each([
    ['not JSON', 'nope'],
    ['a length past the end', '999:[]'],
    ['a length of 0', '0:[]'],
    ['characters nobody claims', `2:[]extra`],
    ['a framed length past the payloads', `${'[{"dl":5}]'.length}:[{"dl":5}]abc`],
    ['a negative length', `${'[{"dl":-1}]'.length}:[{"dl":-1}]`],
    ['data and dl both', `${'[{"dl":1,"data":"x"}]'.length}:[{"dl":1,"data":"x"}]y`],
    ['dl in a plain batch', '[{"dl":3}]'],
    ['not an array', '7:{"a":1}'],
  ])('refuses %s', (_why, batch) => {
    expect(unframeBatch(batch)).toBeNull();
  });

  it('never throws on random or truncated input', () => {
    const good = frameBatch(JSON.stringify([{ k: 'message', dl: 3 }, { k: 'message', dl: 2 }]), ['abc', 'de']);
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let i = 0; i < 2000; i++) {
      const cut = good.slice(0, rand(good.length + 1));
      const noise = Array.from({ length: rand(12) }, () => String.fromCharCode(rand(128))).join('');
      expect(() => unframeBatch(cut)).not.toThrow();
      expect(() => unframeBatch(noise + cut)).not.toThrow();
    }
    expect(unframeBatch(good)).toEqual([{ k: 'message', data: 'abc' }, { k: 'message', data: 'de' }]);
  });
});
