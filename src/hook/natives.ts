// Every built-in the hook uses after startup, captured once at document_start, before any page
// script runs. Later the page may redefine globals, prototype methods and getters; the hook keeps
// calling the originals, so it neither breaks nor becomes observable when the page does that.

/** A method turned into a plain function taking `this` first; no lookup happens at call time. */
export type Uncurried<T, A extends unknown[], R> = (self: T, ...args: A) => R;

export interface Natives {
  win: Window & typeof globalThis;
  uncurry: <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R) => Uncurried<T, A, R>;
  reflectApply: typeof Reflect.apply;
  reflectConstruct: typeof Reflect.construct;
  defineProperty: typeof Object.defineProperty;
  getOwnPropertyDescriptor: typeof Object.getOwnPropertyDescriptor;
  getPrototypeOf: typeof Object.getPrototypeOf;
  isArray: typeof Array.isArray;
  isView: typeof ArrayBuffer.isView;
  stringify: typeof JSON.stringify;
  fromCharCode: typeof String.fromCharCode;
  NativeProxy: ProxyConstructor;
  NativeError: ErrorConstructor;
  /** Reads an Error's stack without going through a page-redefinable Error.prototype.stack. */
  errorStack: (e: Error) => unknown;
  NativeUint8Array: Uint8ArrayConstructor;
  NativeWeakMap: WeakMapConstructor;
  NativeCustomEvent: typeof CustomEvent;
  weakMapGet: Uncurried<WeakMap<object, unknown>, [unknown], unknown>;
  weakMapSet: Uncurried<WeakMap<object, unknown>, [object, unknown], unknown>;
  addEventListener: Uncurried<EventTarget, [string, EventListener, boolean?], void>;
  dispatchEvent: Uncurried<EventTarget, [Event], boolean>;
  setTimeout: (fn: () => void, ms: number) => number;
  clearTimeout: (handle: number) => void;
  performanceNow: () => number;
  timeOrigin: number;
  locationHref: () => string;
  /** Uint8Array.prototype.toBase64 where the browser has it (Chromium 140+, Firefox 133+). */
  toBase64: Uncurried<Uint8Array, [], string> | undefined;
  arrayBufferByteLength: Uncurried<ArrayBuffer, [], number>;
  /** undefined where SharedArrayBuffer is not exposed (no cross-origin isolation). */
  sharedArrayBufferByteLength: Uncurried<SharedArrayBuffer, [], number> | undefined;
  /** %TypedArray%.prototype[@@toStringTag]: undefined for anything but a typed array, never throws. */
  typedArrayTag: Uncurried<unknown, [], string | undefined>;
  typedArrayBuffer: Uncurried<ArrayBufferView, [], ArrayBufferLike>;
  typedArrayByteOffset: Uncurried<ArrayBufferView, [], number>;
  typedArrayByteLength: Uncurried<ArrayBufferView, [], number>;
  dataViewBuffer: Uncurried<DataView, [], ArrayBufferLike>;
  dataViewByteOffset: Uncurried<DataView, [], number>;
  dataViewByteLength: Uncurried<DataView, [], number>;
  blobSize: Uncurried<Blob, [], number>;
  blobSlice: Uncurried<Blob, [number, number], Blob>;
  blobArrayBuffer: Uncurried<Blob, [], Promise<ArrayBuffer>>;
  promiseThen: Uncurried<Promise<unknown>, [(v: never) => void, (e: unknown) => void], unknown>;
  eventTimeStamp: Uncurried<Event, [], number>;
  eventType: Uncurried<Event, [], string>;
  messageData: Uncurried<MessageEvent, [], unknown>;
  messageLastEventId: Uncurried<MessageEvent, [], string>;
  messageOrigin: Uncurried<MessageEvent, [], string>;
  closeCode: Uncurried<CloseEvent, [], number>;
  closeReason: Uncurried<CloseEvent, [], string>;
  closeWasClean: Uncurried<CloseEvent, [], boolean>;
}

export function uncurryFrom(win: typeof globalThis) {
  const fp = win.Function.prototype;
  const bind = fp.bind;
  const call = fp.call;
  // bind.call(call, fn) is `fn.call` with `fn` fixed: calling it never looks up `.call` again.
  return <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R): Uncurried<T, A, R> =>
    bind.call(call, fn) as unknown as Uncurried<T, A, R>;
}

function getterOf(win: typeof globalThis, proto: object, name: string) {
  const get = win.Object.getOwnPropertyDescriptor(proto, name)?.get;
  if (!get) throw new Error(`no getter ${name}`);
  return get;
}

export function captureNatives(win: Window & typeof globalThis): Natives {
  const uncurry = uncurryFrom(win);
  const g = <T, R>(proto: object, name: string) => uncurry(getterOf(win, proto, name) as (this: T) => R);
  const perf = win.performance;
  const nativeNow = uncurry(win.Performance.prototype.now);
  const nativeSetTimeout = win.setTimeout;
  const nativeClearTimeout = win.clearTimeout;
  const reflectApply = win.Reflect.apply;
  const hrefGetter = g<Location, string>(win.location, 'href');
  const loc = win.location;
  const typedArrayProto = win.Object.getPrototypeOf(win.Uint8Array.prototype) as object;
  const tagGetter = win.Object.getOwnPropertyDescriptor(typedArrayProto, win.Symbol.toStringTag)?.get;
  if (!tagGetter) throw new Error('no %TypedArray% tag getter');
  const SAB = (win as { SharedArrayBuffer?: SharedArrayBufferConstructor }).SharedArrayBuffer;
  // V8 makes `stack` an own property of each error; Firefox an accessor on Error.prototype, which
  // the page could redefine later: call the captured getter then.
  const probeError = new win.Error();
  const protoStack = win.Object.getOwnPropertyDescriptor(win.Error.prototype, 'stack')?.get;
  const ownStack = win.Object.getOwnPropertyDescriptor(probeError, 'stack') !== undefined;
  const stackGetter = !ownStack && protoStack ? uncurry(protoStack as (this: Error) => unknown) : undefined;
  const u8proto = win.Uint8Array.prototype as Uint8Array & { toBase64?: (this: Uint8Array) => string };
  return {
    win,
    uncurry,
    reflectApply,
    reflectConstruct: win.Reflect.construct,
    defineProperty: win.Object.defineProperty,
    getOwnPropertyDescriptor: win.Object.getOwnPropertyDescriptor,
    getPrototypeOf: win.Object.getPrototypeOf,
    isArray: win.Array.isArray,
    isView: win.ArrayBuffer.isView,
    stringify: win.JSON.stringify,
    fromCharCode: win.String.fromCharCode,
    NativeProxy: win.Proxy,
    NativeError: win.Error,
    errorStack: stackGetter ?? ((e: Error) => e.stack),
    NativeUint8Array: win.Uint8Array,
    NativeWeakMap: win.WeakMap,
    NativeCustomEvent: win.CustomEvent,
    weakMapGet: uncurry(win.WeakMap.prototype.get) as Natives['weakMapGet'],
    weakMapSet: uncurry(win.WeakMap.prototype.set) as Natives['weakMapSet'],
    addEventListener: uncurry(win.EventTarget.prototype.addEventListener) as Natives['addEventListener'],
    dispatchEvent: uncurry(win.EventTarget.prototype.dispatchEvent),
    setTimeout: (fn, ms) => reflectApply(nativeSetTimeout, win, [fn, ms]) as unknown as number,
    clearTimeout: (h) => reflectApply(nativeClearTimeout, win, [h]),
    performanceNow: () => nativeNow(perf),
    timeOrigin: perf.timeOrigin,
    locationHref: () => hrefGetter(loc),
    toBase64: typeof u8proto.toBase64 === 'function' ? uncurry(u8proto.toBase64) : undefined,
    arrayBufferByteLength: g(win.ArrayBuffer.prototype, 'byteLength'),
    sharedArrayBufferByteLength: typeof SAB === 'function' ? g(SAB.prototype, 'byteLength') : undefined,
    typedArrayTag: uncurry(tagGetter as (this: unknown) => string | undefined),
    typedArrayBuffer: g(typedArrayProto, 'buffer'),
    typedArrayByteOffset: g(typedArrayProto, 'byteOffset'),
    typedArrayByteLength: g(typedArrayProto, 'byteLength'),
    dataViewBuffer: g(win.DataView.prototype, 'buffer'),
    dataViewByteOffset: g(win.DataView.prototype, 'byteOffset'),
    dataViewByteLength: g(win.DataView.prototype, 'byteLength'),
    blobSize: g(win.Blob.prototype, 'size'),
    blobSlice: uncurry(win.Blob.prototype.slice) as Natives['blobSlice'],
    blobArrayBuffer: uncurry(win.Blob.prototype.arrayBuffer),
    promiseThen: uncurry(win.Promise.prototype.then) as unknown as Natives['promiseThen'],
    eventTimeStamp: g(win.Event.prototype, 'timeStamp'),
    eventType: g(win.Event.prototype, 'type'),
    messageData: g(win.MessageEvent.prototype, 'data'),
    messageLastEventId: g(win.MessageEvent.prototype, 'lastEventId'),
    messageOrigin: g(win.MessageEvent.prototype, 'origin'),
    closeCode: g(win.CloseEvent.prototype, 'code'),
    closeReason: g(win.CloseEvent.prototype, 'reason'),
    closeWasClean: g(win.CloseEvent.prototype, 'wasClean'),
  };
}
