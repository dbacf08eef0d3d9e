// The Faults control and the recovery verdict card in the real panel: Chromium's DevTools panel,
// and in Firefox the same panel page opened as a tab (`panel.html?tabId=N`; its toolbox has no
// automation API). A well-behaved feed client (test/pages/recovery-app.js) is dropped from the
// panel with new connections refused for 1 s; the card says it recovered with nothing missed,
// and the message list shows the fault's marks.
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchInspectedBrowser, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import { openChromiumPanel } from './harness/devtools-panel';
import type { TestServer } from './harness/servers';
import { waitFor } from './harness/waits';
import { startRecoveryServer } from './pages/recovery-server';

describe.each<BrowserName>(['chromium', 'firefox'])('Faults in the Realtime panel (%s)', (name) => {
  let server: TestServer;
  let ib: InspectedBrowser;

  beforeAll(async () => {
    server = await startRecoveryServer();
    ib = await launchInspectedBrowser({ browser: name, devtools: name === 'chromium' });
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
  });

  it('drops a WebSocket from the panel and shows the verdict card', async () => {
    const page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app?transport=ws&app=good&panel=1`);
    await waitFor(() => page.evaluate(() => (window as unknown as { feed: { seqs: number[] } }).feed.seqs.length >= 10), 'the first messages');
    let panel: Frame | Page;
    if (name === 'chromium') {
      panel = await openChromiumPanel(page, ib.extensionOrigin!);
      await (panel as Frame).page().setViewport({ width: 1200, height: 900 });
    } else {
      const tabId = await ib.tabIdOf(page);
      const panelPage = await ib.browser.newPage();
      // Firefox may never resolve a navigation to moz-extension:// over BiDi: start it and poll.
      panelPage.goto(`${ib.extensionOrigin!}/src/panel/panel.html?tabId=${tabId}`).catch(() => {});
      panel = panelPage;
    }
    // Plain evaluate-in-a-loop (waitForFunction across Firefox process swaps flaked).
    const inPanel = <T>(what: string, fn: () => T, timeoutMs?: number) => waitFor(() => panel.evaluate(fn), what, timeoutMs);
    const wsUrl = `${server.wsOrigin}/feed?app=good`;
    await inPanel('the connection, selected', () => {
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="connection-row"]')];
      rows[0]?.click();
      return document.querySelector('[data-testid="faults"]') !== null;
    });
    expect(await panel.evaluate(() => document.querySelector('[data-testid="details-url"]')?.textContent)).toBe(wsUrl);
    const note = await panel.evaluate(() => document.querySelector('[data-testid="faults-trusted-note"]')?.textContent ?? '');
    expect(note).toContain('isTrusted is false');
    expect(note).toContain('reconnecting-websocket');
    await panel.evaluate(() => {
      document.querySelector<HTMLDetailsElement>('[data-testid="faults"]')!.open = true;
      const s = document.querySelector<HTMLInputElement>('[data-testid="fault-refuse-s"]')!;
      s.value = '1';
      s.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await panel.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="fault-drop"]')!.click());
    const status = await inPanel('the fault applied', () => {
      const t = document.querySelector('[data-testid="fault-status"]')?.textContent ?? '';
      return t.includes('applied') || t.includes('Drop:') ? t : null;
    });
    expect(status).toMatch(/^Drop: applied; new connections refused until/);
    const card = await inPanel(
      'a verdict card that is judged',
      () => {
        const el = document.querySelector<HTMLElement>('[data-testid="verdict"]');
        const s = el?.getAttribute('data-status');
        return s && s !== 'waiting' ? { status: s, message: el!.querySelector('[data-testid="verdict-message"]')!.textContent } : null;
      },
      40_000,
    );
    expect(card.status).toBe('recovered');
    expect(card.message).toMatch(/^Recovered in .*; resumed from seq \d+; 0 events missed\.$/);
    // The card links its evidence: "reopened" selects the new connection and shows its open event.
    await panel.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('[data-testid="verdict-evidence"]')].find((b) => b.textContent?.startsWith('reopened'))!.click());
    await inPanel('the reopened event, shown', () => document.querySelector('[data-testid="message-row"][aria-current="true"]')?.getAttribute('data-seq') === '1');
    // Back to the dropped connection: its fault marks are rows of its message list.
    await panel.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('[data-testid="verdict-evidence"]')].find((b) => b.textContent?.startsWith('drop shown'))!.click());
    // The fault's marks are rows of the dropped connection's message list.
    await inPanel('the fault rows', () => [...document.querySelectorAll('[data-testid="message-row"]')].some((r) => (r.textContent ?? '').includes('synthetic close 1006')));
    // The page itself saw the simulated loss.
    expect(await page.evaluate(() => (window as unknown as { feed: { closes: unknown[] } }).feed.closes[0])).toEqual([1006, false]);
  });
});
