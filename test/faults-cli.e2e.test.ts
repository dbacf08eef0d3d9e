// The record CLI with --fault, as a user runs it (dist/recorder/cli.js in a child process): the
// verdict is printed and in the log; --expect-recovery makes a defect exit with code 3.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionLog } from '../src/contracts/session-log-format';
import type { TestServer } from './harness/servers';
import { sessionLogErrors } from './harness/schema';
import { startRecoveryServer } from './pages/recovery-server';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'recorder', 'cli.js');
const outDir = join(root, '.tmp', 'faults-cli-e2e');

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd: root, timeout: 110_000 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

let app: TestServer;
beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  app = await startRecoveryServer();
});
afterAll(async () => {
  await app?.close();
});

describe.each(['chromium', 'firefox'] as const)('record --fault in %s', (browser) => {
  it('prints the verdict, writes it to the log, and exits 0 when it recovered', async () => {
    const out = join(outDir, `good-${browser}.json`);
    const r = await runCli(['--browser', browser, '--url', `${app.origin}/app?transport=ws&app=good`, '--duration', '4000', '--fault', 'drop:/feed@1s/1s', '--expect-recovery', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fault drop:\/feed@1s\/1s: recovered: Recovered in .*; 0 events missed\.$/m);
    const log = JSON.parse(readFileSync(out, 'utf8')) as SessionLog;
    expect(sessionLogErrors(log)).toEqual([]);
    expect(log.verdicts?.map((v) => v.status)).toEqual(['recovered']);
  });

  it('exits 3 with --expect-recovery when the app did not resume', async () => {
    const r = await runCli(['--browser', browser, '--url', `${app.origin}/app?transport=ws&app=no-resume`, '--duration', '4000', '--fault', 'drop:/feed@1s/1s', '--expect-recovery', '--out', join(outDir, `bad-${browser}.json`)]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^fault drop:\/feed@1s\/1s: defect \(not-resumed\): Reconnected in .*never arrived\.$/m);
  });
});
