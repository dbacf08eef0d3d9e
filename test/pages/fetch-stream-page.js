// The page side of test/fetch-stream.e2e.test.ts: reads streamed fetch responses the way LLM SDKs
// do (POST, getReader, TextDecoder) and returns what a page can observe of them, so a run with
// the extension can be compared with a run without. Served as /fetch-stream-page.js.
'use strict';

const decoder = () => new TextDecoder();

/** Reads a body to its end with a default reader: the text and the number of reads. */
async function readAll(body) {
  const reader = body.getReader();
  const d = decoder();
  let text = '';
  let reads = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    reads++;
    text += d.decode(value, { stream: true });
  }
  return { text, readsAtLeastOne: reads > 0, closed: await reader.closed.then(() => 'resolved', (e) => `rejected ${e.name}`) };
}

/** The SSE events of a text, as a page would split them (blank line between events). */
const events = (text) => text.split(/\r\n\r\n|\n\n|\r\r/).filter((b) => b.trim() !== '');

async function llm() {
  const res = await fetch('/llm', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'hi' }) });
  const body = res.body;
  const before = { bodyUsed: res.bodyUsed, sameBody: res.body === body, isStream: body instanceof ReadableStream, locked: body.locked, status: res.status, type: res.type, contentType: res.headers.get('content-type') };
  const { text, readsAtLeastOne, closed } = await readAll(body);
  let textAfter;
  try {
    await res.text();
    textAfter = 'no error';
  } catch (e) {
    textAfter = `${e.constructor.name}: ${e.name}`;
  }
  return { before, after: { bodyUsed: res.bodyUsed, locked: body.locked, textAfter }, events: events(text), readsAtLeastOne, closed };
}

async function cloned() {
  const res = await fetch('/llm', { method: 'POST', body: '{}' });
  const copy = res.clone();
  const bodyChanged = res.body !== null;
  const [a, b] = await Promise.all([readAll(res.body), readAll(copy.body)]);
  return { bodyChanged, same: a.text === b.text, events: events(a.text).length, bodyUsed: [res.bodyUsed, copy.bodyUsed], typeOfClone: copy.type };
}

/** tee(): both branches read, as a page that logs a stream while it renders it would. */
async function teed() {
  const res = await fetch('/llm', { method: 'POST', body: '{}' });
  const body = res.body;
  const [a, b] = body.tee();
  const [x, y] = await Promise.all([readAll(a), readAll(b)]);
  return { same: x.text === y.text, events: events(x.text).length, locked: body.locked, bodyUsed: res.bodyUsed, branches: [a instanceof ReadableStream, a !== b] };
}

async function ndjson() {
  const res = await fetch('/ndjson');
  const { text } = await readAll(res.body);
  return { lines: text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)) };
}

/** Reads until `n` events arrived, then ends the stream the given way; says when, by Date.now(). */
async function endEarly(how, n) {
  const ctl = new AbortController();
  const res = await fetch(`/endless?how=${how}`, { method: 'POST', signal: ctl.signal, body: 'x' });
  const reader = res.body.getReader();
  const d = decoder();
  let text = '';
  while (events(text).length < n || !/\n\n$/.test(text)) {
    const { value } = await reader.read();
    text += d.decode(value, { stream: true });
  }
  const at = Date.now();
  let outcome;
  if (how === 'abort') {
    ctl.abort();
    outcome = await reader.read().then((r) => `read ${JSON.stringify(r)}`, (e) => `rejected ${e.name}`);
  } else {
    outcome = await reader.cancel('enough').then((v) => `cancel resolved ${v}`, (e) => `cancel rejected ${e.name}`);
    const next = await reader.read();
    outcome += ` · next read done=${next.done}`;
  }
  const closed = await reader.closed.then(() => 'resolved', (e) => `rejected ${e.name}`);
  return { at, outcome, closed, bodyUsed: res.bodyUsed, events: events(text).length >= n };
}

/** `for await` over the body (no reader the page can see): to the end, or `break` after `n` events. */
async function iterate(path, n) {
  const res = await fetch(path, { method: 'POST', body: 'x' });
  const d = decoder();
  let text = '';
  for await (const chunk of res.body) {
    text += d.decode(chunk, { stream: true });
    if (n !== undefined && events(text).length >= n && /\n\n$/.test(text)) break;
  }
  return { at: Date.now(), events: n === undefined ? events(text) : events(text).length >= n, bodyUsed: res.bodyUsed, locked: res.body.locked };
}

/** `pipeThrough(new TextDecoderStream())`, as the Vercel AI SDK reads, and `pipeTo` a sink of the page's. */
async function piped() {
  const res = await fetch('/llm', { method: 'POST', body: '{}' });
  const text = res.body.pipeThrough(new TextDecoderStream());
  const lockedDuring = res.body.locked;
  const reader = text.getReader();
  let all = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    all += value;
  }
  const res2 = await fetch('/llm', { method: 'POST', body: '{}' });
  let sunk = '';
  const d = decoder();
  const dest = new WritableStream({ write(c) { sunk += d.decode(c, { stream: true }); } });
  const result = await res2.body.pipeTo(dest);
  return { events: events(all), lockedDuring, sameSunk: sunk === all, result: String(result), destLockedAfter: dest.locked, bodyUsed: [res.bodyUsed, res2.bodyUsed] };
}

/** pipeThrough on an endless stream, ended by the fetch's abort signal after `n` events. */
async function pipedAbort(n) {
  const ctl = new AbortController();
  const res = await fetch('/endless?how=pipe-abort', { method: 'POST', signal: ctl.signal, body: 'x' });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (events(text).length < n || !/\n\n$/.test(text)) text += (await reader.read()).value;
  const at = Date.now();
  ctl.abort();
  const outcome = await reader.read().then((r) => `read ${JSON.stringify(r)}`, (e) => `rejected ${e.name}`);
  return { at, outcome };
}

/** A 2 MB non-streaming JSON response, read with json() and with a reader: never recorded. */
async function bigJson() {
  const a = await (await fetch('/big.json')).json();
  const { text } = await readAll((await fetch('/big.json')).body);
  return { items: a.length, sameText: JSON.stringify(a) === text };
}

/** Stacks of errors thrown by wrapped natives called with primitive arguments (restacked in Chromium). */
function thrownStacks() {
  const out = {};
  const cases = {
    getReaderIllegal: () => ReadableStream.prototype.getReader.call({}),
    bodyIllegal: () => Object.getOwnPropertyDescriptor(Response.prototype, 'body').get.call(1),
    releaseIllegal: () => ReadableStreamDefaultReader.prototype.releaseLock.call({}),
    lockedGetReader: () => { const s = new Response('x').body; s.getReader(); s.getReader(); },
  };
  for (const [k, f] of Object.entries(cases)) {
    try {
      f();
      out[k] = 'no error';
    } catch (e) {
      out[k] = { name: e.name, message: e.message, stack: e.stack, keys: Object.getOwnPropertyNames(e) };
    }
  }
  return out;
}

/** What the hook's wrappers look like to the page. */
function identity() {
  const get = Object.getOwnPropertyDescriptor(Response.prototype, 'body').get;
  const fns = {
    bodyGetter: get,
    getReader: ReadableStream.prototype.getReader,
    cancel: ReadableStream.prototype.cancel,
    read: ReadableStreamDefaultReader.prototype.read,
    readerCancel: ReadableStreamDefaultReader.prototype.cancel,
    releaseLock: ReadableStreamDefaultReader.prototype.releaseLock,
    byobRead: ReadableStreamBYOBReader.prototype.read,
    values: ReadableStream.prototype.values,
    iteratorNext: Object.getPrototypeOf(new ReadableStream().values()).next,
    iteratorReturn: Object.getPrototypeOf(new ReadableStream().values()).return,
  };
  const out = {};
  for (const [k, f] of Object.entries(fns)) out[k] = { name: f.name, length: f.length, str: Function.prototype.toString.call(f), keys: Reflect.ownKeys(f).map(String) };
  let illegal;
  try {
    get.call({});
  } catch (e) {
    illegal = `${e.constructor.name}: ${e.message}`;
  }
  out.illegal = illegal;
  out.bodyDescriptor = Object.keys(Object.getOwnPropertyDescriptor(Response.prototype, 'body'));
  out.sameIterator = ReadableStream.prototype.values === ReadableStream.prototype[Symbol.asyncIterator];
  return out;
}

/**
 * Getters a page may define where our code could look things up (Promise species and
 * `constructor`, `then` on every object, the read result's fields): each read is counted while
 * a stream is read and cancelled; the counts must be the same with the extension as without.
 */
async function lookups() {
  const counts = {};
  const restore = [];
  const count = (obj, key, value) => {
    const d = Object.getOwnPropertyDescriptor(obj, key);
    restore.push(() => (d ? Object.defineProperty(obj, key, d) : delete obj[key]));
    const name = `${obj === Object.prototype ? 'Object' : obj === Promise ? 'Promise' : 'Promise.prototype'}.${String(key)}`;
    counts[name] = 0;
    Object.defineProperty(obj, key, { configurable: true, get() { counts[name]++; return value; } });
  };
  count(Promise.prototype, 'constructor', Promise);
  count(Promise, Symbol.species, Promise);
  count(Object.prototype, 'then', undefined);
  count(Object.prototype, 'constructor', Object);
  count(Object.prototype, 'cancel', undefined);
  // What a WritableStream constructor reads from its sink and strategy (a pipe's stand-in would).
  for (const k of ['write', 'close', 'abort', 'start', 'type', 'highWaterMark', 'size']) count(Object.prototype, k, undefined);
  try {
    const res = await fetch('/llm', { method: 'POST', body: '{}' });
    const reader = res.body.getReader();
    await reader.read();
    await reader.cancel();
    await reader.closed;
    const piped = (await fetch('/llm', { method: 'POST', body: '{}' })).body.pipeThrough(new TextDecoderStream()).getReader();
    while (!(await piped.read()).done);
  } finally {
    for (const r of restore.reverse()) r();
  }
  return counts;
}

window.__counters = { unhandled: 0, errors: 0 };
window.addEventListener('unhandledrejection', () => window.__counters.unhandled++);
window.addEventListener('error', () => window.__counters.errors++);

window.__run = async () => {
  const out = { identity: identity() };
  for (const [k, f] of Object.entries({ llm, cloned, ndjson, abort: () => endEarly('abort', 3), cancel: () => endEarly('cancel', 3), iterate: () => iterate('/llm'), iterateBreak: () => iterate('/endless?how=break', 3), bigJson, thrownStacks: async () => thrownStacks(), piped, pipedAbort: () => pipedAbort(3), teed })) {
    try {
      out[k] = await f();
    } catch (e) {
      out[k] = { failed: String(e && e.stack) };
    }
  }
  try {
    out.lookups = await lookups();
  } catch (e) {
    out.lookups = { failed: String(e && e.stack) };
  }
  out.counters = window.__counters;
  return out;
};
