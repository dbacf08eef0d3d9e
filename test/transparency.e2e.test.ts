// The page must not be able to tell that the inspector is installed. The probe page
// (test/pages/transparency-probe.js) records what a page can observe of WebSocket and
// EventSource — identity, constants, errors, events, listener order, buffers, globals, DOM — and
// runs four times: Chromium and Firefox, each without and with the extension. The results with
// the extension must equal the results without. A few absolute checks make sure the probe really
// ran its cases, and the session log shows that the extension really recorded them.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultExtensionDir, launchInspectedBrowser, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import type { LogConnection, LogEvent, SessionLog } from '../src/contracts/session-log-format';
import { HANDSHAKE_EVENT } from '../src/contracts/protocol';
import { startProbeServer, type ProbeServer } from './pages/transparency-server';

type ProbeResult = Record<string, Record<string, unknown>>;

let server: ProbeServer;
beforeAll(async () => {
  server = await startProbeServer();
});
afterAll(async () => {
  await server?.close();
});

interface Reinjected {
  sameConstructor: boolean;
  sameToString: boolean;
  echo: unknown;
}

/**
 * Runs the built hook a second time in the same document, as Firefox does with declared content
 * scripts when the extension is installed into open tabs: it must stand down, not wrap twice.
 */
async function reinjectHook(page: import('puppeteer-core').Page, name: BrowserName): Promise<Reinjected> {
  const hook = readFileSync(join(defaultExtensionDir(name), 'src/hook/index.js'), 'utf8');
  await page.evaluate(`window.__before = [WebSocket, String(WebSocket)];`);
  await page.evaluate(hook);
  return page.evaluate(async () => {
    const w = window as unknown as { __before: [unknown, string]; __WS: string };
    const ws = new WebSocket(`${w.__WS}?t=reinject`);
    await new Promise((resolve) => (ws.onopen = resolve));
    const echo = new Promise<unknown>((resolve) => (ws.onmessage = (e) => resolve(e.data)));
    ws.send('again');
    const data = await echo;
    ws.close();
    await new Promise((resolve) => (ws.onclose = resolve));
    return { sameConstructor: WebSocket === w.__before[0], sameToString: String(WebSocket) === w.__before[1], echo: data };
  });
}

async function runProbe(
  name: BrowserName,
  extension: boolean,
): Promise<{ result: ProbeResult; stealth: ProbeResult; channel: ProbeResult; channelNames: string[]; log?: SessionLog; reinjected?: Reinjected; extensionId?: string }> {
  const inspected: InspectedBrowser = await launchInspectedBrowser({ browser: name, extension });
  try {
    const page = await inspected.browser.newPage();
    await page.goto(server.pageUrl(`${name}-${extension ? 'with' : 'without'}`), { waitUntil: 'load' });
    const json = await page.evaluate(async () => JSON.stringify(await (window as unknown as { __probe(): Promise<unknown> }).__probe()));
    const result = JSON.parse(json) as ProbeResult;
    const stealthJson = await page.evaluate(async () => JSON.stringify(await (window as unknown as { __stealth(): Promise<unknown> }).__stealth()));
    const stealth = JSON.parse(stealthJson) as ProbeResult;
    const channel = JSON.parse(await page.evaluate(async () => JSON.stringify(await (window as unknown as { __channel(): Promise<unknown> }).__channel()))) as ProbeResult;
    const channelNames = (await page.evaluate(() => (window as unknown as { __channelNames: string[] }).__channelNames)) as string[];
    const reinjected = extension ? await reinjectHook(page, name) : undefined;
    const log = extension ? await waitForLog(inspected) : undefined;
    await page.close();
    return { result, stealth, channel, channelNames, log, reinjected, extensionId: inspected.extensionId };
  } finally {
    await inspected.close();
  }
}

/** The probe's last connections may still be in flight to IndexedDB: export until they are there. */
async function waitForLog(inspected: InspectedBrowser): Promise<SessionLog> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const log = await inspected.exportSessionLog();
    if (log.connections.some((c) => c.url.includes('t=reinject') && c.close) || Date.now() > deadline) return log;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const conn = (log: SessionLog, marker: string): LogConnection | undefined => log.connections.find((c) => c.url.includes(marker));
const eventsOf = (log: SessionLog, c: LogConnection | undefined): LogEvent[] =>
  c ? log.events.filter((e) => e.connectionId === c.id).sort((a, b) => a.seq - b.seq) : [];
const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

/**
 * The same result with the frames of the hook's script dropped from every stack string: Chromium
 * names them `<anonymous>` with a line and column (our sourceURL, scripts/lib/build-all.mjs),
 * Firefox names a MAIN-world content script `<anonymous code>`. Used only where a frame of ours
 * remains by design (docs/architecture.md); the page's own frames must all still be there.
 */
function withoutOwnFrames(value: unknown): unknown {
  if (typeof value === 'string') {
    return value
      .split('\n')
      .filter((line) => !/\(<anonymous>:\d+:\d+\)$|@<anonymous(?: code)?>:\d+:\d+$/.test(line))
      .join('\n');
  }
  if (Array.isArray(value)) return value.map(withoutOwnFrames);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutOwnFrames(v)]));
  return value;
}

describe.each<BrowserName>(['chromium', 'firefox'])('transparency in %s', (name) => {
  let without: ProbeResult;
  let withExt: ProbeResult;
  let log: SessionLog;
  let reinjected: Reinjected;
  let stealthWithout: ProbeResult;
  let stealthWith: ProbeResult;
  let extensionId: string;
  let channelWithout: ProbeResult;
  let channelWith: ProbeResult;
  let channelNames: string[];

  beforeAll(async () => {
    const wo = await runProbe(name, false);
    without = wo.result;
    stealthWithout = wo.stealth;
    const w = await runProbe(name, true);
    withExt = w.result;
    stealthWith = w.stealth;
    extensionId = w.extensionId!;
    channelWithout = wo.channel;
    channelWith = w.channel;
    channelNames = w.channelNames;
    log = w.log!;
    reinjected = w.reinjected!;
    // Debugging aid: RI_TRANSPARENCY_DUMP=/tmp/x writes the raw results next to each other.
    const dump = process.env.RI_TRANSPARENCY_DUMP;
    if (dump) writeFileSync(`${dump}-${name}.json`, JSON.stringify({ without, withExt, stealthWithout, stealthWith, log }, null, 2));
  }, 240_000);

  it('the probe ran its cases (sanity of the baseline)', () => {
    for (const [key, value] of Object.entries(without)) expect(value, key).not.toHaveProperty('failed');
    const id = without.wsIdentity!;
    expect(id.instanceOf).toBe(true);
    expect(id.statics).toEqual([0, 1, 2, 3]);
    expect(id.onmessageNumber).toBeNull();
    expect(id.listenerOrder).toEqual(['A', 'D', 'C']);
    expect(id.closeEvent).toMatchObject({ code: 1005, wasClean: true });
    expect((id.messageEvent as { isTrusted: boolean }).isTrusted).toBe(true);
    expect(without.wsErrors!.duplicateProtocols).toMatchObject({ threw: true, name: 'SyntaxError', isDOMException: true });
    expect(without.wsErrors!.sendWhileConnecting).toMatchObject({ threw: true, name: 'InvalidStateError' });
    expect(without.wsErrors!.sendIllegal).toMatchObject({ threw: true, isTypeError: true });
    expect(without.wsPayloads!.binaryTypeDefault).toBe('blob');
    expect(without.wsPayloads!.arrayBufferEcho).toEqual({ kind: 'ArrayBuffer', bytes: [9, 8, 7, 6, 5] });
    expect(without.wsPayloads!.receivedStillAttachedLater).toBe(5);
    expect(without.wsPayloads!.objectToStringCalls).toBe(1);
    expect(without.wsSubclass).toMatchObject({ instanceOfX: true, instanceOfWebSocket: true, echo: 'sub' });
    const sseTypes = (without.eventSource!.events as Array<{ type: string }>).map((e) => e.type);
    expect(sseTypes).toEqual(['open', 'message', 'foo', 'message', 'error', 'error']);
    expect(without.frames!.blank).toMatchObject({ frameHref: 'about:blank', echo: 'frame' });
    expect(without.frames!.srcdoc).toMatchObject({ frameHref: 'about:srcdoc', echo: 'frame' });
    expect(without.page!.counters).toEqual({ windowMessage: 0, windowError: 0, unhandledRejection: 0, mutations: 0 });
    expect(without.page!.htmlUnchanged).toBe(true);
  });

  for (const section of ['wsIdentity', 'wsErrors', 'wsPayloads', 'wsSubclass', 'eventSource', 'frames', 'dynamicFrame', 'pollution', 'page']) {
    it(`${section}: same with the extension as without`, () => {
      expect(withExt[section]).toEqual(without[section]);
    });
  }

  // ---- the hook's traces: stacks, realms, property order, lookups (transparency-stealth.js) ----

  it('the stealth probe ran its cases (sanity of the baseline)', () => {
    for (const [key, value] of Object.entries(stealthWithout)) expect(value, key).not.toHaveProperty('failed');
    for (const [key, value] of Object.entries(stealthWithout.thrownStacks!)) expect(value, key).toHaveProperty('stack');
    expect(Object.keys(stealthWithout.callbackStacks!)).toEqual(
      expect.arrayContaining(['wsUrlToString', 'sendToString', 'closeValueOf', 'addEventListenerOptions', 'eventSourceInit']),
    );
    expect(stealthWithout.lookups!.traffic).toEqual({ text: 'text', blobIn: 3, blobOut: 8, bufferIn: 4 });
    expect((stealthWithout.windowNamesAtFirstScript as unknown as string[]).length).toBeGreaterThan(500);
  });

  for (const section of ['thrownStacks', 'thrownStacksInFrame']) {
    it(`${section}: errors thrown by every wrapped native${name === 'firefox' ? ' differ only by the hook’s own frames (remaining in Firefox, docs/architecture.md)' : ' are the same with the extension as without'}`, () => {
      const { toStringIllegal, ...rest } = stealthWith[section]!;
      const { toStringIllegal: toStringWithout, ...restWithout } = stealthWithout[section]!;
      if (name === 'chromium') expect(rest).toEqual(restWithout);
      else expect(withoutOwnFrames(rest)).toEqual(restWithout);
      // Function.prototype.toString's TypeError: V8 shows the builtin's frame above ours, which
      // capturing the stack again would drop as well; our frame stays (docs/architecture.md).
      expect(withoutOwnFrames(toStringIllegal)).toEqual(toStringWithout);
    });
  }

  it('callbackStacks: page code run by a wrapped native sees no frame of ours but one unnamed frame (remaining, docs/architecture.md)', () => {
    expect(withoutOwnFrames(stealthWith.callbackStacks)).toEqual(stealthWithout.callbackStacks);
  });

  it(`listenerStacks: stacks in listeners, handleEvent and on* handlers${name === 'firefox' ? ' differ only by the hook’s frames in their async parent (remaining in Firefox)' : ' are the same'}`, () => {
    if (name === 'chromium') expect(stealthWith.listenerStacks).toEqual(stealthWithout.listenerStacks);
    else {
      // Firefox keeps, as a listener's async parent, the stack where it was added: our
      // addEventListener trap's frame comes first there and takes the place of the
      // "EventListener.handleEvent*" cause on the page's frame. Only that may differ.
      const fixed = JSON.parse(JSON.stringify(stealthWith.listenerStacks).replace(/Async\*addEventListener@<anonymous>:\d+:\d+\\n/g, 'EventListener.handleEvent*'));
      expect(fixed).toEqual(stealthWithout.listenerStacks);
    }
  });

  it('Function.prototype.toString of an about:blank iframe, a srcdoc iframe and a popup on the top page’s wrapped functions, and the other way round, is the same', () => {
    expect(stealthWithout.crossRealmToStringPopup).not.toHaveProperty('failed');
    for (const key of ['crossRealmToString', 'crossRealmToStringSrcdoc', 'crossRealmToStringPopup']) expect(stealthWith[key], key).toEqual(stealthWithout[key]);
  });

  it('own keys of every wrapped function, at the first script and later, are the same', () => {
    expect(stealthWith.fnKeysAtFirstScript).toEqual(stealthWithout.fnKeysAtFirstScript);
    expect(stealthWith.fnKeysLater).toEqual(stealthWithout.fnKeysLater);
  });

  it(`the window's own property names at the first script are the same${name === 'firefox' ? ' (set only: Firefox lists the globals the hook resolved last — remaining, docs/architecture.md)' : ', in the same order'}`, () => {
    const a = stealthWith.windowNamesAtFirstScript as unknown as string[];
    const b = stealthWithout.windowNamesAtFirstScript as unknown as string[];
    if (name === 'chromium') expect(a).toEqual(b);
    else expect([...a].sort()).toEqual([...b].sort());
  });

  it('no call into a page-defined getter or method from our code while traffic flows and batches are sent', () => {
    expect(stealthWith.lookups).toEqual(stealthWithout.lookups);
  });

  it('a sandboxed and a cross-origin iframe see the same as the top page (thrown errors, callbacks, keys, lookups)', () => {
    for (const key of ['sandboxedFrame', 'crossOriginFrame']) {
      const a = stealthWith[key] as Record<string, unknown>;
      const b = stealthWithout[key] as Record<string, unknown>;
      for (const [k, v] of Object.entries(b)) expect(v, `${key}.${k}`).not.toHaveProperty('failed');
      const { toStringIllegal, ...rest } = a.thrownStacks as Record<string, unknown>;
      const { toStringIllegal: toStringWithout, ...restWithout } = b.thrownStacks as Record<string, unknown>;
      if (name === 'chromium') expect(rest, key).toEqual(restWithout);
      else expect(withoutOwnFrames(rest), key).toEqual(restWithout);
      expect(withoutOwnFrames(toStringIllegal), key).toEqual(toStringWithout);
      expect(withoutOwnFrames(a.callbackStacks), key).toEqual(b.callbackStacks);
      expect(a.fnKeys, key).toEqual(b.fnKeys);
      expect(a.lookups, key).toEqual(b.lookups);
    }
  });

  it('no string of ours in anything the page read (stacks included)', () => {
    const everything = JSON.stringify([withExt, stealthWith]);
    expect(everything).not.toContain(extensionId);
    expect(everything).not.toMatch(/chrome-extension:|moz-extension:/);
  });

  it('the extension was active: the probe’s connections are in the session log', () => {
    expect(log.connections.length).toBeGreaterThanOrEqual(10);
    // Subclass instances are captured.
    const sub = conn(log, 't=class');
    expect(sub?.kind).toBe('websocket');
    expect(eventsOf(log, sub).filter((e) => e.type === 'message').map((e) => [e.direction, e.data])).toEqual([
      ['out', 'sub'],
      ['in', 'sub'],
    ]);
    // close() without a code: the close-call has no code, the close event says 1005.
    const identity = conn(log, 't=identity');
    expect(identity?.close).toMatchObject({ code: 1005, wasClean: true });
    expect(identity?.closeCall).toBeDefined();
    expect(identity?.closeCall?.code).toBeUndefined();
    // The stack starts at the page's own frame: none of the hook's frames are left.
    expect(identity?.stack?.split('\n')[0]).toMatch(/wsIdentity.*transparency-probe\.js:\d+:\d+/);
    expect(conn(log, 't=class')?.stack?.split('\n')[0]).toMatch(/X.*transparency-probe\.js/);
    // Binary payloads: copied exactly, views by their own bytes, Blobs read in order.
    const bin = eventsOf(log, conn(log, 't=binary')).filter((e) => e.type === 'message');
    const datas = bin.map((e) => [e.direction, e.binary ? `b:${e.data}` : e.data]);
    expect(datas.slice(0, 4)).toEqual([
      ['out', `b:${b64([1, 2, 3])}`],
      ['in', `b:${b64([1, 2, 3])}`],
      ['out', `b:${b64([...Buffer.from('hey'), 1, 2])}`],
      ['in', `b:${b64([...Buffer.from('hey'), 1, 2])}`],
    ]);
    expect(datas).toContainEqual(['out', `b:${b64([9, 8, 7, 6, 5])}`]);
    expect(datas).toContainEqual(['out', `b:${b64([2, 3, 4])}`]);
    expect(datas).toContainEqual(['out', `b:${b64([11, 12])}`]);
    expect(datas).toContainEqual(['out', 'obj']);
    for (const e of bin.filter((m) => m.direction === 'out')) expect(typeof e.bufferedAmount).toBe('number');
    // Requested and negotiated subprotocols.
    expect(conn(log, 't=protocol')).toMatchObject({ requestedProtocols: ['chat', 'other'], protocol: 'chat' });
    expect(conn(log, 't=server-close')?.close).toEqual({ code: 4001, reason: 'bye', wasClean: true });
    // SSE: the named event the page listens to is recorded with its type and id.
    const sse = conn(log, 't=sse');
    expect(sse?.kind).toBe('eventsource');
    expect(sse?.listenedTypes).toContain('foo');
    const sseMessages = eventsOf(log, sse).filter((e) => e.type === 'message');
    expect(sseMessages.map((e) => [e.eventType, e.data, e.lastEventId])).toEqual([
      ['message', 'one', '1'],
      ['foo', 'named', '2'],
      ['message', 'multi\nline', '2'],
    ]);
    expect(eventsOf(log, sse).filter((e) => e.type === 'error').map((e) => e.readyState)).toEqual([0, 2]);
    expect(conn(log, 't=cred')?.withCredentials).toBe(true);
    expect(conn(log, 't=sse-class')?.kind).toBe('eventsource');
    // Frames: about:blank and srcdoc documents are hooked too.
    expect(conn(log, 'frame=blank')?.frameUrl).toBe('about:blank');
    expect(conn(log, 'frame=srcdoc')?.frameUrl).toBe('about:srcdoc');
    expect(conn(log, 'frame=dynamic')?.frameUrl).toBe('about:blank');
  });

  it('the channel is private: a page script that knows our event names hears nothing, and its forged port, batches and pings get the same answer as without the extension', () => {
    expect(channelNames).toContain(HANDSHAKE_EVENT);
    expect(channelWith).toEqual(channelWithout);
    expect(log.connections.some((c) => c.url.includes('t=channel'))).toBe(true);
    expect(log.connections.some((c) => c.url.includes('forged') || c.frameUrl.includes('bank.example'))).toBe(false);
  });

  it('a second copy of the hook in the same document stands down', () => {
    expect(reinjected).toEqual({ sameConstructor: true, sameToString: true, echo: 'again' });
    const again = log.connections.filter((c) => c.url.includes('t=reinject'));
    expect(again).toHaveLength(1);
    expect(eventsOf(log, again[0]).map((e) => [e.type, e.direction ?? '', e.data ?? ''])).toEqual([
      ['open', '', ''],
      ['message', 'out', 'again'],
      ['message', 'in', 'again'],
      ['close', '', ''],
    ]);
  });
});
