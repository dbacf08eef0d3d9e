import { afterEach, describe, expect, it } from 'vitest';
import { uncurryFrom, type Natives } from './natives';
import { createObservePromise } from './observe-promise';

// The parts of Natives that observe-promise uses, from Node's own realm.
const n = { uncurry: uncurryFrom(globalThis), win: globalThis, reflectDefineProperty: Reflect.defineProperty, deleteProperty: Reflect.deleteProperty } as unknown as Natives;

describe('observePromise', () => {
  const saved = Object.getOwnPropertyDescriptor(Promise.prototype, 'constructor')!;
  const savedSpecies = Object.getOwnPropertyDescriptor(Promise, Symbol.species)!;
  afterEach(() => {
    Object.defineProperty(Promise.prototype, 'constructor', saved);
    Object.defineProperty(Promise, Symbol.species, savedSpecies);
  });

  it('reacts without reading Promise.prototype.constructor or Promise[Symbol.species], and leaves no own key', async () => {
    const observe = createObservePromise(n);
    const p = Promise.resolve(42);
    const q = Promise.reject(new Error('x'));
    q.catch(() => {});
    let reads = 0;
    Object.defineProperty(Promise.prototype, 'constructor', { configurable: true, get: () => (reads++, Promise) });
    Object.defineProperty(Promise, Symbol.species, { configurable: true, get: () => (reads++, Promise) });
    const seen: unknown[] = [];
    observe(p, (v) => seen.push(['ok', v]), (e) => seen.push(['ko', e]));
    observe(q, (v) => seen.push(['ok', v]), (e) => seen.push(['ko', (e as Error).message]));
    expect(reads).toBe(0);
    expect(Reflect.ownKeys(p)).toEqual([]);
    expect(Reflect.ownKeys(q)).toEqual([]);
    // Restored before awaiting: the test runner's own promises would read the getters.
    Object.defineProperty(Promise.prototype, 'constructor', saved);
    Object.defineProperty(Promise, Symbol.species, savedSpecies);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([['ok', 42], ['ko', 'x']]);
  });

  it('a plain then would have read them (the test can tell)', () => {
    let reads = 0;
    Object.defineProperty(Promise.prototype, 'constructor', { configurable: true, get: () => (reads++, Promise) });
    void Promise.resolve(1).then(() => {});
    expect(reads).toBe(1);
  });
});
