import { describe, expect, it } from 'vitest';
import { captureNatives, type Natives } from './natives';
import { createRestack, isPrimitive, primitives } from './restack';

// Node runs V8, like Chromium: re-capturing from the trap drops the trap's frame only.
const n = {
  NativeError: Error,
  ownKeys: Reflect.ownKeys,
  getOwnPropertyDescriptor: Object.getOwnPropertyDescriptor,
  captureStackTrace: Error.captureStackTrace,
} as unknown as Natives;
void captureNatives; // the real ones need a window; these fields are all restack.ts reads

describe('restack', () => {
  it('tells primitives, whose conversion runs no page code, from objects', () => {
    expect(primitives(['ws://x', undefined, 3, null, Symbol.iterator])).toBe(true);
    expect(primitives(['ws://x', {}])).toBe(false);
    expect(primitives([() => 1])).toBe(false);
    expect(primitives(['t', () => 1, true], 2)).toBe(true);
    expect(isPrimitive({})).toBe(false);
  });

  it('gives a native error the stack of the trap’s caller, with the same own keys', () => {
    const restack = createRestack(n);
    function trap(): never {
      try {
        (null as unknown as { x: number }).x;
      } catch (e) {
        throw restack(e, trap);
      }
      throw new Error('unreachable');
    }
    function pageCaller() {
      try {
        trap();
      } catch (e) {
        return e as Error;
      }
      throw new Error('no throw');
    }
    const e = pageCaller();
    const frames = String(e.stack).split('\n');
    expect(frames[0]).toMatch(/^TypeError/);
    expect(frames[1]).toMatch(/pageCaller/);
    expect(String(e.stack)).not.toMatch(/at trap/);
    expect(Reflect.ownKeys(e)).toEqual(Reflect.ownKeys(new TypeError('x')));
  });

  it('stays off where capturing again would add a property (as Firefox does) or is missing', () => {
    const adds = { ...n, captureStackTrace: (t: object) => Object.defineProperty(t, 'extra', { value: 1 }) } as unknown as Natives;
    const e = new Error('x');
    expect(createRestack(adds)(e, () => {})).toBe(e);
    expect(Object.getOwnPropertyNames(e)).not.toContain('extra');
    expect(createRestack({ ...n, captureStackTrace: undefined } as unknown as Natives)('v', () => {})).toBe('v');
  });
});
