// The connections side of the Realtime panel in the real Chromium DevTools, on a realistic page
// (a chat WebSocket dropped with 1006 and reopened, a price feed over SSE with an id gap):
// screenshots in DevTools' light and dark themes (docs/screenshots, shown in the README), then
// selecting, sorting, the timeline, preserve log across a reload, pause view and clear.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchInspectedBrowser, type InspectedBrowser } from '../src/recorder/index';
import type { SessionLog } from '../src/contracts/session-log-format';
import { openChromiumDevtoolsPanel } from './harness/devtools-panel';
import type { TestServer } from './harness/servers';
import { waitFor } from './harness/waits';
import { startChatAndFeedServer } from './scenarios/chat-and-feed';
import { waitUntilDone } from './scenarios/kit';
import { gapMarkers } from '../src/analysis/gap-markers';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');

/** DevTools' own theme setting ('default' is light), set the way its Settings pane does (DevTools internals). */
const setDevtoolsTheme = (devtools: Page, theme: 'default' | 'dark') =>
  devtools.evaluate(`(async () => {
    const common = await import('./core/common/common.js');
    common.Settings.Settings.instance().moduleSetting('ui-theme').set(${JSON.stringify(theme)});
    return true;
  })()`);

interface ChatWindow {
  say(n: number): Promise<boolean>;
  openRoom(name: string): Promise<unknown>;
  scenario: { done: boolean };
}

const rowIds = (panel: Frame) => panel.$$eval('[data-testid="connection-row"]', (trs) => trs.map((tr) => tr.getAttribute('data-connection-id') ?? ''));
const selectedId = (panel: Frame) => panel.$eval('[data-testid="connection-row"][aria-selected="true"]', (tr) => tr.getAttribute('data-connection-id')).catch(() => null);

async function waitForRows(panel: Frame, ids: string[], what: string): Promise<void> {
  const want = [...ids].sort().join();
  let seen: string[] = [];
  await waitFor(async () => {
    seen = await rowIds(panel);
    return [...seen].sort().join() === want;
  }, what).catch((error: unknown) => {
    throw new Error(`${String(error)}; rows shown: ${JSON.stringify(seen)}, wanted ${JSON.stringify(ids)}`);
  });
}

describe('Realtime panel connections side in Chromium DevTools', () => {
  let server: TestServer;
  let ib: InspectedBrowser;
  let page: Page;
  let devtools: Page;
  let panel: Frame;
  let tabId: number;
  let log: SessionLog;

  beforeAll(async () => {
    server = await startChatAndFeedServer();
    ib = await launchInspectedBrowser({ browser: 'chromium', devtools: true });
    page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app`);
    await waitUntilDone(page);
    await page.evaluate(() => (window as unknown as ChatWindow).say(6)); // some chat traffic to show
    tabId = await ib.tabIdOf(page);
    log = await ib.exportSessionLog({ tabIds: [tabId] });
    ({ devtools, panel } = await openChromiumDevtoolsPanel(page, ib.extensionOrigin!));
    // Undocked, DevTools fills its window: the screenshots show the panel, not an empty page area.
    await devtools.evaluate(`(async () => {
      const legacy = await import('./ui/legacy/legacy.js');
      legacy.DockController.DockController.instance().setDockSide('undocked');
      return true;
    })()`);
    await devtools.setViewport({ width: 1100, height: 720 });
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
  });

  it('shows the scenario’s connections and takes screenshots in DevTools’ light and dark themes', async () => {
    expect(log.connections).toHaveLength(3);
    const chat = log.connections.filter((c) => c.url.endsWith('/chat')).sort((a, b) => a.createdAt - b.createdAt);
    expect(chat.map((c) => c.close?.code ?? null)).toEqual([1006, null]);
    await waitForRows(panel, log.connections.map((c) => c.id), 'the three connections');

    // Select the reconnected chat socket: summary, messages and the timeline row all follow.
    await panel.click(`[data-testid="connection-row"][data-connection-id="${chat[1]!.id}"]`);
    await panel.waitForSelector('[data-testid="message-row"]');
    await panel.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-row"]').length === 2);
    // The analysis arrives after commits (debounced); then the findings markers are drawn.
    await panel.waitForFunction(() => !document.querySelector('[data-testid="findings-summary"]')?.textContent?.includes('analysing'));
    expect(log.findings.length).toBeGreaterThan(0);
    await panel.waitForFunction((n: number) => document.querySelectorAll('[data-testid="timeline"] .tl-finding').length === n, {}, log.findings.filter((f) => f.connectionIds.some((id) => log.connections.some((c) => c.id === id))).length);

    // Light: DevTools' default theme; the panel says so and uses its light colours.
    await waitFor(() => panel.evaluate(() => document.documentElement.dataset.devtoolsTheme === 'default'), 'the panel to report the default theme');
    expect(await panel.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(false);
    const lightBg = await panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await devtools.screenshot({ path: join(SCREENSHOTS, 'panel-light.png') });

    // Dark: switch DevTools' own theme setting; the panel follows without a reload.
    await setDevtoolsTheme(devtools, 'dark');
    await waitFor(() => panel.evaluate(() => document.documentElement.classList.contains('dark')), 'the panel to follow DevTools’ dark theme');
    const darkBg = await panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(darkBg).not.toBe(lightBg);
    await devtools.screenshot({ path: join(SCREENSHOTS, 'panel-dark.png') });
    await setDevtoolsTheme(devtools, 'default');
    await waitFor(() => panel.evaluate(() => !document.documentElement.classList.contains('dark')), 'the panel to follow back to light');
  });

  it('sorts by a column (aria-sort), selects from the table by keyboard and from the timeline', async () => {
    const inCount = new Map(log.connections.map((c) => [c.id, log.events.filter((e) => e.connectionId === c.id && e.type === 'message' && e.direction === 'in').length]));
    // Click the header: ascending; again: descending (ties keep creation order).
    await panel.click('th[data-column="in"]');
    expect(await panel.$eval('th[data-column="in"]', (th) => th.getAttribute('aria-sort'))).toBe('ascending');
    expect(await panel.$eval('th[data-column="start"]', (th) => th.getAttribute('aria-sort'))).toBe('none');
    let counts = (await rowIds(panel)).map((id) => inCount.get(id));
    expect(counts).toEqual([...counts].sort((a, b) => a! - b!));
    await panel.click('th[data-column="in"]');
    expect(await panel.$eval('th[data-column="in"]', (th) => th.getAttribute('aria-sort'))).toBe('descending');
    counts = (await rowIds(panel)).map((id) => inCount.get(id));
    expect(counts).toEqual([...counts].sort((a, b) => b! - a!));
    // The numbers shown are the recorded ones (the panel's rows may only have grown since the export).
    for (const [id, n] of inCount) {
      const shown = Number(await panel.$eval(`[data-testid="connection-row"][data-connection-id="${id}"] [data-testid="messages-in"]`, (td) => td.textContent));
      expect(shown).toBeGreaterThanOrEqual(n);
    }
    await panel.click('th[data-column="start"]');
    expect(await panel.$eval('th[data-column="start"]', (th) => th.getAttribute('aria-sort'))).toBe('ascending');

    // Keyboard: ↓ moves the selection to the next row as shown.
    const order = await rowIds(panel);
    await panel.click(`[data-testid="connection-row"][data-connection-id="${order[0]}"]`);
    await waitFor(async () => (await selectedId(panel)) === order[0], 'the first row to be selected');
    await page.bringToFront();
    await panel.focus(`[data-testid="connection-row"][data-connection-id="${order[0]}"]`);
    await devtools.keyboard.press('ArrowDown');
    await waitFor(async () => (await selectedId(panel)) === order[1], 'ArrowDown to select the second row');

    // Timeline: one row per lineage (the chat's two sockets share one), a click selects.
    const chat = log.connections.filter((c) => c.url.endsWith('/chat')).sort((a, b) => a.createdAt - b.createdAt);
    const feed = log.connections.find((c) => c.url.endsWith('/feed'))!;
    const tlRows = await panel.$$eval('[data-testid="timeline-row"]', (rows) => rows.map((r) => ({ id: r.getAttribute('data-connection-id'), ids: r.getAttribute('data-connection-ids'), label: r.getAttribute('aria-label') })));
    expect(tlRows.map((r) => r.ids)).toEqual([`${chat[0]!.id} ${chat[1]!.id}`, feed.id]);
    expect(tlRows[0]!.label).toContain('2 attempts');
    expect(tlRows[0]!.label).toContain('1 abnormal close');
    // The gap while the chat was disconnected, and the 1006 close marker, are drawn.
    expect(await panel.$$eval('[data-testid="timeline-row"] .tl-gap', (els) => els.length)).toBe(1);
    expect(await panel.$$eval('[data-testid="timeline-row"] .tl-close-abnormal', (els) => els.length)).toBe(1);
    await panel.click(`[data-testid="timeline-row"][data-connection-id="${feed.id}"]`);
    await waitFor(async () => (await selectedId(panel)) === feed.id, 'a timeline click to select the feed');
    expect(await panel.$eval('[data-testid="details-url"]', (e) => e.textContent)).toBe(feed.url);
    // A click on a span selects that socket, even inside a lineage row.
    await panel.click(`[data-testid="timeline-row"] rect.tl-open[data-span-connection-id="${chat[0]!.id}"]`);
    await waitFor(async () => (await selectedId(panel)) === chat[0]!.id, 'a span click to select the dropped socket');
    await panel.waitForFunction(() => document.querySelector('[data-testid="close-info"]')?.textContent?.includes('1006 (abnormal closure)'));

    // Copy URL: the summary's button and the row's context menu hand the URL to the clipboard
    // (recorded here: DevTools frames may refuse clipboard reads to a test).
    await panel.evaluate(() => {
      const w = window as unknown as { copied: string[] };
      w.copied = [];
      navigator.clipboard.writeText = async (text: string) => void w.copied.push(text);
    });
    await panel.click('[data-testid="copy-url"]');
    await panel.click(`[data-testid="connection-row"][data-connection-id="${feed.id}"]`, { button: 'right' });
    await panel.waitForSelector('[data-testid="copy-url-menu"]');
    await panel.click('[data-testid="copy-url-menu"]');
    expect(await panel.$('[data-testid="copy-url-menu"]')).toBeNull();
    expect(await panel.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual([chat[0]!.url, feed.url]);

    // Zoom in and reset: the shown window narrows, then comes back.
    const range = () => panel.$eval('[data-testid="timeline-range"]', (e) => Number(e.getAttribute('data-end')) - Number(e.getAttribute('data-start')));
    const full = await range();
    // DOM clicks: a pointer click lands where the button was when puppeteer measured it, and a
    // live update that moves the panel's layout in between (under CI load) sends it elsewhere.
    const press = (testId: string) => panel.$eval(`[data-testid="${testId}"]`, (el) => (el as HTMLElement).click());
    await press('timeline-zoom-in');
    await waitFor(async () => (await range()) < full * 0.6, 'the timeline to zoom in');
    await press('timeline-reset');
    await waitFor(async () => Math.abs((await range()) - full) < full * 0.2, 'the timeline to reset');
  });

  it('pauses the view while capture goes on, then catches up on resume', async () => {
    const chat = log.connections.filter((c) => c.url.endsWith('/chat')).sort((a, b) => a.createdAt - b.createdAt)[1]!;
    await panel.click(`[data-testid="connection-row"][data-connection-id="${chat.id}"]`);
    await waitFor(async () => (await selectedId(panel)) === chat.id, 'the live chat socket to be selected');
    // The list is virtual: its length is the list's data-count, not the rows in the DOM.
    const rowsNow = () => panel.$eval('[data-testid="message-list"]', (list) => Number(list.getAttribute('data-count')));
    const inNow = () => panel.$eval(`[data-testid="connection-row"][data-connection-id="${chat.id}"] [data-testid="messages-in"]`, (td) => Number(td.textContent));
    await panel.waitForFunction(() => document.querySelectorAll('[data-testid="message-row"]').length > 0);
    const [rowsBefore, inBefore] = [await rowsNow(), await inNow()];

    await panel.click('[data-testid="pause-view"]');
    expect(await panel.$eval('[data-testid="pause-view"]', (b) => b.getAttribute('aria-pressed'))).toBe('true');
    await page.evaluate(() => (window as unknown as ChatWindow).say(4)); // 4 out + 4 echoes in
    await ib.flush();
    // Recorded (the export has them) but not shown: the view says how many are waiting.
    const after = await ib.exportSessionLog({ tabIds: [tabId] });
    expect(after.events.filter((e) => e.connectionId === chat.id && e.type === 'message').length).toBeGreaterThanOrEqual(rowsBefore + 7);
    await waitFor(async () => (await panel.$eval('[data-testid="paused-note"]', (e) => e.textContent ?? '')).includes('8 new events'), 'the paused view to count 8 new events');
    expect(await rowsNow()).toBe(rowsBefore);
    expect(await inNow()).toBe(inBefore);

    await panel.click('[data-testid="pause-view"]');
    expect(await panel.$eval('[data-testid="pause-view"]', (b) => b.getAttribute('aria-pressed'))).toBe('false');
    await waitFor(async () => (await rowsNow()) === rowsBefore + 8 && (await inNow()) === inBefore + 4, 'the held events to be applied on resume');
    expect(await panel.$('[data-testid="paused-note"]')).toBeNull();
    const seqs = await panel.$$eval('[data-testid="message-row"]', (trs) => trs.map((tr) => Number(tr.getAttribute('data-seq'))));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i)); // no hole, no duplicate
  });

  it('marks in the message list where the feed’s ids were skipped', async () => {
    const feed = log.connections.find((c) => c.url.endsWith('/feed'))!;
    const want = [...gapMarkers(log.findings, feed.id)];
    expect(want.length).toBeGreaterThan(0); // the feed skips ids (the scenario's gap)
    await panel.click(`[data-testid="connection-row"][data-connection-id="${feed.id}"]`);
    const shown = () => panel.$$eval('[data-testid="message-row"]', (rows) =>
      rows.filter((r) => r.querySelector('[data-testid="gap-marker"]')).map((r) => [Number(r.getAttribute('data-seq')), r.querySelector('[data-testid="gap-marker"]')!.textContent]));
    await waitFor(async () => JSON.stringify(await shown()) === JSON.stringify(want), 'the gap marker rows').catch(async (error: unknown) => {
      throw new Error(`${String(error)}; shown ${JSON.stringify(await shown())}, wanted ${JSON.stringify(want)}`);
    });
  });

  it('preserve log: off shows only the new load after a reload, on shows both; history shows an earlier load', async () => {
    expect(await panel.$eval('[data-testid="preserve-log"]', (i) => (i as HTMLInputElement).checked)).toBe(false);
    const firstLoad = log.connections.map((c) => c.id);
    await page.reload();
    await waitUntilDone(page);
    await ib.flush();
    const both = await ib.exportSessionLog({ tabIds: [tabId] });
    expect(both.pages).toHaveLength(2);
    const newPage = [...both.pages].sort((a, b) => a.startedAt - b.startedAt)[1]!;
    const secondLoad = both.connections.filter((c) => c.pageId === newPage.id).map((c) => c.id);
    expect(secondLoad.length).toBeGreaterThanOrEqual(2);
    await waitForRows(panel, secondLoad, 'only the new load’s connections');
    expect(await panel.$$eval('[data-testid="page-row"]', (rows) => rows.length)).toBe(1);

    await panel.click('[data-testid="preserve-log"]');
    await waitForRows(panel, [...firstLoad, ...secondLoad], 'both loads with preserve log on');
    expect(await panel.$$eval('[data-testid="page-row"]', (rows) => rows.map((r) => r.getAttribute('data-page-id')))).toEqual([log.pages[0]!.id, newPage.id]);
    // A connection of a load that is gone is never shown as open (issue 13, item 7).
    const statesOf = (ids: string[]) => panel.$$eval('[data-testid="connection-row"]', (trs, want) =>
      trs.filter((tr) => want.includes(tr.getAttribute('data-connection-id') ?? '')).map((tr) => tr.querySelector('[data-testid="connection-state"]')?.textContent?.trim() ?? ''), ids);
    await waitFor(async () => (await statesOf(firstLoad)).every((st) => st.startsWith('closed')), 'every connection of the earlier load to read closed').catch(async (error: unknown) => {
      throw new Error(`${String(error)}; states: ${JSON.stringify(await statesOf(firstLoad))}`);
    });
    // Findings follow the view: all of the tab's with preserve log on, the new load's with it off.
    const findingCount = () => panel.$$eval('[data-testid="finding"]', (els) => els.length);
    const ofLoad = (ids: string[]) => both.findings.filter((f) => f.connectionIds.some((id) => ids.includes(id))).length;
    expect(ofLoad(secondLoad)).toBeLessThan(both.findings.length);
    await waitFor(async () => (await findingCount()) === both.findings.length, 'every finding of the tab with preserve log on');
    await panel.click('[data-testid="preserve-log"]');
    await waitForRows(panel, secondLoad, 'the new load again with preserve log off');
    await waitFor(async () => (await findingCount()) === ofLoad(secondLoad), 'only the new load’s findings with preserve log off');

    // History: the earlier load can be shown alone even with preserve log off.
    const options = await panel.$$eval('[data-testid="history"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(['', log.pages[0]!.id]);
    await panel.select('[data-testid="history"]', log.pages[0]!.id);
    await waitForRows(panel, firstLoad, 'the earlier load from the history');
    await panel.select('[data-testid="history"]', '');
    await waitForRows(panel, secondLoad, 'the live view again');
  });

  it('clear hides what was recorded before, not from storage; new connections appear', async () => {
    const before = await rowIds(panel);
    expect(before.length).toBeGreaterThan(0);
    await panel.click('[data-testid="clear-view"]');
    await panel.waitForSelector('[data-testid="view-empty"]');
    expect(await rowIds(panel)).toEqual([]);
    await page.evaluate(() => (window as unknown as ChatWindow).openRoom('after-clear'));
    await ib.flush();
    const now = await ib.exportSessionLog({ tabIds: [tabId] });
    for (const id of before) expect(now.connections.some((c) => c.id === id)).toBe(true); // still stored
    const room = now.connections.find((c) => c.url.endsWith('room=after-clear'))!;
    await waitForRows(panel, [room.id], 'only the connection opened after Clear');
  });
});

// Firefox: the toolbox's panel DOM is out of reach (see panel.e2e.test.ts), so the same panel
// page is opened as an extension tab for the inspected tab (`panel.html?tabId=N`): same code,
// same IndexedDB, same live port — what Firefox renders of the connections side is checked here.
describe('Realtime panel connections side in Firefox (panel page as an extension tab)', () => {
  let server: TestServer;
  let ib: InspectedBrowser;

  beforeAll(async () => {
    server = await startChatAndFeedServer();
    ib = await launchInspectedBrowser({ browser: 'firefox' });
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
  });

  it('renders the table, the timeline and the summary, sorts, selects from the timeline, and pauses', async () => {
    const page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app`);
    await waitUntilDone(page);
    const tabId = await ib.tabIdOf(page);
    const log = await ib.exportSessionLog({ tabIds: [tabId] });
    expect(log.connections).toHaveLength(3);

    const panel = await ib.browser.newPage();
    // Firefox may never resolve a navigation to moz-extension:// over BiDi: start it and poll.
    panel.goto(`${ib.extensionOrigin}/src/panel/panel.html?tabId=${tabId}`).catch(() => {});
    // Plain evaluate in a loop (not waitForFunction): steadier across Firefox process swaps.
    const until = <T>(fn: () => T, what: string) => waitFor(() => panel.evaluate(fn).catch(() => undefined), what);
    await until(() => document.querySelectorAll('[data-testid="connection-row"]').length === 3, 'three connection rows');
    await until(() => document.querySelectorAll('[data-testid="timeline-row"]').length === 2, 'two timeline rows (the chat lineage and the feed)');
    expect(await panel.evaluate(() => document.querySelector('[data-testid="port-status"]')?.textContent)).toBe('recorder: live');

    const feed = log.connections.find((c) => c.url.endsWith('/feed'))!;
    await panel.evaluate((id: string) => (document.querySelector(`[data-testid="timeline-row"][data-connection-id="${id}"]`) as HTMLElement).click(), feed.id);
    await until(() => document.querySelector('[data-testid="connection-row"][aria-selected="true"]')?.getAttribute('data-url')?.endsWith('/feed'), 'the feed to be selected from the timeline');
    expect(await panel.evaluate(() => document.querySelector('[data-testid="details-url"]')?.textContent)).toBe(feed.url);

    await panel.evaluate(() => (document.querySelector('th[data-column="url"] button') as HTMLElement).click());
    expect(await panel.evaluate(() => document.querySelector('th[data-column="url"]')?.getAttribute('aria-sort'))).toBe('ascending');
    const urls = await panel.evaluate(() => [...document.querySelectorAll('[data-testid="connection-row"]')].map((tr) => tr.getAttribute('data-url') ?? ''));
    expect(urls).toEqual([...urls].sort());

    // Pause: the page's chat traffic is recorded but waits; resume shows it.
    const chat = log.connections.filter((c) => c.url.endsWith('/chat')).sort((a, b) => a.createdAt - b.createdAt)[1]!;
    const inCount = () => panel.evaluate((id: string) => Number(document.querySelector(`[data-testid="connection-row"][data-connection-id="${id}"] [data-testid="messages-in"]`)?.textContent), chat.id);
    const before = await inCount();
    await panel.evaluate(() => (document.querySelector('[data-testid="pause-view"]') as HTMLElement).click());
    await page.evaluate(() => (window as unknown as ChatWindow).say(3));
    await ib.flush();
    await until(() => document.querySelector('[data-testid="paused-note"]')?.textContent?.includes('6 new events'), 'the paused view to count 6 new events');
    expect(await inCount()).toBe(before);
    await panel.evaluate(() => (document.querySelector('[data-testid="pause-view"]') as HTMLElement).click());
    await waitFor(async () => (await inCount()) === before + 3, 'the chat echoes to appear on resume');
  });
});
