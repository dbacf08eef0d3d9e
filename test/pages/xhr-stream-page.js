// XMLHttpRequest streaming as pages do it (test/xhr-stream.e2e.test.ts), run with and without the
// extension: a real polyfill (sse.js, served as an ES module) and plain XHRs reading
// `responseText` on progress. It only observes: what the page sees must be the same in both runs.
// No timestamps except `at` (when the page ended an endless stream, compared with the server).
import { SSE } from '/lib/sse.js';

const TIMEOUT = 15000;
const timeout = (p, label) => Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: ' + label)), TIMEOUT))]);
const counters = { windowError: 0, unhandledRejection: 0 };
window.addEventListener('error', () => counters.windowError++, true);
window.addEventListener('unhandledrejection', () => counters.unhandledRejection++);

/** Event types in the order of their first occurrence, with the readyStates seen (deduplicated). */
function watch(xhr) {
  const types = [];
  const states = [];
  const on = (e) => {
    if (!types.includes(e.type)) types.push(e.type);
    if (states.at(-1) !== xhr.readyState) states.push(xhr.readyState);
  };
  for (const t of ['readystatechange', 'loadstart', 'progress', 'load', 'error', 'abort', 'timeout', 'loadend']) xhr.addEventListener(t, on);
  return { types, states };
}
const headersOf = (xhr) => xhr.getAllResponseHeaders().split('\r\n').filter((l) => l && !/^(date|keep-alive|connection):/i.test(l)).sort();

function raw() {
  return timeout(new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const w = watch(xhr);
    const reads = [];
    xhr.onprogress = () => reads.push(xhr.responseText.length);
    xhr.onloadend = () => resolve({ ...w, text: xhr.responseText, response: xhr.response, status: xhr.status, statusText: xhr.statusText, headers: headersOf(xhr), sameUrl: xhr.responseURL === location.origin + '/llm', grew: reads.every((n, i) => i === 0 || n >= reads[i - 1]), onprogressType: typeof xhr.onprogress });
    xhr.open('POST', '/llm');
    xhr.send('{"prompt":"hi"}');
  }), 'raw');
}

function polyfill() {
  return timeout(new Promise((resolve) => {
    const got = [];
    const source = new SSE('/llm', { payload: '{"prompt":"hi"}', headers: { 'content-type': 'application/json' } });
    source.addEventListener('message', (e) => got.push(['message', e.id, e.data]));
    source.addEventListener('usage', (e) => got.push(['usage', e.id, e.data]));
    source.addEventListener('readystatechange', (e) => {
      if (e.readyState === 2) resolve({ got, readyState: source.readyState });
    });
  }), 'polyfill');
}

/** sse.js's close() aborts its XHR: the page ends an endless stream after three events. */
function polyfillClose() {
  return timeout(new Promise((resolve) => {
    const got = [];
    const source = new SSE('/endless?how=close');
    source.addEventListener('message', (e) => {
      got.push(e.data);
      if (got.length === 3) {
        source.close();
        resolve({ got, at: Date.now(), readyState: source.readyState });
      }
    });
  }), 'polyfillClose');
}

/** abort() inside the page's own progress listener, with what the XHR shows afterwards. */
function rawAbort() {
  return timeout(new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const w = watch(xhr);
    let resolved = false;
    xhr.addEventListener('progress', () => {
      if (resolved || !xhr.responseText.includes('tick 3\n')) return;
      resolved = true;
      const before = xhr.readyState;
      const at = Date.now();
      const r = xhr.abort();
      resolve({ ...w, before, after: xhr.readyState, status: xhr.status, text: xhr.responseText, returned: r, at });
    });
    xhr.open('GET', '/endless?how=abort');
    xhr.send();
  }), 'rawAbort');
}

/** The server dies in the middle of an event. */
function cut() {
  return timeout(new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const w = watch(xhr);
    xhr.onprogress = () => void xhr.responseText;
    xhr.onloadend = () => resolve({ ...w, status: xhr.status, text: xhr.responseText });
    xhr.open('GET', '/cut');
    xhr.send();
  }), 'cut');
}

/** One XHR object reused: a second open() from the first request's load listener. */
function reuse() {
  return timeout(new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const texts = [];
    xhr.onprogress = () => void xhr.response;
    xhr.onload = () => {
      texts.push(xhr.responseText);
      if (texts.length === 2) return resolve({ texts, readyState: xhr.readyState });
      xhr.open('GET', '/ndjson?n=2');
      xhr.send();
    };
    xhr.open('GET', '/ndjson?n=1');
    xhr.send();
  }), 'reuse');
}

/** Ordinary XHRs: a 2 MB JSON read three ways (never recorded). */
async function json() {
  const get = (type, read) => new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.responseType = type;
    xhr.onload = () => resolve(read(xhr));
    xhr.open('GET', '/big.json');
    xhr.send();
  });
  return {
    text: await get('', (x) => JSON.parse(x.responseText).length),
    response: await get('text', (x) => JSON.parse(x.response).length),
    json: await get('json', (x) => x.response.length),
  };
}

/** What the wrapped natives look like, and what they throw (with stacks). */
function natives() {
  const P = XMLHttpRequest.prototype;
  const d = (k) => {
    const x = Object.getOwnPropertyDescriptor(P, k);
    return { get: typeof x.get, set: typeof x.set, value: typeof x.value, enumerable: x.enumerable, configurable: x.configurable, writable: x.writable };
  };
  const fn = (f) => ({ name: f.name, length: f.length, str: String(f), proto: Object.getPrototypeOf(f) === Function.prototype, ownKeys: Reflect.ownKeys(f).map(String) });
  const thrown = (f) => {
    try {
      f();
      return 'no throw';
    } catch (e) {
      return { name: e.name, ctor: e.constructor.name, message: e.message, stack: e.stack };
    }
  };
  const get = (k) => Object.getOwnPropertyDescriptor(P, k).get;
  const jsonXhr = new XMLHttpRequest();
  jsonXhr.responseType = 'json';
  return {
    descs: ['responseText', 'response', 'abort', 'open', 'readyState'].map(d),
    fns: [get('responseText'), get('response'), P.abort, P.open].map(fn),
    thrown: {
      responseTextIllegal: thrown(() => get('responseText').call({})),
      responseIllegal: thrown(() => get('response').call({})),
      abortIllegal: thrown(() => P.abort.call({})),
      openIllegal: thrown(() => P.open.call({}, 'GET', '/')),
      badMethod: thrown(() => new XMLHttpRequest().open('bad method', '/')),
      jsonResponseText: thrown(() => jsonXhr.responseText),
    },
    fresh: (() => {
      const x = new XMLHttpRequest();
      return { text: x.responseText, response: x.response, abort: x.abort(), state: x.readyState };
    })(),
  };
}

window.__run = async () => {
  const out = {};
  for (const [k, f] of Object.entries({ natives, raw, polyfill, polyfillClose, rawAbort, cut, reuse, json })) {
    try {
      out[k] = await f();
    } catch (e) {
      out[k] = { failed: String(e) };
    }
  }
  out.counters = counters;
  return out;
};
