import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startDemoServer, type DemoServer } from './server';
import { feedEvent } from './sse-feed';

let server: DemoServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Parses a complete SSE body into its blocks' fields. */
function parseSse(body: string): Array<Record<string, string>> {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)])));
}

describe('demo server', () => {
  it('binds to 127.0.0.1 and serves the demo page and the frame', async () => {
    server = await startDemoServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await (await fetch(server.url)).text();
    expect(page).toContain("new EventSource('/events')");
    expect(page).toContain('<iframe src="/frame"');
    const frame = await (await fetch(new URL('/frame', server.url))).text();
    expect(frame).toContain("'/ticker'");
    expect((await fetch(new URL('/nope', server.url))).status).toBe(404);
  });

  it('the chat bot sends numbered JSON messages and echoes what it gets', async () => {
    server = await startDemoServer({ intervalMs: 20 });
    const ws = new WebSocket(new URL('/chat', server.url.replace('http', 'ws')));
    const got: Array<{ type: string; seq: number; t: number; echo?: string }> = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('open', () => ws.send('hi bot'));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        got.push(JSON.parse(data.toString()));
        if (got.length >= 6) resolve();
      });
    });
    ws.close();
    expect(got.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(got[0]?.type).toBe('welcome');
    expect(got.some((m) => m.type === 'echo' && m.echo === 'hi bot')).toBe(true);
    for (const m of got) expect(typeof m.t).toBe('number');
  });

  it('the chat bot leaves out the sequence numbers it is told to skip (an id gap)', async () => {
    server = await startDemoServer({ intervalMs: 20, chatSkipSeqs: [3, 4] });
    const ws = new WebSocket(new URL('/chat', server.url.replace('http', 'ws')));
    const seqs: number[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        seqs.push((JSON.parse(data.toString()) as { seq: number }).seq);
        if (seqs.length >= 4) resolve();
      });
    });
    ws.close();
    expect(seqs).toEqual([1, 2, 5, 6]);
  });

  it('the SSE feed announces retry, drops after N events and resumes after Last-Event-ID', async () => {
    server = await startDemoServer({ intervalMs: 5, sseDropEvery: 4 });
    const first = await fetch(new URL('/events', server.url));
    expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // The server ends the response by itself after 4 events.
    const blocks = parseSse(await first.text());
    expect(blocks[0]).toEqual({ retry: '2000' });
    expect(blocks.slice(1).map((b) => b.id)).toEqual(['1', '2', '3', '4']);
    expect(blocks[3]?.event).toBe('price');

    const resumed = parseSse(await (await fetch(new URL('/events', server.url), { headers: { 'Last-Event-ID': '8' } })).text());
    expect(resumed.slice(1).map((b) => b.id)).toEqual(['9', '10', '11', '12']);
    expect(resumed.slice(1).map((b) => b.event)).toEqual(['price', 'notice', undefined, 'price']);
    expect(JSON.parse(resumed[3]?.data ?? '{}')).toMatchObject({ id: 11, text: 'update 11' });
  });

  it('feedEvent decides the event kind from the id', () => {
    expect(feedEvent(1, 0)).toEqual({ id: 1, data: '{"id":1,"t":0,"text":"update 1"}' });
    expect(feedEvent(3, 0).event).toBe('price');
    expect(feedEvent(20, 0).event).toBe('notice');
  });
});
