// Faults applied on purpose and the recovery verdicts (docs/faults.md), in Chromium and Firefox,
// through the recorder API (the panel uses the same background request): a well-behaved feed
// client (backoff + resume) is judged "recovered, nothing missed" after a drop with new
// connections refused for a while; clients that do not resume, reconnect in a tight loop or never
// reconnect each get the verdict that names their defect. The page is shown what a network loss
// looks like (WebSocket: close 1006, not clean), and the log keeps both sides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchInspectedBrowser, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import { startRecoveryServer } from './pages/recovery-server';
import type { TestServer } from './harness/servers';
import { waitFor } from './harness/waits';

interface Feed {
  seqs: number[];
  connects: number;
  closes: Array<[number, boolean]>;
  errors: number;
  trusted: boolean[];
}

const OUTAGE_MS = 1500;

describe.each<BrowserName>(['chromium', 'firefox'])('recovery verdicts in %s', (name) => {
  let inspected: InspectedBrowser;
  let server: TestServer;

  beforeAll(async () => {
    server = await startRecoveryServer();
    inspected = await launchInspectedBrowser({ browser: name });
  });
  afterAll(async () => {
    await inspected?.close();
    await server?.close();
  });

  const feedOf = (page: Page) => page.evaluate(() => (window as unknown as { feed: Feed }).feed);

  let tabs = 0;
  async function openApp(transport: 'ws' | 'sse', app: string): Promise<Page> {
    const page = await inspected.browser.newPage();
    // A distinct URL per tab (tabIdOf matches by URL; a retried test opens another tab).
    await page.goto(`${server.origin}/app?transport=${transport}&app=${app}&tab=${++tabs}`);
    await waitFor(async () => (await feedOf(page)).seqs.length >= 10, `${app} to receive its first messages`);
    await inspected.flush();
    return page;
  }

  async function dropAndJudge(transport: 'ws' | 'sse', app: string, outageMs = OUTAGE_MS) {
    const page = await openApp(transport, app);
    const path = transport === 'ws' ? '/feed' : '/sse';
    const applied = await inspected.faults.drop(path, { page, outageMs });
    expect(applied.url).toContain(path);
    const verdict = await applied.verdict({ timeoutMs: 60_000 });
    if (process.env.RI_DEBUG) console.log(app, transport, JSON.stringify(verdict));
    return { page, verdict, feed: await feedOf(page), applied };
  }

  it('WebSocket, backoff + resume: recovered, nothing missed; the page saw close 1006', async () => {
    const { verdict, feed, applied } = await dropAndJudge('ws', 'good');
    expect(verdict.status, verdict.message).toBe('recovered');
    expect(verdict.defects).toEqual([]);
    expect(verdict.message).toMatch(/^Recovered in [\d.]+ (ms|s) \(\d+ attempts?.*\); resumed from seq \d+; 0 events missed\.$/);
    // Refused for OUTAGE_MS: at least one attempt failed before the one that opened.
    expect(verdict.evidence.attempts as number).toBeGreaterThanOrEqual(2);
    expect(verdict.evidence.recoveredMs as number).toBeGreaterThanOrEqual(OUTAGE_MS - 100);
    expect(feed.closes[0]).toEqual([1006, false]);
    // The page kept a gap-free sequence across the drop.
    const seqs = feed.seqs;
    expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1)).toBe(true);
    // The log keeps what the network did (a clean close of ours) and what the page was shown.
    const log = await inspected.exportSessionLog();
    const events = log.events.filter((e) => e.connectionId === applied.connectionId);
    const whats = events.filter((e) => e.type === 'fault').map((e) => e.fault!.what);
    expect(whats).toEqual(['armed', 'shown-error', 'shown-close', 'ended']);
    const realClose = events.find((e) => e.type === 'close')!;
    expect(realClose.wasClean).toBe(true);
    expect(log.version).toBe(3);
    expect(log.verdicts?.some((v) => v.faultId === applied.faultId)).toBe(true);
  });

  it('WebSocket without resume: "Reconnected, but N events … never arrived"', async () => {
    const { verdict } = await dropAndJudge('ws', 'no-resume');
    expect(verdict.status).toBe('defect');
    expect(verdict.defects).toContain('not-resumed');
    expect(verdict.message).toMatch(/^Reconnected in .*, but \d+ events between seq \d+ and \d+ never arrived\.$/);
    const resume = verdict.evidence.resume as { missed: { count: number } };
    expect(resume.missed.count).toBeGreaterThan(5);
  });

  it('WebSocket reconnecting in a tight loop: named, with its attempts', async () => {
    const { verdict } = await dropAndJudge('ws', 'tight', 1000);
    expect(verdict.defects).toContain('tight-loop');
    expect(verdict.status).toBe('defect');
    expect(verdict.evidence.attempts as number).toBeGreaterThanOrEqual(3);
    expect(verdict.message).toMatch(/tight loop/);
  });

  it('WebSocket that never reconnects: "Never reconnected"', async () => {
    const { verdict, feed } = await dropAndJudge('ws', 'never', 500);
    expect(feed.connects).toBe(1);
    expect(verdict.status).toBe('defect');
    expect(verdict.defects).toEqual(['not-reconnected']);
    expect(verdict.message).toMatch(/^Never reconnected: no new connection in [\d.]+ s after the drop\.$/);
  });

  it('EventSource rebuilt with its last id: recovered, nothing missed', async () => {
    const { verdict } = await dropAndJudge('sse', 'good');
    expect(verdict.status, verdict.message).toBe('recovered');
    expect(verdict.message).toMatch(/resumed from lastEventId \d+; 0 events missed/);
  });

  it('EventSource rebuilt without its last id: the missed events are counted', async () => {
    const { verdict } = await dropAndJudge('sse', 'no-resume');
    expect(verdict.status).toBe('defect');
    expect(verdict.message).toMatch(/never arrived/);
  });
});
