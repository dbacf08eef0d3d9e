// Errors that a wrapped native throws carry the stack taken when the native created them, and
// that stack has our trap's frame in it ("at Object.construct (chrome-extension://<id>/…)"):
// V8 shows every JavaScript frame of the page's security context, a Proxy trap's included
// (v8/src/execution/isolate.cc, StackFrameBuilder::IsVisibleInStackTrace). In V8,
// Error.captureStackTrace(error, trap) captures the stack again from the trap's caller: exactly
// the stack the native would have given, with the same `stack` accessor pair and the same own
// keys (checked below on a throwaway error, so an engine where it differs — Firefox adds an
// own data property — never gets it).
//
// Only errors that the native itself made may be re-captured: when page code (a toString, an
// options getter, an iterator) may have run inside the call, what was thrown may be the page's
// own error with the page's frames above ours, and capturing again would drop them. Callers say
// whether page code could have run (see `primitives`).

import type { Natives } from './natives';

export type Restack = (error: unknown, trap: Function) => unknown;

/** Converting a primitive (ToString, ToNumber, a dictionary) runs no page code. */
export function isPrimitive(a: unknown): boolean {
  return (typeof a !== 'object' || a === null) && typeof a !== 'function';
}

/** True when no argument from index `from` on is an object or function. */
export function primitives(args: unknown[], from = 0): boolean {
  for (let i = from; i < args.length; i++) if (!isPrimitive(args[i])) return false;
  return true;
}

function sameShape(n: Natives, a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.get === b.get && a.set === b.set && a.enumerable === b.enumerable && a.configurable === b.configurable && ('value' in a) === ('value' in b);
}

export function createRestack(n: Natives): Restack {
  const cst = n.captureStackTrace;
  const none: Restack = (e) => e;
  if (cst === undefined) return none;
  try {
    const e = new n.NativeError();
    const keys = n.ownKeys(e);
    const before = n.getOwnPropertyDescriptor(e, 'stack');
    cst(e, createRestack);
    const after = n.ownKeys(e);
    if (after.length !== keys.length || !sameShape(n, before, n.getOwnPropertyDescriptor(e, 'stack'))) return none;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== after[i]) return none;
  } catch {
    return none;
  }
  return (e, trap) => {
    if (typeof e === 'object' && e !== null) {
      try {
        cst(e, trap);
      } catch {
        // leave the error as it is
      }
    }
    return e;
  };
}
