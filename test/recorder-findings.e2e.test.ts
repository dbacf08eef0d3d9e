// The puppeteer half of "findings as assertions", end to end in both browsers: the demo server
// made to drop a chat message (an id gap) fails expectNoFindings with the finding's sentence,
// and saveSessionLog (what an afterEach hook calls on failure) writes a schema-valid, sanitized
// log. The passing case on healthy traffic is recorder-vitest.e2e.test.ts (the docs' example).
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionLog } from '../src/contracts/session-log-format';
import { startDemoServer, type DemoServer } from '../src/demo/server';
import { FindingsAssertionError, expectNoFindings, launchInspectedBrowser, saveSessionLog, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import { sessionLogErrors } from './harness/schema';

const outDir = join(resolve(import.meta.dirname, '..'), '.tmp', 'recorder-findings-e2e');

/** Polls with evaluate (no waitForFunction: it flaked in Firefox across process swaps). */
async function waitForChat(page: import('puppeteer-core').Page, n: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await page.evaluate(() => document.querySelectorAll('#chat li').length).catch(() => 0)) < n) {
    if (Date.now() > deadline) throw new Error(`the chat did not show ${n} lines within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each<BrowserName>(['chromium', 'firefox'])('expectNoFindings with the puppeteer API in %s', (name) => {
  let demo: DemoServer;
  let inspected: InspectedBrowser;
  beforeAll(async () => {
    rmSync(join(outDir, name), { recursive: true, force: true });
    demo = await startDemoServer({ intervalMs: 100, sendEveryMs: 300, chatSkipSeqs: [8] });
    inspected = await launchInspectedBrowser({ browser: name });
  });
  afterAll(async () => {
    await inspected?.close();
    await demo?.close();
  });

  it('throws with the id-gap sentence, and the saved log is valid', async () => {
    const page = await inspected.browser.newPage();
    await page.goto(demo.url);
    await waitForChat(page, 12);
    // The chat's connection only: the demo page's quotes and alerts streams have findings of their own.
    const { connections } = await inspected.exportSessionLog({ tabIds: [await inspected.tabIdOf(page)] });
    const chat = { connectionIds: connections.filter((c) => c.url.endsWith('/chat')).map((c) => c.id) };
    expect(chat.connectionIds).toHaveLength(1);
    const log = await inspected.exportSessionLog(chat);

    let error: unknown;
    try {
      expectNoFindings(log, { severity: 'warning' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FindingsAssertionError);
    const gap = log.findings.find((f) => f.kind === 'event-id-gap');
    expect(gap?.message).toMatch(/^WebSocket ws:\/\/127\.0\.0\.1:\d+\/chat skipped "seq" 8 \(1 message never arrived\)\.$/);
    expect((error as Error).message).toBe(`expected no Realtime Inspector findings of severity warning or above, found 1:\n  - warning event-id-gap: ${gap!.message}`);
    // An id gap is all this server does wrong: ignoring it passes.
    expect(() => expectNoFindings(log, { ignore: ['event-id-gap'] })).not.toThrow();

    const saved = await saveSessionLog(inspected, join(outDir, name, 'gap.session-log.json'), chat);
    const written = JSON.parse(readFileSync(saved.path, 'utf8')) as SessionLog;
    expect(sessionLogErrors(written)).toEqual([]);
    expect(written.sanitized?.applied).toBe(true);
    expect(written.findings.map((f) => f.kind)).toContain('event-id-gap');
    expect(saved.summary).toMatch(/^Realtime Inspector: \d+ connections, \d+ events; findings: 1 warning \(event-id-gap\)/);
  });
});
