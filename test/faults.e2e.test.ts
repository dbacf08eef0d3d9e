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
  other: Array<[string, boolean]>;
  resyncs: number;
  connects: number;
  closes: Array<[number, boolean]>;
  errors: number;
  trusted: boolean[];
}

const OUTAGE_MS = 1500;

describe.each<BrowserName>(['chromium', 'firefox'])('recovery verdicts in %s', (name) => {
  let inspected: InspectedBrowser;
  let server: TestServer & { received: string[] };

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
  async function openApp(transport: 'ws' | 'sse' | 'gql', app: string): Promise<Page> {
    const page = await inspected.browser.newPage();
    // A distinct URL per tab (tabIdOf matches by URL; a retried test opens another tab).
    await page.goto(`${server.origin}/app?transport=${transport}&app=${app}&tab=${++tabs}`);
    await waitFor(async () => (await feedOf(page)).seqs.length >= 10, `${app} to receive its first messages`);
    await inspected.flush();
    return page;
  }

  async function dropAndJudge(transport: 'ws' | 'sse' | 'gql', app: string, outageMs = OUTAGE_MS) {
    const page = await openApp(transport, app);
    const path = transport === 'ws' ? '/feed' : transport === 'gql' ? '/gql' : '/sse';
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

  it('GraphQL over WebSocket: re-subscribing recovers; not re-subscribing is named, with the subscription', async () => {
    const good = await dropAndJudge('gql', 'good');
    expect(good.verdict.status, good.verdict.message).toBe('recovered');
    expect(good.verdict.message).toMatch(/resumed from payload\.data\.seq \d+; 0 events missed; re-subscribed to 1 subscription\.$/);
    const bad = await dropAndJudge('gql', 'no-resubscribe');
    expect(bad.verdict.status).toBe('defect');
    expect(bad.verdict.defects).toContain('not-resubscribed');
    expect(bad.verdict.message).toMatch(/1 GraphQL.* subscription active before the drop was not made again: Ticks/);
    expect(bad.verdict.evidence.notResubscribed).toEqual(['Ticks']);
  });

  const gapFree = (seqs: number[]) => seqs.every((x, i) => i === 0 || x === seqs[i - 1]! + 1);

  it('dropped incoming messages: a client that resyncs recovered them all; one that does not is named', async () => {
    const good = await openApp('ws', 'good');
    const fault = await inspected.faults.messages('/feed', 'drop', 3, { page: good });
    const v = await fault.verdict();
    expect(v.status, v.message).toBe('recovered');
    expect(v.message).toMatch(/^The page was not shown 3 messages; it sent a message [\d.]+ m?s later; all 3 arrived again \(seq \d+–\d+\)\.$/);
    const feed = await feedOf(good);
    expect(feed.resyncs).toBeGreaterThanOrEqual(1);
    expect(gapFree(feed.seqs)).toBe(true);

    const careless = await openApp('ws', 'no-resume');
    const v2 = await (await inspected.faults.messages('/feed', 'drop', 3, { page: careless })).verdict();
    expect(v2.status).toBe('defect');
    expect(v2.defects).toEqual(['not-noticed']);
  });

  it('delayed, duplicated and reordered messages reach the page as untrusted copies; the client keeps its order', async () => {
    const page = await openApp('ws', 'good');
    for (const [mode, extra] of [['delay', { delayMs: 300 }], ['duplicate', {}], ['reorder', {}]] as const) {
      const v = await (await inspected.faults.messages('/feed', mode, 2, { page, ...extra })).verdict();
      expect(v.status, `${mode}: ${v.message}`).toBe('info');
      expect(v.evidence.count).toBe(2);
    }
    await waitFor(async () => (await feedOf(page)).seqs.length > 40, 'more messages after the faults');
    const feed = await feedOf(page);
    expect(gapFree(feed.seqs)).toBe(true);
    expect(feed.trusted.filter((t) => !t).length).toBeGreaterThanOrEqual(4);
  });

  it('holds sends, injects as if from the server, sends as the page', async () => {
    const page = await openApp('ws', 'good');
    const hold = await inspected.faults.holdSends('/feed', { page });
    await page.evaluate(() => (window as unknown as { sendToServer(t: string): void }).sendToServer('{"type":"note","n":1}'));
    await inspected.flush();
    expect(server.received).not.toContain('{"type":"note","n":1}');
    await inspected.faults.releaseSends('/feed', { page });
    await waitFor(() => server.received.includes('{"type":"note","n":1}'), 'the held send to reach the server');
    expect((await hold.verdict()).message).toBe('1 send held, 1 released.');

    await inspected.faults.inject('/feed', '{"type":"hello-from-inspector"}', { page });
    await waitFor(async () => (await feedOf(page)).other.length > 0, 'the injected message');
    expect((await feedOf(page)).other).toEqual([['{"type":"hello-from-inspector"}', false]]);
    const sent = await inspected.faults.send('/feed', '{"type":"note","n":2}', { page });
    await waitFor(() => server.received.includes('{"type":"note","n":2}'), 'the message sent as the page');

    // Injected: a fault mark with its text, never counted as traffic; sent: a real out message beside its mark.
    const log = await inspected.exportSessionLog({ connectionIds: [sent.connectionId] });
    const conn = log.connections[0]!;
    const injected = log.events.filter((e) => e.type === 'fault' && e.fault?.what === 'injected');
    expect(injected.map((e) => e.data)).toEqual(['{"type":"hello-from-inspector"}']);
    expect(log.events.filter((e) => e.type === 'message' && e.data === '{"type":"hello-from-inspector"}')).toEqual([]);
    expect(log.events.filter((e) => e.type === 'message' && e.direction === 'out' && e.data === '{"type":"note","n":2}')).toHaveLength(1);
    expect(conn.counts?.messagesIn).toBe(log.events.filter((e) => e.type === 'message' && e.direction === 'in').length);
  });
});
