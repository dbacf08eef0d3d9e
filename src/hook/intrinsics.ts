// Built-ins that plain helpers (stack trimming, clamping, UTF-8) call, captured when the module
// initialises, i.e. at document_start before any page script (as base64.ts does). Calling
// `s.slice(...)` or `re.exec(...)` later would look the method up on String.prototype /
// RegExp.prototype, where the page may have put its own function; `s.split('\n')` would even
// look up `Symbol.split` on the separator's prototype chain (ECMA-262 String.prototype.split
// step 2), which a page getter on Object.prototype sees.

const bind = Function.prototype.bind;
const call = Function.prototype.call;
// bind.call(call, fn): `fn.call` with `fn` fixed, no lookup at call time (see natives.ts).
const uncurry = <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R): ((self: T, ...args: A) => R) =>
  bind.call(call, fn) as unknown as (self: T, ...args: A) => R;

export const stringSlice = uncurry(String.prototype.slice) as (s: string, start: number, end?: number) => string;
export const stringIndexOf = uncurry(String.prototype.indexOf) as (s: string, search: string, from?: number) => number;
export const stringCharCodeAt = uncurry(String.prototype.charCodeAt) as (s: string, i: number) => number;
export const regExpExec = uncurry(RegExp.prototype.exec) as (re: RegExp, s: string) => RegExpExecArray | null;

/**
 * The prototype of every object and array the hook builds (records, batches, queues): it has no
 * prototype itself, so `JSON.stringify`'s `toJSON` lookup, a species `constructor` lookup or an
 * indexed store stop here and never reach Object.prototype / Array.prototype, where the page may
 * have defined getters or setters. (A null prototype in an object literal would put V8 objects
 * in dictionary mode; an ordinary prototype object keeps them fast.)
 */
export const NO_PAGE_PROTO: object = Object.create(null) as object;

const setPrototypeOf = Object.setPrototypeOf;

/** A new empty array whose prototype chain is NO_PAGE_PROTO only. */
export function ownArray<T>(): T[] {
  return setPrototypeOf([], NO_PAGE_PROTO) as T[];
}
