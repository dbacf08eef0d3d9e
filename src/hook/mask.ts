// Replacing built-ins without changing how they look: every replacement is a Proxy of the native
// function (name, length, prototype, statics and thrown errors stay native), installed with the
// original property descriptor, and Function.prototype.toString answers for the Proxy exactly
// what it answers for the native (V8 would otherwise print "function () { [native code] }").
// Handlers have a null prototype: Proxy looks traps up with [[Get]], and a page that defines,
// say, Object.prototype.get must not have its function called as a trap.

import type { Natives } from './natives';

export interface Masker {
  /** Replaces `obj[key]` (a data property) keeping its writable/enumerable/configurable flags. */
  replace(obj: object, key: PropertyKey, value: unknown): void;
  /** Wraps the function at `obj[key]` in a Proxy with `handler`, masked and installed. */
  wrap<T extends object>(obj: object, key: PropertyKey, handler: ProxyHandler<T>): T;
  /** `proxy` prints like `original`. */
  mask(proxy: object, original: object): void;
}

export function createMasker(n: Natives): Masker {
  const originals = new n.NativeWeakMap<object, object>();

  function replace(obj: object, key: PropertyKey, value: unknown) {
    const d = n.getOwnPropertyDescriptor(obj, key);
    if (!d || !('value' in d)) throw new n.NativeError('not a data property');
    n.defineProperty(obj, key, {
      __proto__: null,
      value,
      writable: d.writable,
      enumerable: d.enumerable,
      configurable: d.configurable,
    } as PropertyDescriptor);
  }

  function mask(proxy: object, original: object) {
    n.weakMapSet(originals as WeakMap<object, unknown>, proxy, original);
  }

  function wrap<T extends object>(obj: object, key: PropertyKey, handler: ProxyHandler<T>): T {
    const d = n.getOwnPropertyDescriptor(obj, key);
    const original = d?.value as T;
    if (typeof original !== 'function') throw new n.NativeError('not a function');
    const proxy = new n.NativeProxy(original, handler);
    mask(proxy, original);
    replace(obj, key, proxy);
    return proxy;
  }

  const fnProto = n.win.Function.prototype;
  // Not re-captured (restack.ts): V8 shows the builtin's own frame, "at Object.toString
  // (<anonymous>)", above ours, and capturing again from our caller would drop it too.
  function apply(target: () => string, thisArg: unknown, args: unknown[]) {
    const original = n.weakMapGet(originals as WeakMap<object, unknown>, thisArg);
    return n.reflectApply(target, original === undefined ? thisArg : original, args);
  }
  wrap(fnProto, 'toString', { __proto__: null, apply } as ProxyHandler<() => string>);

  return { replace, wrap, mask };
}
