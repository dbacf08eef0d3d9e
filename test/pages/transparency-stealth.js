// What a page can read of the hook beyond behaviour: stacks, realms, property order, and calls
// into page-defined properties. Loaded by transparency.html after transparency-probe.js; the e2e
// test runs `__stealth()` with and without the extension and compares the results. Stacks are
// kept as the page reads them, with this page's URL replaced by PAGE (the runs use different
// URLs); everything else is raw.
(function () {
  'use strict';
  const WS = 'ws://' + location.host + '/echo';
  const SSE = location.origin + '/sse';
  const href = location.href;
  const norm = (s) => (typeof s === 'string' ? s.split(href).join('PAGE').split(location.origin).join('ORIGIN') : String(s));
  const timeout = (p, label) => Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: ' + label)), 15000))]);
  const once = (target, type) => timeout(new Promise((resolve) => target.addEventListener(type, resolve, { once: true })), type);

  // Read by the first inline script of transparency.html, before anything else of the page ran.
  const first = window.__firstScript;

  function errorShape(e) {
    const d = Object.getOwnPropertyDescriptor(e, 'stack');
    return {
      stack: norm(e && e.stack),
      ownKeys: Reflect.ownKeys(e).map(String),
      stackDesc: d ? Object.keys(d).concat([typeof d.get, typeof d.set, String(d.enumerable), String(d.configurable)]) : null,
    };
  }
  function thrown(fn) {
    try {
      fn();
      return 'no throw';
    } catch (e) {
      return errorShape(e);
    }
  }

  // Errors thrown by every wrapped native, in this window's realm and in a same-origin iframe's.
  function thrownStacks(win) {
    const W = win.WebSocket;
    const E = win.EventSource;
    const ws = new W(WS + '?t=stealth-thrown');
    const r = {
      badScheme: thrown(() => new W('foo://127.0.0.1/')),
      invalidUrl: thrown(() => new W('ws://[')),
      noArgs: thrown(() => new W()),
      duplicateProtocols: thrown(() => new W(WS, ['a', 'a'])),
      badProtocol: thrown(() => new W(WS, 'a b')),
      sendIllegal: thrown(() => W.prototype.send.call({}, 'x')),
      sendConnecting: thrown(() => ws.send('x')),
      sendBufferConnecting: thrown(() => ws.send(new ArrayBuffer(2))),
      sendNoArgs: thrown(() => ws.send()),
      closeBadCode: thrown(() => ws.close(42)),
      closeLongReason: thrown(() => ws.close(1000, 'x'.repeat(124))),
      closeIllegal: thrown(() => W.prototype.close.call({})),
      esInvalidUrl: thrown(() => new E('http://[')),
      esNoArgs: thrown(() => new E()),
      esCloseIllegal: thrown(() => E.prototype.close.call({})),
      aelIllegal: thrown(() => win.EventTarget.prototype.addEventListener.call(1, 'x', () => {})),
      aelNoArgs: thrown(() => new win.EventTarget().addEventListener('x')),
      toStringIllegal: thrown(() => win.Function.prototype.toString.call({})),
      wsWithoutNew: thrown(() => W(WS)),
    };
    ws.close();
    return r;
  }

  // Stacks taken in page code that a wrapped native calls back synchronously.
  function callbackStacks() {
    const r = {};
    const ws = new WebSocket(WS + '?t=stealth-callback');
    const take = (key) => {
      r[key] = norm(new Error().stack);
    };
    try {
      new WebSocket({ toString: () => (take('wsUrlToString'), WS + '?t=stealth-url') }).close();
    } catch (e) {
      r.wsUrlThrew = String(e);
    }
    thrown(() => ws.send({ toString: () => (take('sendToString'), 'x') }));
    thrown(() => ws.close({ valueOf: () => (take('closeValueOf'), 1000) }));
    new EventTarget().addEventListener('x', () => {}, {
      get once() {
        take('addEventListenerOptions');
        return false;
      },
    });
    const es = new EventSource(SSE + '/hold?t=stealth-init', {
      get withCredentials() {
        take('eventSourceInit');
        return false;
      },
    });
    es.close();
    ws.close();
    // A thrown page error inside a callback keeps the page's frames.
    r.thrownInToString = thrown(() => ws.send({ toString() { throw new Error('page'); } }));
    return r;
  }

  // Stacks in listeners, handleEvent and on* handlers while traffic flows (Firefox shows async
  // parents: where the listener was added).
  async function listenerStacks() {
    const r = {};
    const ws = new WebSocket(WS + '?t=stealth-listener');
    const got = new Promise((resolve) => {
      let n = 0;
      const done = () => ++n === 3 && resolve();
      ws.addEventListener('message', function listener() {
        r.listener = norm(new Error().stack);
        done();
      });
      ws.addEventListener('message', {
        handleEvent() {
          r.handleEvent = norm(new Error().stack);
          done();
        },
      });
      ws.onmessage = function onmessage() {
        r.onmessage = norm(new Error().stack);
        done();
      };
    });
    await once(ws, 'open');
    ws.send('hi');
    await timeout(got, 'listener stacks');
    ws.close();
    await once(ws, 'close');
    const et = new EventTarget();
    const local = new Promise((resolve) =>
      et.addEventListener('x', () => {
        r.plainTarget = norm(new Error().stack);
        resolve();
      }),
    );
    setTimeout(() => et.dispatchEvent(new Event('x')), 0);
    await timeout(local, 'plain target');
    return r;
  }

  // Own-key order of every wrapped function, read first thing (first inline script) and now,
  // after names and lengths were read.
  const WRAPPED = () => [WebSocket, WebSocket.prototype.send, WebSocket.prototype.close, EventSource, EventSource.prototype.close, EventTarget.prototype.addEventListener, Function.prototype.toString];
  function keysNow() {
    const fns = WRAPPED();
    for (const f of fns) void (f.name + f.length);
    return fns.map((f) => Reflect.ownKeys(f).map(String));
  }

  // Function.prototype.toString of one realm applied to another realm's functions.
  function crossRealmToString(win) {
    const mine = WRAPPED();
    const theirs = [win.WebSocket, win.WebSocket.prototype.send, win.WebSocket.prototype.close, win.EventSource, win.EventSource.prototype.close, win.EventTarget.prototype.addEventListener, win.Function.prototype.toString];
    return {
      theirToStringOnMine: mine.map((f) => win.Function.prototype.toString.call(f)),
      myToStringOnTheirs: theirs.map((f) => Function.prototype.toString.call(f)),
    };
  }

  // Getters and counting wrappers on every prototype property that engines and the DOM look up
  // by themselves, and on the built-in methods a script would call, while traffic of every kind
  // flows and batches are sent. Page code (this probe) calls some of them itself, the same in
  // both runs; the hook must add no call.
  async function lookups() {
    const hits = {};
    const restore = [];
    // Captured before anything is wrapped; descriptors without a prototype, so the getters below
    // never turn them into accessor descriptors.
    const apply = Reflect.apply;
    const define = Object.defineProperty;
    const getOwn = Object.getOwnPropertyDescriptor;
    const bare = (d) => Object.assign(Object.create(null), d);
    const count = (key) => (hits[key] = (hits[key] || 0) + 1);
    const getterOn = (obj, label, name) => {
      const key = label + '.' + String(name);
      const had = getOwn(obj, name);
      hits[key] = 0;
      define(obj, name, bare({
        configurable: true,
        get() {
          count(key);
          return had ? ('value' in had ? had.value : apply(had.get, this, [])) : undefined;
        },
        set(v) {
          count(key);
          define(this, name, bare({ value: v, writable: true, enumerable: true, configurable: true }));
        },
      }));
      restore.push(() => (had ? define(obj, name, bare(had)) : delete obj[name]));
    };
    const wrapMethod = (obj, label, name) => {
      const key = label + '.' + String(name) + '()';
      const orig = obj[name];
      hits[key] = 0;
      obj[name] = function () {
        count(key);
        return apply(orig, this, arguments);
      };
      restore.push(() => (obj[name] = orig));
    };
    const names = ['toJSON', 'then', 'prepareStackTrace', 'handleEvent', 'stackTraceLimit', 'cause', 'message', 'name', 'detail', 'bubbles', 'cancelable', 'composed', 'capture', 'once', 'passive', 'signal', 'withCredentials', 'apply', 'construct', 'k', 'c', 't', 'data', 'queue', 'rec', 'types', 'constructorOpt'];
    const symbols = [Symbol.iterator, Symbol.toPrimitive, Symbol.split, Symbol.replace, Symbol.match, Symbol.search, Symbol.species, Symbol.toStringTag];
    for (const [obj, label] of [[Object.prototype, 'Object.prototype'], [Array.prototype, 'Array.prototype'], [Function.prototype, 'Function.prototype'], [Promise.prototype, 'Promise.prototype']]) {
      for (const name of names) if (!Object.prototype.hasOwnProperty.call(obj, name)) getterOn(obj, label, name);
      for (const s of symbols) getterOn(obj, label, s);
    }
    getterOn(Promise.prototype, 'Promise.prototype', 'then');
    getterOn(Array.prototype, 'Array.prototype', 'constructor');
    getterOn(Promise.prototype, 'Promise.prototype', 'constructor');
    getterOn(String.prototype, 'String.prototype', Symbol.split);
    for (const [obj, label, list] of [
      [String.prototype, 'String.prototype', ['split', 'slice', 'indexOf', 'charCodeAt', 'replace', 'concat', 'toString']],
      [Array.prototype, 'Array.prototype', ['join', 'push', 'slice', 'splice', 'map', 'forEach', 'indexOf']],
      [RegExp.prototype, 'RegExp.prototype', ['exec', 'test']],
      [Function.prototype, 'Function.prototype', ['call', 'apply', 'bind']],
      [JSON, 'JSON', ['stringify', 'parse']],
      [Reflect, 'Reflect', ['apply', 'construct', 'defineProperty', 'deleteProperty', 'ownKeys']],
      [Object, 'Object', ['defineProperty', 'getOwnPropertyDescriptor', 'setPrototypeOf', 'create', 'keys']],
    ]) {
      for (const name of list) wrapMethod(obj, label, name);
    }
    let traffic;
    try {
      traffic = await (async () => {
        const out = {};
        const ws = new WebSocket(WS + '?t=stealth-lookups', ['chat', 'other']);
        await once(ws, 'open');
        const echo = () => once(ws, 'message');
        let m = echo();
        ws.send('text');
        out.text = (await m).data;
        m = echo();
        ws.send(new Uint8Array([1, 2, 3]).buffer);
        out.blobIn = (await m).data.size; // binaryType "blob": the hook reads the Blob
        m = echo();
        ws.send(new Blob(['blob-out']));
        out.blobOut = (await m).data.size;
        ws.binaryType = 'arraybuffer';
        m = echo();
        ws.send(new Uint16Array([7, 8]));
        out.bufferIn = (await m).data.byteLength;
        ws.close(1000, 'done');
        await once(ws, 'close');
        const es = new EventSource(SSE + '/stream?t=stealth-lookups-sse');
        await timeout(
          new Promise((resolve) => {
            es.addEventListener('foo', () => {}, { once: false });
            es.onerror = () => es.readyState === EventSource.CLOSED && resolve();
          }),
          'sse',
        );
        es.close();
        // Longer than the hook's batch timer (50 ms): batches are sent while this runs.
        await new Promise((resolve) => setTimeout(resolve, 150));
        return out;
      })();
    } finally {
      for (const undo of restore.reverse()) undo();
    }
    return { traffic, hits };
  }

  // The same traces inside a frame that the top page cannot reach (sandboxed, or cross-origin):
  // it runs them itself and posts the result to its parent.
  async function inFrame() {
    const r = {};
    for (const [key, fn] of [['thrownStacks', () => thrownStacks(window)], ['callbackStacks', callbackStacks], ['fnKeys', keysNow], ['lookups', lookups]]) {
      try {
        r[key] = await fn();
      } catch (e) {
        r[key] = { failed: String(e && e.message) };
      }
    }
    return r;
  }
  if (window.parent !== window && /[?&]stealth-frame=/.test(location.search)) {
    inFrame().then((r) => parent.postMessage({ stealthFrame: location.search, r: JSON.stringify(r) }, '*'));
  }
  function frameResult(src, sandbox) {
    return timeout(
      new Promise((resolve) => {
        const f = document.createElement('iframe');
        if (sandbox) f.setAttribute('sandbox', sandbox);
        f.src = src;
        window.addEventListener('message', function on(e) {
          if (!e.data || e.data.stealthFrame === undefined || e.source !== f.contentWindow) return;
          window.removeEventListener('message', on);
          f.remove();
          resolve(JSON.parse(e.data.r));
        });
        document.body.appendChild(f);
      }),
      'frame ' + src,
    );
  }

  window.__stealth = async () => {
    const result = {};
    const step = async (key, fn) => {
      try {
        result[key] = await fn();
      } catch (e) {
        result[key] = { failed: String(e && e.message) };
      }
    };
    const blank = document.getElementById('blank').contentWindow;
    await step('windowNamesAtFirstScript', () => first.windowNames);
    await step('fnKeysAtFirstScript', () => first.fnKeys);
    await step('fnKeysLater', keysNow);
    await step('thrownStacks', () => thrownStacks(window));
    await step('thrownStacksInFrame', () => thrownStacks(blank));
    await step('callbackStacks', callbackStacks);
    await step('listenerStacks', listenerStacks);
    await step('crossRealmToString', () => crossRealmToString(blank));
    await step('crossRealmToStringSrcdoc', () => crossRealmToString(document.getElementById('srcdoc').contentWindow));
    await step('crossRealmToStringPopup', () => {
      const popup = window.open('about:blank', '_blank');
      try {
        return crossRealmToString(popup);
      } finally {
        popup.close();
      }
    });
    await step('lookups', lookups);
    const port = location.port;
    await step('sandboxedFrame', () => frameResult('/transparency-frame.html?stealth-frame=sandboxed', 'allow-scripts'));
    await step('crossOriginFrame', () => frameResult('http://localhost:' + port + '/transparency-frame.html?stealth-frame=cross-origin'));
    return result;
  };
})();
