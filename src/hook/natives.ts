// Every built-in the hook uses after startup, captured once at document_start, before any page
// script runs. Later the page may redefine globals, prototype methods and getters; the hook keeps
// calling the originals, so it neither breaks nor becomes observable when the page does that.

/** A method turned into a plain function taking `this` first; no lookup happens at call time. */
export type Uncurried<T, A extends unknown[], R> = (self: T, ...args: A) => R;
type Uncurry = <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R) => Uncurried<T, A, R>;

/** What reading payloads needs: JavaScript built-ins and Blob (also present in Node, for tests). */
export interface DataNatives {
  uncurry: Uncurry;
  isView: typeof ArrayBuffer.isView;
  NativeUint8Array: Uint8ArrayConstructor;
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
  /**
   * Reads a Blob (a copy of its bytes); exactly one of the callbacks runs, later. With a
   * FileReader where the realm has one: `blob.arrayBuffer()` would resolve a promise with an
   * ArrayBuffer, and promise resolution looks up `then` on it (ECMA-262 Promise Resolve Functions
   * step 9), i.e. on Object.prototype, where a page getter would see every Blob we read.
   */
  readBlob(blob: Blob, done: (ab: ArrayBuffer) => void, fail: () => void): void;
}

export interface Natives extends DataNatives {
  win: Window & typeof globalThis;
  reflectApply: typeof Reflect.apply;
  reflectConstruct: typeof Reflect.construct;
  defineProperty: typeof Object.defineProperty;
  reflectDefineProperty: typeof Reflect.defineProperty;
  deleteProperty: typeof Reflect.deleteProperty;
  ownKeys: typeof Reflect.ownKeys;
  /** V8: every error has an own `stack` (formatted lazily, through Error.prepareStackTrace). */
  ownErrorStack: boolean;
  /** Error.captureStackTrace where the engine has it (V8; Firefox 133+). */
  captureStackTrace: ((target: object, fn?: Function) => void) | undefined;
  getOwnPropertyDescriptor: typeof Object.getOwnPropertyDescriptor;
  isArray: typeof Array.isArray;
  stringify: typeof JSON.stringify;
  NativeProxy: ProxyConstructor;
  NativeError: ErrorConstructor;
  /** Reads an Error's stack without going through a page-redefinable Error.prototype.stack. */
  errorStack: (e: Error) => unknown;
  NativeWeakMap: WeakMapConstructor;
  NativeCustomEvent: typeof CustomEvent;
  /** Faults only (docs/faults.md): the page realm's own constructors, for the synthetic events a fault shows. */
  NativeEvent: typeof Event;
  NativeMessageEvent: typeof MessageEvent;
  NativeCloseEvent: typeof CloseEvent;
  stopImmediatePropagation: Uncurried<Event, [], void>;
  customEventDetail: Uncurried<CustomEvent, [], unknown>;
  jsonParse: typeof JSON.parse;
  weakMapGet: Uncurried<WeakMap<object, unknown>, [unknown], unknown>;
  weakMapSet: Uncurried<WeakMap<object, unknown>, [object, unknown], unknown>;
  addEventListener: Uncurried<EventTarget, [string, EventListener, boolean?], void>;
  removeEventListener: Uncurried<EventTarget, [string, EventListener, boolean?], void>;
  dispatchEvent: Uncurried<EventTarget, [Event], boolean>;
  preventDefault: Uncurried<Event, [], void>;
  setTimeout: (fn: () => void, ms: number) => number;
  clearTimeout: (handle: number) => void;
  performanceNow: () => number;
  timeOrigin: number;
  locationHref: () => string;
  eventTimeStamp: Uncurried<Event, [], number>;
  eventType: Uncurried<Event, [], string>;
  messageData: Uncurried<MessageEvent, [], unknown>;
  messageLastEventId: Uncurried<MessageEvent, [], string>;
  messageOrigin: Uncurried<MessageEvent, [], string>;
  closeCode: Uncurried<CloseEvent, [], number>;
  closeReason: Uncurried<CloseEvent, [], string>;
  closeWasClean: Uncurried<CloseEvent, [], boolean>;
}

export function uncurryFrom(realm: typeof globalThis): Uncurry {
  const fp = realm.Function.prototype;
  const bind = fp.bind;
  const call = fp.call;
  // bind.call(call, fn) is `fn.call` with `fn` fixed: calling it never looks up `.call` again.
  return <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R): Uncurried<T, A, R> =>
    bind.call(call, fn) as unknown as Uncurried<T, A, R>;
}

function getterFrom(realm: typeof globalThis, uncurry: Uncurry) {
  return <T, R>(proto: object, name: PropertyKey): Uncurried<T, [], R> => {
    const get = realm.Object.getOwnPropertyDescriptor(proto, name)?.get;
    if (!get) throw new realm.Error(`no getter ${String(name)}`);
    return uncurry(get as (this: T) => R);
  };
}

export function captureDataNatives(realm: typeof globalThis): DataNatives {
  const uncurry = uncurryFrom(realm);
  const g = getterFrom(realm, uncurry);
  const typedArrayProto = realm.Object.getPrototypeOf(realm.Uint8Array.prototype) as object;
  const SAB = (realm as { SharedArrayBuffer?: SharedArrayBufferConstructor }).SharedArrayBuffer;
  const u8proto = realm.Uint8Array.prototype as Uint8Array & { toBase64?: (this: Uint8Array) => string };
  return {
    uncurry,
    isView: realm.ArrayBuffer.isView,
    NativeUint8Array: realm.Uint8Array,
    toBase64: typeof u8proto.toBase64 === 'function' ? uncurry(u8proto.toBase64) : undefined,
    arrayBufferByteLength: g(realm.ArrayBuffer.prototype, 'byteLength'),
    sharedArrayBufferByteLength: typeof SAB === 'function' ? g(SAB.prototype, 'byteLength') : undefined,
    typedArrayTag: g(typedArrayProto, realm.Symbol.toStringTag),
    typedArrayBuffer: g(typedArrayProto, 'buffer'),
    typedArrayByteOffset: g(typedArrayProto, 'byteOffset'),
    typedArrayByteLength: g(typedArrayProto, 'byteLength'),
    dataViewBuffer: g(realm.DataView.prototype, 'buffer'),
    dataViewByteOffset: g(realm.DataView.prototype, 'byteOffset'),
    dataViewByteLength: g(realm.DataView.prototype, 'byteLength'),
    blobSize: g(realm.Blob.prototype, 'size'),
    blobSlice: uncurry(realm.Blob.prototype.slice) as DataNatives['blobSlice'],
    readBlob: blobReader(realm, uncurry, g),
  };
}

function blobReader(realm: typeof globalThis, uncurry: Uncurry, g: ReturnType<typeof getterFrom>): DataNatives['readBlob'] {
  const FR = (realm as { FileReader?: typeof FileReader }).FileReader;
  if (typeof FR === 'function') {
    const readAsArrayBuffer = uncurry(FR.prototype.readAsArrayBuffer);
    const result = g<FileReader, ArrayBuffer>(FR.prototype, 'result');
    const listen = uncurry(realm.EventTarget.prototype.addEventListener) as (t: EventTarget, type: string, fn: () => void) => void;
    return (blob, done, fail) => {
      const reader = new FR();
      listen(reader, 'load', () => done(result(reader)));
      listen(reader, 'error', fail);
      readAsArrayBuffer(reader, blob);
    };
  }
  // Node (unit tests) has Blob but no FileReader.
  const arrayBuffer = uncurry(realm.Blob.prototype.arrayBuffer);
  const then = uncurry(realm.Promise.prototype.then) as (p: Promise<ArrayBuffer>, ok: (ab: ArrayBuffer) => void, ko: () => void) => unknown;
  return (blob, done, fail) => {
    then(arrayBuffer(blob), done, fail);
  };
}

export function captureNatives(win: Window & typeof globalThis): Natives {
  const data = captureDataNatives(win);
  const { uncurry } = data;
  const g = getterFrom(win, uncurry);
  const perf = win.performance;
  const nativeNow = uncurry(win.Performance.prototype.now);
  const nativeSetTimeout = win.setTimeout;
  const nativeClearTimeout = win.clearTimeout;
  const reflectApply = win.Reflect.apply;
  // `href` is an own (unforgeable) accessor of the Location object.
  const hrefGetter = g<Location, string>(win.location, 'href');
  const loc = win.location;
  // V8 makes `stack` an own property of each error; Firefox an accessor on Error.prototype, which
  // the page could redefine later: call the captured getter then.
  const protoStack = win.Object.getOwnPropertyDescriptor(win.Error.prototype, 'stack')?.get;
  const ownStack = win.Object.getOwnPropertyDescriptor(new win.Error(), 'stack') !== undefined;
  const cst = (win.Error as { captureStackTrace?: unknown }).captureStackTrace;
  const stackGetter = !ownStack && protoStack ? uncurry(protoStack as (this: Error) => unknown) : undefined;
  return {
    ...data,
    win,
    reflectApply,
    reflectConstruct: win.Reflect.construct,
    defineProperty: win.Object.defineProperty,
    reflectDefineProperty: win.Reflect.defineProperty,
    deleteProperty: win.Reflect.deleteProperty,
    ownKeys: win.Reflect.ownKeys,
    ownErrorStack: ownStack,
    captureStackTrace: typeof cst === 'function' ? (cst as (t: object, fn?: Function) => void) : undefined,
    getOwnPropertyDescriptor: win.Object.getOwnPropertyDescriptor,
    isArray: win.Array.isArray,
    stringify: win.JSON.stringify,
    NativeProxy: win.Proxy,
    NativeError: win.Error,
    errorStack: stackGetter ?? ((e: Error) => e.stack),
    NativeWeakMap: win.WeakMap,
    NativeCustomEvent: win.CustomEvent,
    NativeEvent: win.Event,
    NativeMessageEvent: win.MessageEvent,
    NativeCloseEvent: win.CloseEvent,
    stopImmediatePropagation: uncurry(win.Event.prototype.stopImmediatePropagation),
    customEventDetail: g(win.CustomEvent.prototype, 'detail'),
    jsonParse: win.JSON.parse,
    weakMapGet: uncurry(win.WeakMap.prototype.get) as Natives['weakMapGet'],
    weakMapSet: uncurry(win.WeakMap.prototype.set) as Natives['weakMapSet'],
    addEventListener: uncurry(win.EventTarget.prototype.addEventListener) as Natives['addEventListener'],
    removeEventListener: uncurry(win.EventTarget.prototype.removeEventListener) as Natives['removeEventListener'],
    dispatchEvent: uncurry(win.EventTarget.prototype.dispatchEvent),
    preventDefault: uncurry(win.Event.prototype.preventDefault),
    setTimeout: (fn, ms) => reflectApply(nativeSetTimeout, win, [fn, ms]) as unknown as number,
    clearTimeout: (h) => reflectApply(nativeClearTimeout, win, [h]),
    performanceNow: () => nativeNow(perf),
    timeOrigin: perf.timeOrigin,
    locationHref: () => hrefGetter(loc),
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
