// Replacing built-ins without changing how they look: every replacement is a Proxy of the native
// function (name, length, prototype, statics and thrown errors stay native), installed with the
// original property descriptor, and Function.prototype.toString answers for the Proxy exactly
// what it answers for the native (V8 would otherwise print "function () { [native code] }").
// Handlers have a null prototype: Proxy looks traps up with [[Get]], and a page that defines,
// say, Object.prototype.get must not have its function called as a trap.

import { regExpExec } from './intrinsics';
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
  const fnProto = n.win.Function.prototype;
  const nativeToString = n.uncurry(fnProto.toString as (this: unknown) => string);
  const originals = sharedOriginals(n, nativeToString) ?? new n.NativeWeakMap<object, object>();

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

  // Not re-captured (restack.ts): V8 shows the builtin's own frame, "at Object.toString
  // (<anonymous>)", above ours, and capturing again from our caller would drop it too.
  function apply(target: () => string, thisArg: unknown, args: unknown[]) {
    if (thisArg === REGISTRY_TOKEN && typeof args[0] === 'function') {
      try {
        (args[0] as (m: WeakMap<object, object>) => void)(originals); // a related frame's hook asks
      } catch {
        // nothing of ours may reach the page
      }
    }
    const original = n.weakMapGet(originals as WeakMap<object, unknown>, thisArg);
    return n.reflectApply(target, original === undefined ? thisArg : original, args);
  }
  wrap(fnProto, 'toString', { __proto__: null, apply } as ProxyHandler<() => string>);

  return { replace, wrap, mask };
}

/**
 * Function.prototype.toString of one realm is often applied to another realm's functions (bot
 * detection takes a fresh iframe's toString to check the top page's natives). Every hook of a
 * same-origin family of windows (parent, opener, top: same-origin iframes, about:blank / srcdoc
 * frames, popups) therefore shares one map of proxy → original: a new hook asks its parent's (or
 * opener's, or top's) toString for it, calling it with REGISTRY_TOKEN as `this` and a callback;
 * that toString then throws the native TypeError as usual. It is only called when it prints as a
 * Proxy would ("function () { [native code] }") on a genuine native Function.prototype.
 * Remaining: a page that knows this token can call toString with it and see its callback run.
 */
const REGISTRY_TOKEN = 'realtime-inspector:toString-registry:v1';
const ANONYMOUS_NATIVE = /^function \(\) \{\s+\[native code\]\s+\}$/;
const NATIVE_FUNCTION = /^function Function\(\) \{\s+\[native code\]\s+\}$/;

function sharedOriginals(n: Natives, nativeToString: (f: unknown) => string): WeakMap<object, object> | undefined {
  const win = n.win;
  const candidates = [win.parent, win.opener as unknown, win.top];
  for (let i = 0; i < candidates.length; i++) {
    const other = candidates[i];
    if (other === win || other === null || typeof other !== 'object') continue;
    try {
      // Descriptors only, and only of genuine natives: no getter or Proxy trap of the page runs.
      const F = n.getOwnPropertyDescriptor(other, 'Function')?.value as unknown;
      if (typeof F !== 'function' || regExpExec(NATIVE_FUNCTION, nativeToString(F)) === null) continue;
      const proto = n.getOwnPropertyDescriptor(F, 'prototype')?.value as object | undefined;
      const toString = proto && (n.getOwnPropertyDescriptor(proto, 'toString')?.value as unknown);
      if (typeof toString !== 'function' || regExpExec(ANONYMOUS_NATIVE, nativeToString(toString)) === null) continue;
      let found: WeakMap<object, object> | undefined;
      try {
        n.reflectApply(toString, REGISTRY_TOKEN, [(m: WeakMap<object, object>) => (found = m)]);
      } catch {
        // the native TypeError for a non-function `this`
      }
      if (found !== undefined) return found;
    } catch {
      // a cross-origin window: its own hook keeps its own map
    }
  }
  return undefined;
}
