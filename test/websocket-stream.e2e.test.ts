// WebSocketStream (Chromium only: Firefox has none, `typeof WebSocketStream` is "undefined"
// there): a page opens one to an echo server, writes text and bytes through its writable, reads
// the echoes from its readable, closes with a code and a reason; another fails to connect and is
// never looked at. Without and with the extension the page must observe the same (identity of the
// wrapped natives, the errors they throw with their stacks, what opened / closed give, no
// unhandledrejection either way); with it the log must hold the connection with its messages in
// both directions and its close, marked `api: 'websocketstream'`.
import { beforeAll, describe, expect, it } from 'vitest';
import { launchInspectedBrowser } from '../src/recorder/index';
import type { SessionLog } from '../src/contracts/session-log-format';
import { sessionLogErrors } from './harness/schema';
import { html, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';

const PAGE = `<!doctype html><title>wss</title><script>
const counters = { unhandledRejection: 0, windowError: 0 };
addEventListener('unhandledrejection', () => counters.unhandledRejection++);
addEventListener('error', () => counters.windowError++, true);
const thrown = (f) => { try { f(); return 'no throw'; } catch (e) { return { name: e.name, ctor: e.constructor.name, message: e.message, stack: e.stack }; } };
const fn = (f) => ({ name: f.name, length: f.length, str: String(f), keys: Reflect.ownKeys(f).map(String) });
window.run = async () => {
  const out = { counters };
  out.identity = {
    type: typeof WebSocketStream, ctor: fn(WebSocketStream), protoCtor: WebSocketStream.prototype.constructor === WebSocketStream,
    protoNames: Object.getOwnPropertyNames(WebSocketStream.prototype).sort(), close: fn(WebSocketStream.prototype.close),
    getWriter: fn(WritableStream.prototype.getWriter), write: fn(WritableStreamDefaultWriter.prototype.write),
  };
  out.thrown = {
    badUrl: thrown(() => new WebSocketStream('ftp://127.0.0.1/x')),
    noNew: thrown(() => WebSocketStream('ws://' + location.host + '/echo')),
    closeIllegal: thrown(() => WebSocketStream.prototype.close.call({})),
    getWriterIllegal: thrown(() => WritableStream.prototype.getWriter.call({})),
  };
  const wss = new WebSocketStream('ws://' + location.host + '/echo');
  out.instance = { isInstance: wss instanceof WebSocketStream, proto: Object.getPrototypeOf(wss) === WebSocketStream.prototype, url: wss.url === 'ws://' + location.host + '/echo', ownKeys: Reflect.ownKeys(wss) };
  const { readable, writable, protocol, extensions } = await wss.opened;
  out.opened = { protocol, extensions: typeof extensions, readable: readable instanceof ReadableStream, writable: writable instanceof WritableStream };
  const writer = writable.getWriter();
  const reader = readable.getReader();
  const bytes = new Uint8Array([1, 2, 3]);
  await writer.write('hello');
  await writer.write(bytes);
  bytes[0] = 9; // the page reuses its buffer after the write
  const a = await reader.read();
  const b = await reader.read();
  out.echoes = [a.value, Array.from(new Uint8Array(b.value)), b.value.constructor.name];
  wss.close({ closeCode: 4000, reason: 'bye' });
  const closed = await wss.closed;
  out.closed = { closeCode: closed.closeCode, reason: closed.reason };
  // A stream that fails to connect and whose promises the page never touches.
  new WebSocketStream('ws://127.0.0.1:1/refused');
  await new Promise((r) => setTimeout(r, 1500));
  return out;
};
</script>`;

async function run(extension: boolean): Promise<{ got: Record<string, unknown>; closes: number[]; log?: SessionLog }> {
  const closes: number[] = [];
  const server: TestServer = await startServer({
    routes: { '/page.html': html(PAGE) },
    onSocket: (ws) => {
      ws.on('message', (d, isBinary) => ws.send(d, { binary: isBinary }));
      ws.on('close', (code) => closes.push(code));
    },
  });
  const ib = await launchInspectedBrowser({ browser: 'chromium', extension });
  try {
    const page = await ib.browser.newPage();
    await page.goto(`${server.origin}/page.html`);
    const got = JSON.parse(await page.evaluate(async () => JSON.stringify(await (window as unknown as { run(): Promise<unknown> }).run()))) as Record<string, unknown>;
    let log: SessionLog | undefined;
    if (extension) {
      const tabId = await ib.tabIdOf(page);
      await waitFor(async () => {
        log = await ib.exportSessionLog({ tabIds: [tabId] });
        return log.connections.filter((c) => c.state === 'closed').length >= 2;
      }, 'both WebSocketStreams to be stored closed', 20_000, 200);
    }
    return { got, closes, log };
  } finally {
    await ib.close();
    await server.close();
  }
}

const comparable = (o: Record<string, unknown>) => {
  const out = structuredClone(o) as { thrown: Record<string, { stack?: string }> };
  for (const e of Object.values(out.thrown)) if (typeof e.stack === 'string') e.stack = e.stack.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'ORIGIN');
  return out;
};

describe('WebSocketStream in chromium', () => {
  let without: Awaited<ReturnType<typeof run>>;
  let withExt: Awaited<ReturnType<typeof run>>;
  let log: SessionLog;

  beforeAll(async () => {
    without = await run(false);
    withExt = await run(true);
    log = withExt.log!;
  }, 120_000);

  it('the page observes the same with the extension as without', () => {
    expect(without.got).toMatchObject({ identity: { type: 'function', protoCtor: true }, echoes: ['hello', [1, 2, 3], 'ArrayBuffer'], closed: { closeCode: 4000, reason: 'bye' }, counters: { unhandledRejection: 0, windowError: 0 } });
    // Each throws in Chromium 156, except possibly the URL (then both runs must agree on that too).
    for (const [k, v] of Object.entries(without.got.thrown as Record<string, unknown>)) if (k !== 'badUrl') expect(v, k).toHaveProperty('stack');
    expect(comparable(withExt.got)).toEqual(comparable(without.got));
    expect(withExt.closes).toEqual(without.closes);
  });

  it('records the stream: open, messages both ways (bytes as written, before the page reused them), the close call and the close', () => {
    expect(sessionLogErrors(log)).toEqual([]);
    const [c] = log.connections.filter((x) => x.url.endsWith('/echo'));
    expect(c).toMatchObject({ kind: 'websocket', api: 'websocketstream', state: 'closed', close: { code: 4000, reason: 'bye', wasClean: true } });
    expect(c!.closeCall).toBeDefined();
    const evs = log.events.filter((e) => e.connectionId === c!.id).sort((a, b) => a.seq - b.seq);
    const b64 = Buffer.from([1, 2, 3]).toString('base64');
    expect(evs.map((e) => [e.type, e.direction, e.data, e.binary ?? false])).toEqual([
      ['open', undefined, undefined, false],
      ['message', 'out', 'hello', false],
      ['message', 'out', b64, true],
      ['message', 'in', 'hello', false],
      ['message', 'in', b64, true],
      ['close', undefined, undefined, false],
    ]);
  });

  it('records a stream that failed to connect as an error and an unclean close', () => {
    const [c] = log.connections.filter((x) => x.url.endsWith('/refused'));
    expect(c).toMatchObject({ api: 'websocketstream', state: 'closed', close: { code: 1006, wasClean: false } });
  });
});
