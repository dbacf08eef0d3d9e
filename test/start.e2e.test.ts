// `npm start` as a newcomer runs it on a machine without a display: it must exit 0 after writing
// a screenshot of the panel and a session log that holds the demo page's traffic.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionLog } from '../src/contracts/session-log-format';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, '.tmp', 'start-e2e');

describe('npm start (headless)', () => {
  it('opens the Realtime panel, screenshots it and exports the session log', async () => {
    rmSync(outDir, { recursive: true, force: true });
    const env = { ...process.env };
    delete env.DISPLAY;
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, ['scripts/start.mjs', '--artifacts', outDir], { cwd: root, env, timeout: 110_000 }, (err, out, errOut) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout: out, stderr: errOut }),
      );
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^demo page: http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(stdout).toMatch(/^panel showed (\d+) connections, (\d+) messages, (\d+) warnings or errors$/m);

    const png = readFileSync(join(outDir, 'panel.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1100); // IHDR width: the DevTools window we set

    const log = JSON.parse(readFileSync(join(outDir, 'session-log.json'), 'utf8')) as SessionLog;
    const demoUrl = /^demo page: (\S+)$/m.exec(stdout)![1]!;
    expect(log.pages.map((p) => p.url)).toContain(demoUrl);
    // The iframe's ticker closes after 15 ticks (~23 s) and reconnects: count paths, not rows.
    const paths = [...new Set(log.connections.map((c) => new URL(c.url).pathname))].sort();
    expect(paths).toEqual(['/alerts', '/chat', '/events', '/quotes', '/ticker']);
    // The demo shows what the product is for: quotes missed across a reconnect, a fatal stream.
    const loud = log.findings.filter((f) => f.severity !== 'info').map((f) => f.kind);
    expect(loud).toContain('event-id-gap');
    expect(loud).toContain('eventsource-fatal');
    // What the panel counted is in the log too (the log is exported after the count was read).
    const shown = Number(/^panel showed \d+ connections, (\d+) messages/m.exec(stdout)![1]);
    expect(log.events.filter((e) => e.type === 'message').length).toBeGreaterThanOrEqual(shown);
  });
});
