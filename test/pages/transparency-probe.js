// The transparency probe: page-visible behaviour of WebSocket and EventSource, run in the same
// browser with and without the extension. It only observes and records; the e2e test compares the
// two result objects. Nothing here may depend on timing (no timestamps, no bufferedAmount).
// Results are kept in JS variables (no DOM writes, no postMessage), so the page stays as it was.
(function () {
  'use strict';
  const WS = 'ws://' + location.host + '/echo';
  const SSE = location.origin + '/sse';
  window.__WS = WS;

  const counters = { windowMessage: 0, windowError: 0, unhandledRejection: 0, mutations: 0 };
  window.addEventListener('message', () => counters.windowMessage++, true);
  window.addEventListener('error', () => counters.windowError++, true);
  window.addEventListener('unhandledrejection', () => counters.unhandledRejection++);

  // ---- helpers ---------------------------------------------------------------------------
  const TIMEOUT = 15000;
  const timeout = (p, label) =>
    Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: ' + label)), TIMEOUT))]);
  const once = (target, type) => timeout(new Promise((resolve) => target.addEventListener(type, resolve, { once: true })), type);
  const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms || 0));
  function errInfo(fn) {
    try {
      fn();
      return { threw: false };
    } catch (e) {
      return {
        threw: true,
        name: e && e.name,
        ctor: e && e.constructor && e.constructor.name,
        isDOMException: e instanceof DOMException,
        isTypeError: e instanceof TypeError,
        message: String(e && e.message),
        code: e && e.code,
      };
    }
  }
  function desc(obj, key) {
    const d = Object.getOwnPropertyDescriptor(obj, key);
    if (!d) return null;
    return { writable: d.writable, enumerable: d.enumerable, configurable: d.configurable, get: typeof d.get, set: typeof d.set, value: typeof d.value };
  }
  function evInfo(e, target) {
    const before = e.defaultPrevented;
    e.preventDefault();
    return {
      type: e.type,
      ctor: e.constructor.name,
      isTrusted: e.isTrusted,
      bubbles: e.bubbles,
      cancelable: e.cancelable,
      composed: e.composed,
      eventPhase: e.eventPhase,
      targetOk: e.target === target && e.currentTarget === target,
      defaultPrevented: [before, e.defaultPrevented],
      ownProps: Object.getOwnPropertyNames(e),
    };
  }
  const bytes = (buf) => Array.from(new Uint8Array(buf));
  function nextMessage(ws) {
    return timeout(
      new Promise((resolve) => {
        const on = (e) => {
          ws.removeEventListener('message', on);
          resolve(e);
        };
        ws.addEventListener('message', on);
      }),
      'message',
    );
  }
  async function describeData(d) {
    if (typeof d === 'string') return { kind: 'string', value: d.length > 64 ? 'len:' + d.length : d };
    if (d instanceof ArrayBuffer) return { kind: 'ArrayBuffer', bytes: bytes(d) };
    if (d instanceof Blob) return { kind: 'Blob', size: d.size, type: d.type, bytes: bytes(await d.arrayBuffer()) };
    return { kind: typeof d };
  }
  function constants(o) {
    return [o.CONNECTING, o.OPEN, o.CLOSING, o.CLOSED];
  }
  function toStrings() {
    return [
      String(WebSocket),
      String(WebSocket.prototype.send),
      String(WebSocket.prototype.close),
      String(EventSource),
      String(EventSource.prototype.close),
      String(EventTarget.prototype.addEventListener),
      Function.prototype.toString.call(Function.prototype.toString),
      Function.prototype.toString.call(WebSocket),
    ];
  }

  // ---- WebSocket: identity ---------------------------------------------------------------
  async function wsIdentity() {
    const ws = new WebSocket(WS + '?t=identity');
    const r = {
      instanceOf: ws instanceof WebSocket,
      instanceOfEventTarget: ws instanceof EventTarget,
      protoIs: Object.getPrototypeOf(ws) === WebSocket.prototype,
      protoCtor: WebSocket.prototype.constructor === WebSocket,
      ctor: ws.constructor === WebSocket,
      dunderProtoCtor: ws.__proto__.constructor === WebSocket,
      superIsEventTarget: Object.getPrototypeOf(WebSocket) === EventTarget,
      typeofCtor: typeof WebSocket,
      name: WebSocket.name,
      length: WebSocket.length,
      statics: constants(WebSocket),
      protoConstants: constants(WebSocket.prototype),
      instanceConstants: constants(ws),
      ownNames: Object.getOwnPropertyNames(WebSocket).sort(),
      protoNames: Object.getOwnPropertyNames(WebSocket.prototype).sort(),
      instanceOwnNames: Object.getOwnPropertyNames(ws),
      windowDesc: desc(window, 'WebSocket'),
      globalThisSame: globalThis.WebSocket === WebSocket && self.WebSocket === WebSocket,
      protoCtorDesc: desc(WebSocket.prototype, 'constructor'),
      sendDesc: desc(WebSocket.prototype, 'send'),
      closeDesc: desc(WebSocket.prototype, 'close'),
      addEventListenerDesc: desc(EventTarget.prototype, 'addEventListener'),
      sendSame: ws.send === WebSocket.prototype.send,
      fnNames: [WebSocket.prototype.send.name, WebSocket.prototype.send.length, WebSocket.prototype.close.name, WebSocket.prototype.close.length, EventTarget.prototype.addEventListener.name, EventTarget.prototype.addEventListener.length],
      toStrings: toStrings(),
      url: ws.url,
      readyStateAtStart: ws.readyState,
      binaryTypeDefault: ws.binaryType,
      protocolAtStart: ws.protocol,
      extensionsAtStart: ws.extensions,
      bufferedAmountAtStart: ws.bufferedAmount,
      callWithoutNew: errInfo(() => WebSocket(WS)),
    };
    ws.onmessage = 2;
    r.onmessageNumber = ws.onmessage;
    ws.onmessage = 'x';
    r.onmessageString = ws.onmessage;
    const obj = {};
    ws.onmessage = obj;
    r.onmessageObject = ws.onmessage === obj;
    ws.onmessage = null;
    const openEvent = await once(ws, 'open');
    r.openEvent = evInfo(openEvent, ws);
    r.readyStateAtOpen = ws.readyState;

    // Listener order: reassigning onmessage keeps the handler's first position.
    const order = [];
    ws.addEventListener('message', () => order.push('A'));
    ws.onmessage = () => order.push('B');
    ws.addEventListener('message', () => order.push('C'));
    ws.onmessage = () => order.push('D');
    const last = nextMessage(ws);
    ws.send('order');
    const m = await last;
    r.listenerOrder = order;
    r.messageEvent = evInfo(m, ws);
    r.messageFields = { data: m.data, origin: m.origin, lastEventId: m.lastEventId, source: m.source, ports: m.ports.length };
    ws.onmessage = null;

    // Errors of calls on an open socket.
    r.sendNoArgs = errInfo(() => ws.send());
    r.sendSymbol = errInfo(() => ws.send(Symbol('s')));
    r.closeBadCode = errInfo(() => ws.close(999));
    r.closeLongReason = errInfo(() => ws.close(1000, 'x'.repeat(124)));
    r.closeCodeNoNumber = errInfo(() => ws.close('abc'));

    // close() without a code: the close event carries 1005.
    ws.close();
    r.readyStateAfterClose = ws.readyState;
    r.closeAgain = errInfo(() => ws.close());
    r.sendWhileClosing = errInfo(() => ws.send('late'));
    const ce = await once(ws, 'close');
    r.closeEvent = { ...evInfo(ce, ws), code: ce.code, reason: ce.reason, wasClean: ce.wasClean };
    r.readyStateClosed = ws.readyState;
    return r;
  }

  // ---- WebSocket: errors thrown by the constructor and methods ---------------------------
  async function wsErrors() {
    const r = {
      noArgs: errInfo(() => new WebSocket()),
      badScheme: errInfo(() => new WebSocket('foo://127.0.0.1/')),
      invalidUrl: errInfo(() => new WebSocket('ws://[')),
      duplicateProtocols: errInfo(() => new WebSocket(WS, ['a', 'a'])),
      badProtocol: errInfo(() => new WebSocket(WS, 'a b')),
      sendIllegal: errInfo(() => WebSocket.prototype.send.call({}, 'x')),
      closeIllegal: errInfo(() => WebSocket.prototype.close.call({})),
      readyStateIllegal: errInfo(() => Object.getOwnPropertyDescriptor(WebSocket.prototype, 'readyState').get.call({})),
      addEventListenerIllegal: errInfo(() => EventTarget.prototype.addEventListener.call(1, 'x', () => {})),
      addEventListenerNoArgs: errInfo(() => new EventTarget().addEventListener('x')),
    };
    // http(s) URLs and relative URLs: accepted or not, resolved the same way.
    const made = [];
    for (const [key, url] of [
      ['httpUrl', WS.replace('ws:', 'http:') + '?t=http'],
      ['relativeUrl', '/echo?t=relative'],
      ['fragmentUrl', WS + '?t=fragment#frag'],
    ]) {
      r[key] = errInfo(() => made.push([key, new WebSocket(url)]));
    }
    for (const [key, ws] of made) {
      r[key].url = ws.url;
      ws.close();
    }
    const connecting = new WebSocket(WS + '?t=connecting');
    r.sendWhileConnecting = errInfo(() => connecting.send('too early'));
    r.connectingReadyState = connecting.readyState;
    connecting.close(3001, 'early');
    const ce = await once(connecting, 'close');
    r.closeWhileConnecting = { code: ce.code, reason: ce.reason, wasClean: ce.wasClean };
    // The server closes with 4001 "bye".
    const sc = new WebSocket(WS + '?t=server-close');
    const sce = await once(sc, 'close');
    r.serverClose = { code: sce.code, reason: sce.reason, wasClean: sce.wasClean };
    // Subprotocol negotiation.
    const p = new WebSocket(WS + '?t=protocol', ['chat', 'other']);
    await once(p, 'open');
    r.negotiated = { protocol: p.protocol, extensions: p.extensions };
    p.close(1000, 'done');
    const pe = await once(p, 'close');
    r.protocolClose = { code: pe.code, reason: pe.reason, wasClean: pe.wasClean };
    return r;
  }

  // ---- WebSocket: payloads, binaryType, buffers never detached ---------------------------
  async function wsPayloads() {
    const ws = new WebSocket(WS + '?t=binary');
    const r = { binaryTypeDefault: ws.binaryType };
    await once(ws, 'open');
    const roundTrip = async (data) => {
      const m = nextMessage(ws);
      ws.send(data);
      return describeData((await m).data);
    };
    r.blobDefault = await roundTrip(new Uint8Array([1, 2, 3]));
    r.blobSent = await roundTrip(new Blob(['hey', new Uint8Array([1, 2])]));
    r.binaryTypeSetBad = errInfo(() => (ws.binaryType = 'nope'));
    r.binaryTypeAfterBad = ws.binaryType;
    ws.binaryType = 'arraybuffer';
    r.binaryTypeSet = ws.binaryType;

    // The page's ArrayBuffer stays attached and intact, and may be reused right after send().
    const buf = new Uint8Array([9, 8, 7, 6, 5]).buffer;
    const m1 = nextMessage(ws);
    ws.send(buf);
    r.sentBufferAfterSend = { byteLength: buf.byteLength, bytes: bytes(buf) };
    new Uint8Array(buf)[0] = 42; // reuse
    const e1 = await m1;
    r.arrayBufferEcho = await describeData(e1.data);
    r.receivedStillAttached = e1.data.byteLength;
    await tick(20);
    r.receivedStillAttachedLater = e1.data.byteLength;

    r.viewWithOffset = await roundTrip(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]).subarray(2, 5));
    r.dataView = await roundTrip(new DataView(new Uint8Array([10, 11, 12, 13]).buffer, 1, 2));
    r.float32 = await roundTrip(new Float32Array([1.5, -2]));
    r.emptyBuffer = await roundTrip(new ArrayBuffer(0));
    let toStringCalls = 0;
    r.object = await roundTrip({ toString: () => (toStringCalls++, 'obj') });
    r.objectToStringCalls = toStringCalls;
    r.plainObject = await roundTrip({ a: 1 });
    r.number = await roundTrip(42);
    r.nullData = await roundTrip(null);
    r.loneSurrogate = await roundTrip('a\ud800b');
    r.emoji = await roundTrip('😀é');
    r.bigText = await roundTrip('x'.repeat(200000));
    r.blobWhileArrayBuffer = await roundTrip(new Blob([new Uint8Array([7, 7])]));
    ws.close(3000, 'bye');
    const ce = await once(ws, 'close');
    r.close = { code: ce.code, reason: ce.reason, wasClean: ce.wasClean };
    return r;
  }

  // ---- WebSocket subclass ------------------------------------------------------------------
  async function wsSubclass() {
    class X extends WebSocket {
      constructor(url) {
        super(url);
        this.tag = 'x';
      }
      hello() {
        return 'hi ' + this.readyState;
      }
    }
    const x = new X(WS + '?t=class');
    const r = {
      instanceOfX: x instanceof X,
      instanceOfWebSocket: x instanceof WebSocket,
      ctorIsX: x.constructor === X,
      protoOfX: Object.getPrototypeOf(X) === WebSocket,
      protoOfInstance: Object.getPrototypeOf(x) === X.prototype,
      name: X.name,
      length: X.length,
      tag: x.tag,
      hello: x.hello(),
      url: x.url,
      statics: constants(X),
    };
    await once(x, 'open');
    const m = nextMessage(x);
    x.send('sub');
    r.echo = (await m).data;
    x.close(1000, 'done');
    const ce = await once(x, 'close');
    r.close = { code: ce.code, reason: ce.reason, wasClean: ce.wasClean };
    return r;
  }

  // ---- EventSource -------------------------------------------------------------------------
  async function eventSource() {
    const es = new EventSource(SSE + '/stream?t=sse');
    const r = {
      instanceOf: es instanceof EventSource,
      protoIs: Object.getPrototypeOf(es) === EventSource.prototype,
      protoCtor: EventSource.prototype.constructor === EventSource,
      ctor: es.constructor === EventSource,
      superIsEventTarget: Object.getPrototypeOf(EventSource) === EventTarget,
      name: EventSource.name,
      length: EventSource.length,
      statics: [EventSource.CONNECTING, EventSource.OPEN, EventSource.CLOSED],
      protoConstants: [EventSource.prototype.CONNECTING, EventSource.prototype.OPEN, EventSource.prototype.CLOSED],
      ownNames: Object.getOwnPropertyNames(EventSource).sort(),
      protoNames: Object.getOwnPropertyNames(EventSource.prototype).sort(),
      instanceOwnNames: Object.getOwnPropertyNames(es),
      windowDesc: desc(window, 'EventSource'),
      protoCtorDesc: desc(EventSource.prototype, 'constructor'),
      closeDesc: desc(EventSource.prototype, 'close'),
      url: es.url,
      withCredentials: es.withCredentials,
      readyStateAtStart: es.readyState,
      callWithoutNew: errInfo(() => EventSource(SSE)),
      noArgs: errInfo(() => new EventSource()),
      invalidUrl: errInfo(() => new EventSource('http://[')),
      closeIllegal: errInfo(() => EventSource.prototype.close.call({})),
    };
    es.onmessage = 2;
    r.onmessageNumber = es.onmessage;
    const log = [];
    const record = (e) => {
      const entry = { type: e.type, readyState: es.readyState, isTrusted: e.isTrusted, cancelable: e.cancelable, bubbles: e.bubbles, ctor: e.constructor.name };
      if (e instanceof MessageEvent) Object.assign(entry, { data: e.data, lastEventId: e.lastEventId, origin: e.origin });
      log.push(entry);
    };
    es.onopen = record;
    es.onmessage = record;
    es.addEventListener('foo', record);
    const gaveUp = timeout(
      new Promise((resolve) => {
        es.onerror = (e) => {
          record(e);
          if (es.readyState === EventSource.CLOSED) resolve();
        };
      }),
      'sse give up',
    );
    await gaveUp;
    r.events = log;
    r.readyStateEnd = es.readyState;
    es.close();
    r.readyStateAfterClose = es.readyState;

    const cred = new EventSource(SSE + '/hold?t=cred', { withCredentials: true });
    r.withCredentialsTrue = cred.withCredentials;
    const open = await once(cred, 'open');
    r.openEvent = evInfo(open, cred);
    r.holdReadyState = cred.readyState;
    const first = await once(cred, 'message');
    r.holdMessage = { data: first.data, isTrusted: first.isTrusted };
    cred.close();
    r.holdClosed = cred.readyState;

    class Y extends EventSource {}
    const y = new Y(SSE + '/hold?t=sse-class');
    r.subclass = { instanceOfY: y instanceof Y, instanceOfEventSource: y instanceof EventSource, ctor: y.constructor === Y, url: y.url };
    await once(y, 'message');
    y.close();
    return r;
  }

  // ---- frames --------------------------------------------------------------------------------
  window.__frameProbe = function (win, ws) {
    const r = {
      frameHref: win.location.href,
      instanceOfOwn: ws instanceof win.WebSocket,
      instanceOfParent: ws instanceof WebSocket,
      ctorOwn: ws.constructor === win.WebSocket,
      protoCtor: win.WebSocket.prototype.constructor === win.WebSocket,
      distinct: win.WebSocket !== WebSocket,
      toString: String(win.WebSocket),
      url: ws.url,
    };
    return new Promise((resolve) => {
      ws.onerror = () => resolve({ ...r, error: true });
      ws.onopen = () => ws.send('frame');
      ws.onmessage = (e) => {
        r.echo = e.data;
        r.isTrusted = e.isTrusted;
        ws.close();
      };
      ws.onclose = (e) => resolve({ ...r, closeCode: e.code });
    });
  };
  async function frames() {
    const blank = document.getElementById('blank').contentWindow;
    const r = {};
    r.blank = await timeout(window.__frameProbe(blank, blank.eval("new WebSocket(parent.__WS + '?frame=blank')")), 'blank frame');
    r.srcdoc = await timeout(window.__srcdoc, 'srcdoc frame');
    return r;
  }
  // A frame added by script, used at once: the hook must be in place before the page touches it.
  function dynamicFrame() {
    const f = document.createElement('iframe');
    document.body.appendChild(f);
    const win = f.contentWindow;
    return window.__frameProbe(win, new win.WebSocket(WS + '?frame=dynamic'));
  }

  // ---- prototype pollution: the hook must not call page accessors on Object.prototype --------
  async function pollution() {
    const names = [
      'get', 'set', 'apply', 'construct', 'has', 'defineProperty', 'deleteProperty', 'getOwnPropertyDescriptor',
      'ownKeys', 'getPrototypeOf', 'bubbles', 'cancelable', 'composed', 'detail', 'capture', 'once', 'passive',
      'signal', 'data', 'size', 'binary', 'truncated', 'bufferedAmount', 'stack', 'code', 'reason', 'wasClean',
      'eventType', 'lastEventId', 'origin', 'protocol', 'extensions', 'readyState', 'url', 'frameUrl', 'queue',
    ];
    const hits = {};
    for (const n of names) {
      hits[n] = 0;
      Object.defineProperty(Object.prototype, n, {
        configurable: true,
        get() {
          hits[n]++;
          return undefined;
        },
        set(v) {
          hits[n]++;
          Object.defineProperty(this, n, { value: v, writable: true, enumerable: true, configurable: true });
        },
      });
    }
    let prepared = 0;
    const hadPrepare = Object.prototype.hasOwnProperty.call(Error, 'prepareStackTrace');
    const oldPrepare = Error.prepareStackTrace;
    Error.prepareStackTrace = (e, frames) => (prepared++, 'prepared');
    try {
      const ws = new WebSocket(WS + '?t=pollution');
      const opened = new Promise((resolve) => (ws.onopen = resolve));
      const message = new Promise((resolve) => (ws.onmessage = resolve));
      const closed = new Promise((resolve) => (ws.onclose = resolve));
      const s = WebSocket.OPEN + EventSource.CLOSED + String(WebSocket).length;
      await timeout(opened, 'pollution open');
      ws.send('p');
      await timeout(message, 'pollution message');
      ws.close(1000, 'r');
      await timeout(closed, 'pollution close');
      await tick(120); // longer than the hook's batch timer: a flush happens while polluted
      return { hits, prepared, s };
    } finally {
      for (const n of names) delete Object.prototype[n];
      if (hadPrepare) Error.prepareStackTrace = oldPrepare;
      else delete Error.prepareStackTrace;
    }
  }

  async function run() {
    if (document.readyState !== 'complete') await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
    const result = {};
    const step = async (key, fn) => {
      try {
        result[key] = await fn();
      } catch (e) {
        result[key] = { failed: String(e && e.message) };
      }
    };
    await step('dynamicFrame', () => timeout(dynamicFrame(), 'dynamic frame'));
    const mo = new MutationObserver((records) => (counters.mutations += records.length));
    mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const htmlBefore = document.documentElement.outerHTML;
    await step('wsIdentity', wsIdentity);
    await step('wsErrors', wsErrors);
    await step('wsPayloads', wsPayloads);
    await step('wsSubclass', wsSubclass);
    await step('eventSource', eventSource);
    await step('frames', frames);
    await step('pollution', pollution);
    await tick(100);
    mo.disconnect();
    result.page = {
      counters,
      htmlUnchanged: document.documentElement.outerHTML === htmlBefore,
      html: document.documentElement.outerHTML,
      blankHtml: document.getElementById('blank').contentDocument.documentElement.outerHTML,
      srcdocHtml: document.getElementById('srcdoc').contentDocument.documentElement.outerHTML,
      windowOwnNames: Object.getOwnPropertyNames(window).sort(),
      windowKeys: Object.keys(window).sort(),
      windowSymbols: Object.getOwnPropertySymbols(window).map(String),
      documentOwnNames: Object.getOwnPropertyNames(document).sort(),
      toStrings: toStrings(),
    };
    return result;
  }

  window.__probe = () => run();
})();
