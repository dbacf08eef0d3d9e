// Healthy apps that must stay silent at warning and error (issue 13): a page reloaded and left
// while its connections are open, two widgets with their own socket to one URL reconnecting after
// a server restart, a server that enforces token expiry, and one socket multiplexing two
// separately numbered channels. Real servers on 127.0.0.1, Chromium and Firefox.
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchInspectedBrowser, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import type { SessionLog } from '../src/contracts/session-log-format';
import { sessionLogErrors } from './harness/schema';
import { aboveInfo, connectionsTo, eventsOf, exportTabs, openScenario, pageState, waitUntilDone } from './scenarios/kit';
import { startReloadServer } from './scenarios/healthy-reload';
import { AFTER, BEFORE, startWidgetsServer } from './scenarios/healthy-widgets';
import { startTokenRefreshServer } from './scenarios/healthy-token-refresh';
import { MESSAGES, startMultiplexedServer } from './scenarios/healthy-multiplexed';
import { waitFor } from './harness/waits';

type Closer = { close(): Promise<unknown> };
const cleanup: Closer[] = [];
const track = <T extends Closer>(x: T): T => {
  cleanup.push(x);
  return x;
};
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c.close().catch(() => undefined);
});

/** What went above info, as "kind: message" lines (a readable failure). */
const loud = (log: SessionLog) => aboveInfo(log).map((f) => `${f.kind}: ${f.message}`);

async function run(inspected: InspectedBrowser, url: string): Promise<{ log: SessionLog; page: Page }> {
  const { page, tabId } = await openScenario(inspected, url);
  track(page);
  const log = await exportTabs(inspected, [tabId], (await pageState(page)).events);
  expect(sessionLogErrors(log)).toEqual([]);
  return { log, page };
}

describe.each<BrowserName>(['chromium', 'firefox'])('healthy apps stay silent in %s', (name) => {
  let inspected: InspectedBrowser;
  beforeAll(async () => {
    inspected = await launchInspectedBrowser({ browser: name });
  });
  afterAll(async () => {
    await inspected?.close();
  });

  it('a page reloaded, navigated and left while its streams and sockets are open', async () => {
    const server = track(await startReloadServer());
    const { page, tabId } = await openScenario(inspected, `${server.origin}/page.html`);
    track(page);
    let events = (await pageState(page)).events;
    await page.reload();
    events += (await waitUntilDone(page)).events;
    await page.goto(`${server.origin}/page.html?again`);
    events += (await waitUntilDone(page)).events;
    await page.goto(`${server.origin}/plain.html`);
    // Three loads with connections, all gone once plain.html is the tab's page: wait until the
    // background has marked the last of them, then no connection may read open (issue 13, item
    // 7) and nothing the browser did while the pages went away may be a warning or an error.
    let log: SessionLog | undefined;
    const states = (l: SessionLog) => l.connections.map((c) => `${new URL(c.url).pathname} ${c.state}${c.ended ? ` (${c.ended})` : ''}`);
    try {
      await waitFor(async () => {
        log = await exportTabs(inspected, [tabId], events);
        return new Set(log.connections.map((c) => c.pageId)).size === 3 && log.connections.every((c) => c.ended !== undefined);
      }, 'every connection of the three loads to be ended by its page going away', 20_000, 200);
    } catch (error) {
      throw new Error(`${String(error)}; connections: ${log ? states(log).join(', ') : 'none'}; findings: ${log ? loud(log).join(' | ') : ''}`);
    }
    expect(sessionLogErrors(log!)).toEqual([]);
    expect(loud(log!)).toEqual([]);
    expect(states(log!).filter((x) => !x.includes(' closed'))).toEqual([]);
  });

  it('two widgets with their own socket to one URL reconnect after a server restart', async () => {
    const server = track(await startWidgetsServer());
    const { log } = await run(inspected, `${server.origin}/page.html`);
    const firstOut = (id: string) => eventsOf(log, id).find((e) => e.direction === 'out')?.data;
    const links = log.connections.map((c) => `${c.id} ${firstOut(c.id)} created ${c.createdAt} closed ${c.closedAt} lineage ${c.lineageId} #${c.attempt}`);
    expect(loud(log), links.join('\n')).toEqual([]);
    // Each new socket continues the old socket of its own widget (its first message names the topic).
    const sockets = connectionsTo(log, '/topics');
    expect(sockets).toHaveLength(4);
    const topicOf = (id: string) => (JSON.parse(eventsOf(log, id).find((e) => e.direction === 'out')!.data!) as { subscribe: string }).subscribe;
    for (const c of sockets.filter((x) => x.attempt === 2)) {
      const prev = sockets.find((x) => x.id === c.lineageId)!;
      expect(topicOf(prev.id)).toBe(topicOf(c.id));
    }
    expect(sockets.filter((c) => c.attempt === 2)).toHaveLength(2);
    expect(log.events.filter((e) => e.direction === 'in')).toHaveLength(BEFORE.A + BEFORE.B + 2 * AFTER);
  });

  it('a server that closes with 1008 at the token expiry, and a client that refreshes it', async () => {
    const server = track(await startTokenRefreshServer());
    const { log } = await run(inspected, `${server.origin}/page.html`);
    const sockets = connectionsTo(log, '/feed').sort((a, b) => a.createdAt - b.createdAt);
    expect(sockets.map((c) => c.close?.code)).toEqual([1008, 1000]);
    expect(loud(log)).toEqual([]);
  });

  it('one socket multiplexing two channels, each numbered by its own offset', async () => {
    const server = track(await startMultiplexedServer());
    const { log } = await run(inspected, `${server.origin}/page.html`);
    const [ws] = connectionsTo(log, '/mux');
    expect(eventsOf(log, ws!.id).filter((e) => e.direction === 'in')).toHaveLength(MESSAGES);
    expect(loud(log)).toEqual([]);
  });
});
