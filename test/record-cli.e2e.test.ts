// The recorder CLI as a user runs it: the built dist/recorder/cli.js in a child process, against
// the demo server, in both browsers. The session log must hold what the demo server sent.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../src/demo/server';
import type { SessionLog } from '../src/contracts/session-log-format';
import { sessionLogErrors } from './harness/schema';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'recorder', 'cli.js');
const outDir = join(root, '.tmp', 'record-cli-e2e');

function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd: root, env, timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

let demo: DemoServer;
beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  demo = await startDemoServer({ intervalMs: 200, sendEveryMs: 300 });
});
afterAll(async () => {
  await demo?.close();
});

const jsonSeqs = (log: SessionLog, connectionId: string) =>
  log.events
    .filter((e) => e.connectionId === connectionId && e.type === 'message' && e.direction === 'in' && !e.binary)
    .map((e) => (JSON.parse(e.data ?? '{}') as { seq?: number }).seq);

describe.each(['chromium', 'firefox'] as const)('record CLI in %s', (browser) => {
  it('records every tab and writes a complete session log', async () => {
    const out = join(outDir, `${browser}.json`);
    const frameUrl = new URL('/frame', demo.url).href;
    const { code, stdout, stderr } = await runCli([
      '--url', demo.url,
      '--url', frameUrl,
      '--browser', browser,
      '--wait-for', "(document.querySelectorAll('#chat li').length >= 4 && document.querySelectorAll('#feed li').length >= 4) || document.querySelectorAll('#ticks li').length >= 3",
      '--timeout', '30000',
      '--out', out,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const log = JSON.parse(readFileSync(out, 'utf8')) as SessionLog;
    expect(log.format).toBe('realtime-inspector.session-log');
    expect(sessionLogErrors(log)).toEqual([]);
    expect(stdout.trim()).toBe(`recorded 2 tabs, ${log.connections.length} connections, ${log.events.length} events → ${out}`);

    expect(log.pages.map((p) => p.url).sort()).toEqual([demo.url, frameUrl].sort());
    const chat = log.connections.find((c) => c.url.endsWith('/chat'));
    const feed = log.connections.find((c) => c.url.endsWith('/events'));
    expect(chat?.kind).toBe('websocket');
    expect(feed?.kind).toBe('eventsource');
    // The ticker once in the demo page's iframe and once in the tab that opened /frame itself.
    expect(log.connections.filter((c) => c.url.endsWith('/ticker'))).toHaveLength(2);

    // The bot numbers its messages 1, 2, 3…: the log must hold a gap-free prefix of them.
    const seqs = jsonSeqs(log, chat!.id);
    expect(seqs.length).toBeGreaterThanOrEqual(4);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    // The feed's ids are 1, 2, 3… with id 3 a named `price` event the page listens to.
    const sse = log.events.filter((e) => e.connectionId === feed!.id && e.type === 'message');
    expect(sse.slice(0, 3).map((e) => [e.lastEventId, e.eventType])).toEqual([
      ['1', 'message'],
      ['2', 'message'],
      ['3', 'price'],
    ]);
  });
});

describe('record CLI errors', () => {
  let hanging: Server;
  beforeAll(async () => {
    // Accepts connections and never answers: the page never loads.
    hanging = createServer(() => {});
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    hanging.closeAllConnections();
    await new Promise((r) => hanging.close(r));
  });

  it('exits 2 with one line when the page does not load in time', async () => {
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`;
    const { code, stdout, stderr } = await runCli(['--url', url, '--timeout', '1500', '--out', join(outDir, 'never.json')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`record: ${url} did not load within 1500 ms\n`);
  });

  it('exits 2 when --wait-for never becomes truthy', async () => {
    const { code, stderr } = await runCli(['--url', demo.url, '--wait-for', 'window.neverSet === 1', '--timeout', '1500', '--out', join(outDir, 'never.json')]);
    expect(code).toBe(2);
    expect(stderr).toBe(`record: --wait-for "window.neverSet === 1" did not become truthy on ${demo.url} within 1500 ms\n`);
  });

  it('exits 2 when the browser is not installed', async () => {
    const missing = join(outDir, 'no-such-firefox');
    const { code, stderr } = await runCli(['--url', demo.url, '--browser', 'firefox', '--out', join(outDir, 'x.json')], {
      ...process.env,
      FIREFOX_PATH: missing,
    });
    expect(code).toBe(2);
    expect(stderr).toBe(`record: Firefox not found at ${missing}; install it (apt-get install firefox-esr) or set FIREFOX_PATH\n`);
  });
});
