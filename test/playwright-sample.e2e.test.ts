// The sample Playwright project (test/playwright/) as a user runs it: the Playwright CLI in a child
// process with the built realtime-inspector/playwright, against the demo server. Two tests pass
// (healthy traffic with no finding above info; the options at work: a HAR attached although the
// test passed); id-gap.spec.ts fails on purpose, and that failure is
// what this test expects: exactly that test failed, on the finding sentence, and its report holds a
// schema-valid, sanitized session log and the one-line findings summary.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionLog } from '../src/contracts/session-log-format';
import { findingsSummary } from '../src/recorder/findings-check';
import { harErrors } from './harness/har-schema';
import { sessionLogErrors } from './harness/schema';

const root = resolve(import.meta.dirname, '..');
const config = join(root, 'test', 'playwright', 'playwright.config.ts');
const reportFile = join(root, '.tmp', 'playwright', 'report.json');

/** The parts of Playwright's JSON reporter output read here. */
interface Attachment {
  name: string;
  contentType: string;
  path?: string;
  body?: string;
}
interface PwResult {
  status: string;
  errors: Array<{ message?: string }>;
  attachments: Attachment[];
}
interface PwSpec {
  title: string;
  file: string;
  tests: Array<{ status: string; results: PwResult[] }>;
}
interface PwSuite {
  specs: PwSpec[];
  suites?: PwSuite[];
}
interface PwReport {
  suites: PwSuite[];
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: unknown[];
}

const specsOf = (suites: PwSuite[]): PwSpec[] => suites.flatMap((s) => [...s.specs, ...specsOf(s.suites ?? [])]);
// Playwright prints colours into error messages when it thinks the output is a terminal.
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

type Run = { code: number; stdout: string; stderr: string };

/** The Playwright CLI on the sample project; the JSON report goes to `json`. No browser download, ever. */
function playwright(args: string[], json: string): Promise<Run> {
  const cli = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
  return new Promise((done) => {
    execFile(
      process.execPath,
      [cli, 'test', '-c', config, '--reporter=list,json', ...args],
      { cwd: root, env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: json, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', FORCE_COLOR: '0' }, timeout: 110_000 },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

let run: Run;
let report: PwReport;
let specs: Map<string, PwSpec>;

beforeAll(async () => {
  rmSync(join(root, '.tmp', 'playwright'), { recursive: true, force: true });
  run = await playwright([], reportFile);
  expect(existsSync(reportFile), `no JSON report; Playwright said:\n${run.stdout}\n${run.stderr}`).toBe(true);
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as PwReport;
  specs = new Map(specsOf(report.suites).map((s) => [s.file, s]));
}, 120_000);

describe('the sample Playwright project', () => {
  it('runs both tests; only the one made to fail fails', () => {
    expect(report.errors, 'errors outside tests (config, global setup)').toEqual([]);
    expect([...specs.keys()].sort()).toEqual(['healthy.spec.ts', 'id-gap.spec.ts', 'options.spec.ts']);
    expect(report.stats).toMatchObject({ expected: 2, unexpected: 1, flaky: 0, skipped: 0 });
    // Playwright exits 1 when a test failed: here that is the intended outcome.
    expect(run.code).toBe(1);
  });

  it('passes on healthy traffic and attaches nothing (logs are written on failure only by default)', () => {
    const [result] = specs.get('healthy.spec.ts')!.tests[0]!.results;
    expect(result!.status).toBe('passed');
    expect(result!.attachments.map((a) => a.name)).not.toContain('session-log.json');
  });

  it("attaches a passing test's log when asked to, in the format asked for, unsanitized", () => {
    const [result] = specs.get('options.spec.ts')!.tests[0]!.results;
    expect(result!.status).toBe('passed');
    const har = result!.attachments.find((a) => a.name === 'session.har');
    expect(har?.contentType).toBe('application/json');
    const doc = JSON.parse(readFileSync(har!.path!, 'utf8')) as { log: { pages: Array<{ title: string }>; entries: Array<{ request: { url: string } }> } };
    expect(harErrors(doc)).toEqual([]);
    expect(doc.log.entries.map((e) => new URL(e.request.url).pathname)).toEqual(expect.arrayContaining(['/chat', '/events', '/ticker']));
    // includeSensitive: the page URL keeps its token (a sanitized export masks it with *).
    expect(JSON.stringify(doc)).toContain('token=kept-because-includeSensitive');
    const summary = result!.attachments.find((a) => a.name === 'realtime-inspector findings');
    expect(Buffer.from(summary!.body!, 'base64').toString('utf8')).toMatch(/^Realtime Inspector: \d+ connections, \d+ events; findings: .* — session log attached as session.har\n$/);
  });

  it('fails on the id gap with the finding sentence, and attaches a valid, sanitized session log and the summary', () => {
    const [result] = specs.get('id-gap.spec.ts')!.tests[0]!.results;
    expect(result!.status).toBe('failed');
    const message = plain(result!.errors[0]?.message ?? '');
    expect(message).toMatch(/^Error: expected no Realtime Inspector findings of severity warning or above, found 1:\n {2}- warning event-id-gap: WebSocket ws:\/\/127\.0\.0\.1:\d+\/chat skipped "seq" 8 \(1 message never arrived\)\./);

    const logAttachment = result!.attachments.find((a) => a.name === 'session-log.json');
    expect(logAttachment?.contentType).toBe('application/json');
    const log = JSON.parse(readFileSync(logAttachment!.path!, 'utf8')) as SessionLog;
    expect(sessionLogErrors(log)).toEqual([]);
    expect(log.sanitized?.applied).toBe(true);
    // The attached log is the whole session (the demo's quotes stream has a gap of its own): the
    // chat's gap is among its findings, with the sentence the test failed on.
    const chatIds = new Set(log.connections.filter((c) => c.url.endsWith('/chat')).map((c) => c.id));
    const gaps = log.findings.filter((f) => f.kind === 'event-id-gap' && f.connectionIds.some((id) => chatIds.has(id)));
    expect(gaps).toHaveLength(1);
    expect(message).toContain(gaps[0]!.message);
    expect(gaps[0]!.evidence).toMatchObject({ field: 'seq', from: 8, to: 8, count: 1 });

    const summary = result!.attachments.find((a) => a.name === 'realtime-inspector findings');
    expect(summary?.contentType).toBe('text/plain');
    const text = Buffer.from(summary!.body!, 'base64').toString('utf8');
    expect(text).toBe(`${findingsSummary(log)} — session log attached as session-log.json\n`);
    expect(text).toMatch(/findings: .*\bwarning \(.*event-id-gap/);
    // …and the list reporter prints it in the error output, under the failure.
    expect(plain(run.stdout)).toContain(text.trim());
  });

  it('says plainly that Firefox is not supported, before launching anything', async () => {
    const json = join(root, '.tmp', 'playwright', 'firefox-report.json');
    const ff = await playwright(['--browser=firefox', 'healthy.spec.ts'], json);
    expect(ff.code).toBe(1);
    const [spec] = specsOf((JSON.parse(readFileSync(json, 'utf8')) as PwReport).suites);
    const [result] = spec!.tests[0]!.results;
    expect(plain(result!.errors[0]?.message ?? '')).toMatch(/^Error: realtime-inspector\/playwright runs in Chromium only: Playwright loads extensions only into a Chromium persistent context/);
    expect(result!.attachments.map((a) => a.name)).not.toContain('session-log.json');
  });
});
