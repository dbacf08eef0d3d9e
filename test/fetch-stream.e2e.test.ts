// Streamed fetch() responses, end to end in both browsers: a page reads an LLM-style SSE stream
// sent in reply to a POST (with a CRLF split between two network writes, a comment, a named
// event, an id), a cloned stream, an NDJSON stream, and two endless streams it ends early (abort
// signal, reader.cancel()). Each browser runs the page without and with the extension: what the
// page observes must be the same, the server must see the connection close at the same point,
// and with the extension the log must hold every event the server sent, split as the HTML spec's
// EventSource parser splits them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchInspectedBrowser, type BrowserName } from '../src/recorder/index';
import { SESSION_LOG_VERSION, type LogConnection, type LogEvent, type SessionLog } from '../src/contracts/session-log-format';
import { sessionLogErrors } from './harness/schema';
import { html, sseEvent, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';

/** What the server sends on /llm, event by event (the expected log is derived from it). */
const LLM = [
  { data: '{"delta":"Hel"}' },
  { id: '2', data: '{"delta":"lo"}' },
  { event: 'usage', data: '{"tokens":3,\n"done":true}' },
  { data: '[DONE]' },
];
// The wire: event 2 with CRLF line ends, a keep-alive comment, and network writes cut at a CR
// (the LF comes in the next write), inside an event and inside a UTF-8-free JSON value.
const LLM_WIRE = [sseEvent(LLM[0]!), ': keep-alive\n\n', sseEvent(LLM[1]!).replace(/\n/g, '\r\n'), sseEvent(LLM[2]!), sseEvent(LLM[3]!)].join('');
const cr = LLM_WIRE.indexOf('\r');
const LLM_WRITES = [LLM_WIRE.slice(0, 10), LLM_WIRE.slice(10, cr + 1), LLM_WIRE.slice(cr + 1, cr + 20), LLM_WIRE.slice(cr + 20)];

const NDJSON = [{ a: 1 }, { b: [1, 2] }, { c: 'x\ny' }];
const NDJSON_WIRE = NDJSON.map((o) => JSON.stringify(o) + '\n').join('');

const BIG = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ i, text: 'x'.repeat(80) })));

const PAGE = `<!doctype html><title>fetch streams</title><script src="/fetch-stream-page.js"></script>`;
const PAGE_JS = readFileSync(join(import.meta.dirname, 'pages/fetch-stream-page.js'), 'utf8');

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ServerSide {
  /** When the server saw an endless stream's connection close, and how many events it had written. */
  closes: Record<string, { closedAt: number; written: number }>;
  methods: string[];
}

async function startStreamServer(side: ServerSide): Promise<TestServer> {
  return startServer({
    routes: {
      '/page.html': html(PAGE),
      '/fetch-stream-page.js': (_req, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(PAGE_JS),
      '/llm': (req, res) => {
        side.methods.push(req.method ?? '');
        req.resume();
        req.on('end', async () => {
          res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
          res.flushHeaders();
          for (const w of LLM_WRITES) {
            await delay(30);
            res.write(w);
          }
          res.end();
        });
      },
      '/big.json': (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(BIG),
      '/ndjson': async (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.flushHeaders();
        for (const part of [NDJSON_WIRE.slice(0, 5), NDJSON_WIRE.slice(5, 20), NDJSON_WIRE.slice(20)]) {
          await delay(30);
          res.write(part);
        }
        res.end();
      },
      '/endless': (req, res) => {
        const how = new URL(req.url ?? '/', 'http://x').searchParams.get('how') ?? '?';
        req.resume();
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.flushHeaders();
        let written = 0;
        const timer = setInterval(() => res.write(sseEvent({ id: String(++written), data: `tick ${written}` })), 40);
        res.on('close', () => {
          clearInterval(timer);
          side.closes[how] = { closedAt: Date.now(), written };
        });
      },
    },
  });
}

type Observed = Record<string, Record<string, unknown>>;

async function run(name: BrowserName, extension: boolean): Promise<{ observed: Observed; side: ServerSide; log?: SessionLog }> {
  const side: ServerSide = { closes: {}, methods: [] };
  const server = await startStreamServer(side);
  const inspected = await launchInspectedBrowser({ browser: name, extension });
  try {
    const page = await inspected.browser.newPage();
    await page.goto(`${server.origin}/page.html`);
    const observed = JSON.parse(await page.evaluate(async () => JSON.stringify(await (window as unknown as { __run(): Promise<unknown> }).__run()))) as Observed;
    await waitFor(() => side.closes.abort && side.closes.cancel && side.closes.break && side.closes['pipe-abort'], 'the server to see the endless streams close', 10_000);
    let log: SessionLog | undefined;
    if (extension) {
      const tabId = await inspected.tabIdOf(page);
      await waitFor(async () => {
        log = await inspected.exportSessionLog({ tabIds: [tabId] });
        return log.connections.filter((c) => c.kind === 'fetch-stream' && c.streamEnd).length >= 15;
      }, 'the fifteen fetch streams to be stored with their ends', 20_000, 200);
    }
    return { observed, side, log };
  } finally {
    await inspected.close();
    await server.close();
  }
}

/** The page's observations without the wall-clock times (compared with the server's instead). */
/** Firefox keeps one frame of ours in errors thrown by wrapped natives (docs/architecture.md). */
const withoutOwnFrames = (stack: unknown) => (typeof stack === 'string' ? stack.split('\n').filter((l) => !/\(<anonymous>:\d+:\d+\)$|@<anonymous(?: code)?>:\d+:\d+$/.test(l)).join('\n') : stack);

function comparable(o: Observed, name: BrowserName): Observed {
  const out = structuredClone(o);
  for (const v of Object.values(out.thrownStacks!)) {
    if (typeof v !== 'object' || v === null) continue;
    const e = v as { stack: unknown };
    // Each run has its own server port.
    if (typeof e.stack === 'string') e.stack = e.stack.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'ORIGIN');
    if (name === 'firefox') e.stack = withoutOwnFrames(e.stack);
  }
  delete out.abort!.at;
  delete out.cancel!.at;
  delete out.iterateBreak!.at;
  delete out.iterate!.at;
  delete out.pipedAbort!.at;
  return out;
}

describe.each<BrowserName>(['chromium', 'firefox'])('streamed fetch responses in %s', (name) => {
  let without: Awaited<ReturnType<typeof run>>;
  let withExt: Awaited<ReturnType<typeof run>>;
  let log: SessionLog;
  const streams = (path: string): LogConnection[] => log.connections.filter((c) => c.kind === 'fetch-stream' && new URL(c.url).pathname === path);
  const eventsOf = (c: LogConnection | undefined): LogEvent[] => log.events.filter((e) => e.connectionId === c?.id).sort((a, b) => a.seq - b.seq);

  beforeAll(async () => {
    without = await run(name, false);
    withExt = await run(name, true);
    log = withExt.log!;
  }, 240_000);

  it('the page ran every case (sanity of the baseline)', () => {
    for (const [k, v] of Object.entries(without.observed)) expect(v, k).not.toHaveProperty('failed');
    expect(without.observed.llm!.events).toHaveLength(LLM.length + 1); // + the comment
    expect(without.observed.llm!.before).toMatchObject({ bodyUsed: false, sameBody: true, isStream: true, locked: false, status: 200 });
    expect(without.observed.abort!.outcome).toBe('rejected AbortError');
    expect(without.side.methods).toEqual(['POST', 'POST', 'POST', 'POST', 'POST', 'POST', 'POST', 'POST']);
    expect(without.observed.teed).toEqual({ same: true, events: LLM.length + 1, locked: true, bodyUsed: true, branches: [true, true] });
    expect(without.observed.piped!.events).toEqual(without.observed.llm!.events);
    expect(without.observed.piped).toMatchObject({ lockedDuring: true, sameSunk: true, destLockedAfter: false });
    expect(without.observed.iterate!.events).toEqual(without.observed.llm!.events);
    expect(without.observed.lookups!['Promise.prototype.constructor']).toBeGreaterThan(0);
    expect(without.observed.bigJson).toEqual({ items: 20_000, sameText: true });
    for (const [k, v] of Object.entries(without.observed.thrownStacks!)) expect(v, k).toHaveProperty('stack');
  });

  it('the page observes the same with the extension as without', () => {
    expect(comparable(withExt.observed, name)).toEqual(comparable(without.observed, name));
  });

  it('abort and reader.cancel() close the real connection at the same point as without the extension', () => {
    for (const [how, kase] of [['abort', 'abort'], ['cancel', 'cancel'], ['break', 'iterateBreak'], ['pipe-abort', 'pipedAbort']] as const) {
      const w = withExt.side.closes[how]!;
      const wo = without.side.closes[how]!;
      // The server saw the close right after the page ended the stream, in both runs…
      expect(w.closedAt - (withExt.observed[kase]!.at as number), how).toBeLessThan(500);
      expect(wo.closedAt - (without.observed[kase]!.at as number), how).toBeLessThan(500);
      // …having written as many events (one 40-ms tick of slack).
      expect(Math.abs(w.written - wo.written), how).toBeLessThanOrEqual(1);
    }
  });

  it('validates against the JSON Schema', () => {
    expect(sessionLogErrors(log)).toEqual([]);
    expect(log.version).toBe(SESSION_LOG_VERSION);
  });

  it('records the LLM stream: response facts, one message per SSE event as the spec parses it, raw chunks, ended by the server', () => {
    // The page's clone() tees the body: the original and the clone, each read, are two recordings.
    const [c, original, clone, iterated, pipedThrough, pipedTo, teeA, teeB] = streams('/llm');
    // Both branches of a tee(), each its own recording with the same events.
    for (const x of [teeA, teeB]) expect(x).toMatchObject({ streamEnd: { by: 'server' } });
    // Read through pipeThrough(new TextDecoderStream()) and pipeTo(): the same events.
    for (const x of [pipedThrough, pipedTo]) expect(x).toMatchObject({ streamEnd: { by: 'server' } });
    // Read with `for await`: the same events as with a reader.
    expect(iterated).toMatchObject({ streamEnd: { by: 'server' } });
    const dataOf = (x: LogConnection | undefined) => eventsOf(x).filter((e) => e.type === 'message').map((e) => e.data);
    expect(dataOf(iterated)).toEqual(dataOf(c));
    expect(dataOf(original)).toEqual(dataOf(c));
    expect(dataOf(pipedThrough)).toEqual(dataOf(c));
    expect(dataOf(pipedTo)).toEqual(dataOf(c));
    expect(dataOf(teeA)).toEqual(dataOf(c));
    expect(dataOf(teeB)).toEqual(dataOf(c));
    expect(original).toMatchObject({ streamEnd: { by: 'server' } });
    expect(clone).toMatchObject({ streamEnd: { by: 'server' } });
    expect(streams('/llm').filter((x) => x.streamEnd?.by === 'cancel')).toHaveLength(1); // the lookups case
    // Method and request timing from webRequest, joined by the background.
    expect(c!.method).toBe('POST');
    expect(c!.requestStartedAt).toBeLessThanOrEqual(c!.responseStartedAt!);
    expect(c!.responseStartedAt).toBeLessThanOrEqual(c!.createdAt + 50);
    expect(c).toMatchObject({ status: 200, statusText: 'OK', contentType: 'text/event-stream; charset=utf-8', streamFormat: 'sse', streamEnd: { by: 'server' }, state: 'closed' });
    const evs = eventsOf(c);
    let lastId = '';
    const expected = LLM.map((e) => {
      if (e.id !== undefined) lastId = e.id;
      return { eventType: e.event ?? 'message', data: e.data, lastEventId: lastId };
    });
    expect(evs.filter((e) => e.type === 'message').map((e) => ({ eventType: e.eventType, data: e.data, lastEventId: e.lastEventId }))).toEqual(expected);
    const chunks = evs.filter((e) => e.type === 'chunk');
    expect(chunks.map((e) => e.data).join('')).toBe(LLM_WIRE);
    expect(chunks.reduce((n, e) => n + e.size, 0)).toBe(Buffer.byteLength(LLM_WIRE));
    expect(c!.chunks).toBe(chunks.length);
    expect(evs[0]!.type).toBe('open');
    expect(evs.at(-1)).toMatchObject({ type: 'close', endedBy: 'server' });
    expect(c!.stack).toMatch(/fetch-stream-page\.js/);
  });

  it('finds the streams’ timing, and nothing wrong with them (the NDJSON stream has no end marker: info)', () => {
    const fetches = log.connections.filter((c) => c.kind === 'fetch-stream');
    const timing = log.findings.filter((f) => f.kind === 'stream-timing');
    expect(timing.map((f) => f.connectionIds[0]).sort()).toEqual(fetches.map((c) => c.id).sort());
    // A response and its clone share one HTTP request, which webRequest saw once: the clone read
    // second is timed from its first body read.
    const [, original, clone, , , , teeA, teeB] = streams('/llm');
    // The HTTP request is joined to the first recording made from it: a clone, or one of two tee branches, has none.
    const tees = new Set([teeA!.id, teeB!.id]);
    const fromOf = (id: string) => timing.find((f) => f.connectionIds[0] === id)?.evidence.from;
    expect([fromOf(teeA!.id), fromOf(teeB!.id)].sort()).toEqual(['first-body-read', 'request-start']);
    const where = (id: string) => { const x = log.connections.find((k) => k.id === id)!; return `${x.url} #${streams(new URL(x.url).pathname).indexOf(x)}`; };
    for (const f of timing) if (!tees.has(f.connectionIds[0]!)) expect(f.evidence.from, where(f.connectionIds[0]!)).toBe(f.connectionIds[0] === clone!.id ? 'first-body-read' : 'request-start');
    expect(original!.method).toBe('POST');
    const llm = timing.find((f) => f.connectionIds[0] === streams('/llm')[0]!.id)!;
    expect(llm.evidence).toMatchObject({ events: LLM.length, bytes: Buffer.byteLength(LLM_WIRE) });
    expect(log.findings.filter((f) => f.kind.startsWith('stream-') && f.severity !== 'info')).toEqual([]);
    expect(log.findings.filter((f) => f.kind === 'stream-incomplete').map((f) => f.connectionIds[0])).toEqual([streams('/ndjson')[0]!.id]);
    expect(log.findings.filter((f) => f.kind === 'reconnect')).toEqual([]);
  });

  it('does not record a 2 MB JSON response, whether read with json() or with a reader', () => {
    expect(Buffer.byteLength(BIG)).toBeGreaterThan(1_500_000);
    expect(log.connections.filter((c) => c.url.includes('/big.json'))).toEqual([]);
    // Every streamed request the network saw is one the hook recorded (webRequest adds nothing).
    expect(log.connections.filter((c) => c.seenBy === 'network')).toEqual([]);
  });

  it('records the NDJSON stream one message per line', () => {
    const [c] = streams('/ndjson');
    expect(c).toMatchObject({ method: 'GET', streamFormat: 'ndjson', streamEnd: { by: 'server' } });
    expect(eventsOf(c).filter((e) => e.type === 'message').map((e) => JSON.parse(e.data!) as unknown)).toEqual(NDJSON);
  });

  it('says who ended the endless streams: the abort signal, and the page’s reader.cancel()', () => {
    const ends: Record<string, LogConnection> = Object.fromEntries(streams('/endless').map((c) => [new URL(c.url).searchParams.get('how') ?? '', c]));
    expect(ends.abort?.streamEnd).toMatchObject({ by: 'abort', error: 'AbortError' });
    expect(ends.cancel?.streamEnd).toMatchObject({ by: 'cancel' });
    expect(ends.break?.streamEnd).toMatchObject({ by: 'cancel' }); // a `break` out of for await
    expect(ends['pipe-abort']?.streamEnd).toMatchObject({ by: 'abort', error: 'AbortError' }); // piped, then aborted
    for (const c of Object.values(ends)) {
      const msgs = eventsOf(c).filter((e) => e.type === 'message');
      expect(msgs.length).toBeGreaterThanOrEqual(3);
      expect(msgs.map((e) => e.data)).toEqual(msgs.map((_, i) => `tick ${i + 1}`));
    }
  });
});
