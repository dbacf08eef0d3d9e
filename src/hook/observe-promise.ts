// Reacting to a native promise the page will receive, without any lookup the page can see.
// Promise.prototype.then reads `promise.constructor` (ECMA-262 SpeciesConstructor), i.e.
// Promise.prototype.constructor, where a page getter would run inside our code, and then
// `constructor[@@species]`. While we call then, the promise has an own data property
// `constructor` = undefined, which ends that lookup at the default %Promise%; it is deleted right
// after (the page has not received the promise yet, so nothing can see it come and go).
//
// Any reaction marks the promise handled (PerformPromiseThen sets [[PromiseIsHandled]]): a
// rejection the page leaves unhandled then fires no `unhandledrejection`. Callers use this only
// where that cannot change what the page sees (a reader's `closed` promise, which the streams
// spec marks handled itself) or say so (docs/architecture.md, streamed fetch responses).

import type { Natives } from './natives';

export type ObservePromise = (p: Promise<unknown>, ok: (v: unknown) => void, ko: (e: unknown) => void) => void;

const SHIELD = { __proto__: null, value: undefined, writable: true, enumerable: false, configurable: true } as PropertyDescriptor;

export function createObservePromise(n: Natives): ObservePromise {
  const then = n.uncurry(n.win.Promise.prototype.then) as (p: Promise<unknown>, ok: (v: unknown) => void, ko: (e: unknown) => void) => unknown;
  return (p, ok, ko) => {
    if (!n.reflectDefineProperty(p, 'constructor', SHIELD)) return;
    try {
      then(p, ok, ko);
    } finally {
      n.deleteProperty(p, 'constructor');
    }
  };
}
