// A real fetch-based SSE client, @microsoft/fetch-event-source (served to the page as its own ES
// modules), against a server that drops the first stream in the middle of an event: the client
// retries with Last-Event-ID and the second stream ends with [DONE]. In both browsers, without
// and with the extension: the client must receive the same, the server must see the same retry,
// and the log must show two streams, the first cut off by a network error (and found so).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchInspectedBrowser, type BrowserName } from '../src/recorder/index';
import type { SessionLog } from '../src/contracts/session-log-format';
import { html, sseEvent, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';

const LIB = join(import.meta.dirname, '..', 'node_modules', '@microsoft', 'fetch-event-source', 'lib', 'esm');

const FIRST = [1, 2, 3].map((i) => ({ id: String(i), data: JSON.stringify({ delta: `t${i}` }) }));
const SECOND = [4, 5].map((i) => ({ id: String(i), data: JSON.stringify({ delta: `t${i}` }) }));
const CUT = 'id: 4\ndata: {"del';

const PAGE = `<!doctype html><title>fes</title><script type="module">
import { fetchEventSource } from '/fes/index.js';
const got = [];
window.done = fetchEventSource('/chat', {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt":"hi"}', openWhenHidden: true,
  onmessage: (m) => got.push([m.id, m.event, m.data]),
  onerror: (e) => { got.push(['error', String(e && e.name)]); return 100; },
}).then(() => got, (e) => ({ failed: String(e) }));
</script>`;

interface Side {
  lastEventIds: Array<string | null>;
}

async function run(name: BrowserName, extension: boolean, side: Side): Promise<{ got: unknown; log?: SessionLog }> {
  const server: TestServer = await startServer({
    routes: {
      '/app': html(PAGE),
      // The library imports './fetch' and './parse' without an extension: serve both spellings.
      '/fes/index.js': (_q, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(LIB, 'index.js'))),
      '/fes/fetch': (_q, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(LIB, 'fetch.js'))),
      '/fes/parse': (_q, res) => void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(LIB, 'parse.js'))),
      '/chat': (req, res) => {
        const last = (req.headers['last-event-id'] as string | undefined) ?? null;
        side.lastEventIds.push(last);
        req.resume();
        req.on('end', async () => {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const events = last === null ? FIRST : SECOND;
          for (const e of events) {
            res.write(sseEvent(e));
            await new Promise((r) => setTimeout(r, 20));
          }
          if (last === null) {
            // The server dies in the middle of an event.
            res.write(CUT);
            await new Promise((r) => setTimeout(r, 50));
            res.socket?.destroy();
            return;
          }
          res.end(sseEvent({ data: '[DONE]' }));
        });
      },
    },
  });
  const ib = await launchInspectedBrowser({ browser: name, extension });
  try {
    const page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app`);
    await page.waitForFunction(() => (window as unknown as { done?: unknown }).done !== undefined);
    const got = await page.evaluate(() => (window as unknown as { done: Promise<unknown> }).done);
    let log: SessionLog | undefined;
    if (extension) {
      const tabId = await ib.tabIdOf(page);
      await waitFor(async () => {
        log = await ib.exportSessionLog({ tabIds: [tabId] });
        return log.connections.filter((c) => c.kind === 'fetch-stream' && c.streamEnd).length >= 2;
      }, 'both streams to be stored', 20_000, 200);
    }
    return { got, log };
  } finally {
    await ib.close();
    await server.close();
  }
}

describe.each<BrowserName>(['chromium', 'firefox'])('@microsoft/fetch-event-source in %s', (name) => {
  const sideWithout: Side = { lastEventIds: [] };
  const sideWith: Side = { lastEventIds: [] };
  let without: Awaited<ReturnType<typeof run>>;
  let withExt: Awaited<ReturnType<typeof run>>;
  let log: SessionLog;

  beforeAll(async () => {
    without = await run(name, false, sideWithout);
    withExt = await run(name, true, sideWith);
    log = withExt.log!;
  }, 180_000);

  it('the client received the same events and retried the same way with the extension as without', () => {
    const got = without.got as unknown[][];
    expect(got.filter((g) => g[0] !== 'error').map((g) => g[2])).toEqual([...FIRST, ...SECOND, { data: '[DONE]' }].map((e) => e.data));
    // The library takes an `id:` line when it parses it, not at dispatch as the spec's
    // EventSource does: the id of the event that was cut off (4) is the one it resends.
    expect(sideWithout.lastEventIds).toEqual([null, '4']);
    expect(withExt.got).toEqual(without.got);
    expect(sideWith.lastEventIds).toEqual(sideWithout.lastEventIds);
  });

  it('records both streams: the first cut off mid-event by a network error, the second ended by the server after [DONE]', () => {
    const [first, second] = log.connections.filter((c) => c.kind === 'fetch-stream').sort((a, b) => a.createdAt - b.createdAt);
    expect(first).toMatchObject({ method: 'POST', streamFormat: 'sse', streamEnd: { by: 'error', error: 'TypeError' } });
    expect(second).toMatchObject({ method: 'POST', streamEnd: { by: 'server' } });
    const msgs = (id: string) => log.events.filter((e) => e.connectionId === id && e.type === 'message').sort((a, b) => a.seq - b.seq);
    expect(msgs(first!.id).map((e) => [e.lastEventId, e.data, e.unterminated ?? false])).toEqual([
      ...FIRST.map((e) => [e.id, e.data, false]),
      ['4', 'data: {"del', true],
    ]);
    expect(msgs(second!.id).map((e) => e.data)).toEqual([...SECOND.map((e) => e.data), '[DONE]']);
    const incomplete = log.findings.filter((f) => f.kind === 'stream-incomplete');
    expect(incomplete.map((f) => [f.connectionIds[0], f.severity])).toEqual([[first!.id, 'warning']]);
    // The retry resent the id of the event that was cut off: a server resuming after it loses it.
    expect(second!.requestLastEventId).toBe('4');
    // Its requests (Accept: text/event-stream, from fetch()) are the hook's streams, not network-only ones.
    expect(log.connections.filter((c) => c.seenBy === 'network')).toEqual([]);
    const resume = log.findings.filter((f) => f.kind === 'stream-resume');
    expect(resume.map((f) => [f.connectionIds, f.severity, f.evidence.sent, f.evidence.previousLastId])).toEqual([[[first!.id, second!.id], 'warning', '4', '3']]);
  });
});
