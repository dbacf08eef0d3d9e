// The message list of the Realtime panel in the real Chromium DevTools: a WebSocket that carries
// JSON orders, a binary frame and ping/pong heartbeats, then a burst of thousands of rows.
// Regex filter (count and rows, run by the filter worker), hide heartbeats, JSON tree, hex view,
// copy, keyboard, and a long virtual list (last row shown, few DOM rows, jump to latest). Then a
// list longer than its window (`?maxRows=`, row-window.ts) in Chromium and Firefox.

import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchInspectedBrowser, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import { openChromiumPanel } from './harness/devtools-panel';
import { allRows, rowsSettled, shiftWindow, visibleRows } from './harness/message-rows';
import { html, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';

const ORDERS = 5;
const PINGS = 6;
const BINARY = Buffer.from([0x48, 0x69, 0x00, 0xff, 0x10, 0x7f, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x0a]);
const BULK = 5000;

/** The page answers every ping with a pong (as apps do) and asks for the burst on demand. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>messages e2e</title><script>
  const ws = new WebSocket('ws://' + location.host + '/feed');
  ws.binaryType = 'arraybuffer';
  window.received = 0;
  ws.addEventListener('message', (e) => {
    window.received++;
    if (e.data === '{"type":"ping"}') ws.send('{"type":"pong"}');
  });
  window.ask = (what) => ws.send(what);
</script>`;

const order = (id: number) => JSON.stringify({ type: 'order', id, item: { sku: `A-${id}`, qty: id * 2 }, tags: ['x', 'y'] });

interface TestWindow {
  received: number;
  ask(what: string): void;
}

describe('Realtime panel messages in Chromium DevTools', () => {
  let server: TestServer;
  let ib: InspectedBrowser;
  let page: Page;
  let panel: Frame;

  beforeAll(async () => {
    server = await startServer({
      routes: { '/app': html(PAGE) },
      onSocket: (ws) => {
        for (let i = 1; i <= ORDERS; i++) {
          ws.send(order(i));
          ws.send('{"type":"ping"}');
        }
        ws.send('{"type":"ping"}');
        ws.send(BINARY, { binary: true });
        ws.send('status ok');
        ws.on('message', (data) => {
          const text = String(data);
          if (text === 'bulk') {
            for (let i = 1; i <= BULK; i++) ws.send(`row-${i}`);
            ws.send('bulk-done');
          } else if (text === 'more') {
            for (let i = 1; i <= 10; i++) ws.send(`more-${i}`);
          }
        });
      },
    });
    ib = await launchInspectedBrowser({ browser: 'chromium', devtools: true });
    page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app`);
    // Orders + pings + binary + status.
    await page.waitForFunction((n: number) => (window as unknown as TestWindow).received >= n, {}, ORDERS + PINGS + 2);
    panel = await openChromiumPanel(page, ib.extensionOrigin!);
    // Room for the list and the detail pane (the default DevTools window is 800×600).
    await panel.page().setViewport({ width: 1200, height: 900 });
    const wsUrl = `${server.wsOrigin}/feed`;
    await panel.waitForSelector(`[data-testid="connection-row"][data-url="${wsUrl}"]`);
    await panel.click(`[data-testid="connection-row"][data-url="${wsUrl}"]`);
    // All of it shown: open + 6 pings/pongs each way + orders + binary + status.
    await waitFor(async () => (await totalShown()) === 1 + ORDERS + 2 * PINGS + 2, 'every event to be counted');
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
  });

  const totalShown = () => panel.$eval('[data-testid="match-count"]', (el) => Number(el.getAttribute('data-total')));
  const matchCount = () => panel.$eval('[data-testid="match-count"]', (el) => ({ matches: Number(el.getAttribute('data-matches')), done: el.getAttribute('data-done') === 'true', text: el.textContent }));
  async function setFilter(text: string): Promise<void> {
    await panel.$eval('[data-testid="filter-input"]', (el) => {
      (el as HTMLInputElement).value = '';
    });
    await panel.type('[data-testid="filter-input"]', text);
  }
  /**
   * Clicks in the panel by dispatching the click on the element: puppeteer's mouse clicks on the
   * virtual rows of this OOPIF panel never reached its document (no pointer event at all), while
   * the same coordinates hit-test to the row (document.elementFromPoint).
   */
  const click = (selector: string) => panel.$eval(selector, (el) => (el as HTMLElement).click());
  /** Finds the row showing `data` (scrolling through the list) and scrolls it into view. */
  async function rowOf(data: string) {
    const row = await waitFor(async () => (await allRows(panel)).find((r) => r.data === data), `a row "${data}"`);
    const index = await panel.$eval('[data-testid="match-count"]', (el, seq) => (el.getAttribute('data-total') === el.getAttribute('data-matches') ? seq - 1 : -1), row.seq);
    if (index >= 0) await panel.$eval('.messages-scroll', (el, top) => (el.scrollTop = top - el.clientHeight / 2), index * 18);
    return waitFor(async () => (await visibleRows(panel)).find((r) => r.data === data), `the row "${data}" in view`);
  }

  it('filters with a regex in the worker: match count, matching rows, highlighted matches', async () => {
    await setFilter('/"id":[24],/');
    await waitFor(async () => {
      const c = await matchCount();
      return c.done && c.matches === 2;
    }, 'the regex to match the two orders');
    expect((await matchCount()).text).toBe(`2 of ${await totalShown()}`);
    await rowsSettled(panel);
    const rows = await visibleRows(panel);
    expect(rows.map((r) => JSON.parse(r.data).id)).toEqual([2, 4]);
    expect(await panel.$$eval('[data-testid="message-row"] mark', (m) => m.map((x) => x.textContent))).toEqual(['"id":2,', '"id":4,']);
    // The filter ran in the worker and left timing marks for the benchmark.
    expect(await panel.evaluate(() => ['ri:first-rows', 'ri:filter-first', 'ri:filter-done'].map((n) => performance.getEntriesByName(n).length > 0))).toEqual([true, true, true]);

    // An invalid regex says so inline and filters nothing; the panel keeps working.
    await setFilter('/(order/');
    await panel.waitForSelector('[data-testid="filter-error"]');
    expect(await panel.$eval('[data-testid="filter-input"]', (el) => el.getAttribute('aria-invalid'))).toBe('true');
    expect((await matchCount()).text).toBe(`${await totalShown()} events`);

    // Esc in the box clears it.
    await panel.focus('[data-testid="filter-input"]');
    await panel.page().keyboard.press('Escape');
    await waitFor(async () => (await panel.$eval('[data-testid="filter-input"]', (el) => (el as HTMLInputElement).value)) === '', 'Esc to clear the filter');
    expect(await panel.$('[data-testid="filter-error"]')).toBeNull();
  });

  it('hides heartbeats, counting them, and filters by direction', async () => {
    await panel.click('[data-testid="hide-heartbeats"]');
    await waitFor(async () => (await matchCount()).done && (await matchCount()).matches === (await totalShown()) - 2 * PINGS, 'pings and pongs hidden');
    expect(await panel.$eval('[data-testid="heartbeats-hidden"]', (el) => [el.getAttribute('data-count'), el.textContent])).toEqual([String(2 * PINGS), `${2 * PINGS} heartbeats hidden`]);
    const rows = await allRows(panel);
    expect(rows.some((r) => /ping|pong/.test(r.data))).toBe(false);
    expect(rows.map((r) => r.data)).toContain('status ok');
    await panel.click('[data-testid="hide-heartbeats"]');

    // Sent only: the pongs.
    await panel.select('[data-testid="direction-filter"]', 'out');
    await waitFor(async () => (await matchCount()).done && (await matchCount()).matches === PINGS, 'only the sent pongs');
    expect((await allRows(panel)).every((r) => r.dir === '↑' && r.data === '{"type":"pong"}')).toBe(true);
    await panel.select('[data-testid="direction-filter"]', 'all');
    await waitFor(async () => (await matchCount()).text === `${await totalShown()} events`, 'the filter to be off');
  });

  it('opens a JSON message as a tree, expands a node, and copies it', async () => {
    const row = await rowOf(order(3));
    await click(`[data-testid="message-row"][data-seq="${row.seq}"]`);
    await panel.waitForSelector(`[data-testid="message-detail"][data-seq="${row.seq}"] [data-testid="json-tree"]`);
    // Root open, its children collapsed: "item" shows no "sku" until expanded.
    expect(await panel.$('[data-testid="json-node"][data-key="sku"]')).toBeNull();
    await click('button[aria-label="Expand item"]');
    const sku = await panel.waitForSelector('[data-testid="json-node"][data-key="sku"]');
    expect(await sku!.evaluate((el) => el.textContent)).toBe('sku: "A-3"');
    expect(await panel.$eval('[data-testid="json-node"][data-key="item"]', (el) => el.getAttribute('aria-expanded'))).toBe('true');

    await click('[data-testid="copy-json"]');
    await waitFor(() => panel.evaluate(() => window.__riLastCopy), 'a copy');
    expect(await panel.evaluate(() => window.__riLastCopy)).toBe(JSON.stringify(JSON.parse(order(3)), null, 2));
    await click('[data-testid="copy-message"]');
    await waitFor(async () => (await panel.evaluate(() => window.__riLastCopy)) === order(3), 'the raw message copied');
  });

  it('shows a binary message as a hex dump', async () => {
    const row = await rowOf(`binary ${BINARY.length} bytes`);
    await click(`[data-testid="message-row"][data-seq="${row.seq}"]`);
    const hex = await panel.waitForSelector(`[data-testid="message-detail"][data-seq="${row.seq}"] [data-testid="hex-view"]`);
    expect((await hex!.evaluate((el) => el.textContent))!.split('\n')).toEqual([
      '00000000  48 69 00 ff 10 7f 41 42  43 44 45 46 47 48 49 4a  Hi....ABCDEFGHIJ',
      '00000010  4b 0a                                             K.',
    ]);
  });

  it('moves the selection with the keyboard, Enter opens the detail, Esc closes it, Ctrl+F focuses the filter', async () => {
    const first = await rowOf('status ok');
    await click(`[data-testid="message-row"][data-seq="${first.seq}"]`);
    await panel.focus('.messages-scroll');
    await panel.page().keyboard.press('Escape');
    await waitFor(async () => (await panel.$('[data-testid="message-detail"]')) === null, 'Esc to close the detail');
    await panel.page().keyboard.press('ArrowUp');
    await waitFor(async () => (await panel.$eval('[data-testid="message-row"][aria-selected="true"]', (el) => Number(el.getAttribute('data-seq')))) === first.seq - 1, 'ArrowUp to select the row above');
    await panel.page().keyboard.press('Enter');
    await panel.waitForSelector(`[data-testid="message-detail"][data-seq="${first.seq - 1}"] [data-testid="hex-view"]`);
    // Ctrl+C copies the selected message's raw payload (base64 for binary).
    await panel.focus('.messages-scroll');
    await panel.page().keyboard.down('Control');
    await panel.page().keyboard.press('c');
    await panel.page().keyboard.up('Control');
    await waitFor(async () => (await panel.evaluate(() => window.__riLastCopy)) === BINARY.toString('base64'), 'Ctrl+C to copy the binary payload');
    await panel.page().keyboard.down('Control');
    await panel.page().keyboard.press('f');
    await panel.page().keyboard.up('Control');
    await waitFor(() => panel.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'filter-input'), 'Ctrl+F to focus the filter');
    // Esc in the list closes the detail.
    await panel.focus('.messages-scroll');
    await panel.page().keyboard.press('Escape');
    await waitFor(async () => (await panel.$('[data-testid="message-detail"]')) === null, 'Esc to close the detail');
  });

  it('scrolls a long list virtually: last row shown, few DOM rows, jump to latest, filter over all of it', async () => {
    // Back to following the live end (earlier steps scrolled away from it).
    if (await panel.$('[data-testid="jump-latest"]')) await click('[data-testid="jump-latest"]');
    await page.evaluate(() => (window as unknown as TestWindow).ask('bulk'));
    const base = 1 + ORDERS + 2 * PINGS + 2;
    const total = base + 1 + BULK + 1; // + the request + the rows + "bulk-done"
    await waitFor(async () => (await totalShown()) === total, `${total} events`, 60_000);
    // Stuck to the bottom while live: the last event is in view.
    const lastShown = async () => {
      await rowsSettled(panel);
      return (await visibleRows(panel)).at(-1);
    };
    await waitFor(async () => (await lastShown())?.seq === total, 'the last row in view');
    expect((await lastShown())!.data).toBe('bulk-done');
    expect(await panel.$$eval('[data-testid="message-row"]', (r) => r.length)).toBeLessThan(80);

    // Scroll to the top: the first rows are read from IndexedDB; the list stops following.
    await panel.$eval('.messages-scroll', (el) => (el.scrollTop = 0));
    await rowsSettled(panel);
    expect((await visibleRows(panel))[0]?.seq).toBe(1);
    await panel.waitForSelector('[data-testid="jump-latest"]');
    await page.evaluate(() => (window as unknown as TestWindow).ask('more'));
    await waitFor(async () => (await totalShown()) === total + 11, 'the 11 new events');
    // Still at the top, and told how many arrived meanwhile.
    expect((await visibleRows(panel))[0]?.seq).toBe(1);
    await waitFor(async () => (await panel.$eval('[data-testid="jump-latest"]', (b) => b.textContent)) === 'Jump to latest (11 new)', 'the new-rows count');
    await click('[data-testid="jump-latest"]');
    await waitFor(async () => (await lastShown())?.data === 'more-10', 'the latest row in view');
    expect(await panel.$('[data-testid="jump-latest"]')).toBeNull();

    // Filtering the whole connection (several IndexedDB chunks) in the worker.
    await setFilter('/^row-49\\d\\d$/');
    await waitFor(async () => (await matchCount()).done && (await matchCount()).matches === 100, 'rows 4900–4999', 30_000);
    const rows = await allRows(panel);
    expect(rows.map((r) => r.data)).toEqual(Array.from({ length: 100 }, (_, i) => `row-${4900 + i}`));
  });
});

// Firefox: the toolbox's panel DOM is out of reach (see panel.e2e.test.ts), so the same panel page
// is opened as a plain extension tab (`panel.html?tabId=N`, the same code and build) to check
// that the filter worker loads and scans IndexedDB in dist/firefox too.
describe('Realtime panel messages in Firefox (panel page as a tab)', () => {
  let server: TestServer;
  let ib: InspectedBrowser;

  beforeAll(async () => {
    server = await startServer({
      routes: { '/app': html(PAGE) },
      onSocket: (ws) => {
        for (let i = 1; i <= ORDERS; i++) ws.send(order(i));
        ws.send('status ok');
      },
    });
    ib = await launchInspectedBrowser({ browser: 'firefox' });
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
  });

  it('filters with a regex in the worker', async () => {
    const page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app`);
    await page.waitForFunction((n: number) => (window as unknown as TestWindow).received >= n, {}, ORDERS + 1);
    const tabId = await ib.tabIdOf(page);
    const panelPage = await ib.browser.newPage();
    // Firefox may never resolve a navigation to moz-extension:// over BiDi: start it and poll.
    panelPage.goto(`${ib.extensionOrigin!}/src/panel/panel.html?tabId=${tabId}`).catch(() => {});
    // Plain evaluate-in-a-loop (waitForFunction across Firefox process swaps flaked about one run in ten).
    const inPanel = <T>(what: string, fn: () => T) => waitFor(() => panelPage.evaluate(fn), what);
    await inPanel('the connection row', () => {
      const row = document.querySelector<HTMLElement>('[data-testid="connection-row"]');
      row?.click();
      return document.querySelector('[data-testid="filter-input"]') !== null;
    });
    await inPanel('every event counted', () => document.querySelector('[data-testid="match-count"]')?.getAttribute('data-total') === '7');
    await panelPage.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="filter-input"]')!;
      input.value = '/"id":[24],/';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await inPanel('the worker’s matches', () => {
      const c = document.querySelector('[data-testid="match-count"]');
      return c?.getAttribute('data-done') === 'true' && c.getAttribute('data-matches') === '2';
    });
    const rows = await panelPage.$$eval('[data-testid="message-row"] [data-testid="message-data"]', (d) => d.map((x) => x.textContent));
    expect(rows.map((r) => JSON.parse(r!).id)).toEqual([2, 4]);
    expect(await panelPage.evaluate(() => performance.getEntriesByName('ri:filter-done').length)).toBe(1);
  });
});

// A list longer than the scroller may be (browsers cap an element's height: Firefox could not
// reach the rows past ~994,000 of a connection). The panel page is opened as a tab with
// `?maxRows=1000`, so 3,000 messages cross windows the way 1,000,000 do at the default 500,000.
describe.each<BrowserName>(['chromium', 'firefox'])('Realtime panel messages past the window of %s (panel page as a tab, ?maxRows=1000)', (browserName) => {
  const MAX = 1000;
  const ROWS = 3000;
  let server: TestServer;
  let ib: InspectedBrowser;
  let page: Page;
  let panel: Frame;

  beforeAll(async () => {
    server = await startServer({
      routes: { '/app': html(PAGE) },
      onSocket: (ws) => {
        ws.send('hello');
        ws.on('message', (data) => {
          const text = String(data);
          if (text === 'bulk') for (let i = 1; i <= ROWS; i++) ws.send(`row-${i}`);
          else if (text.startsWith('more')) for (let i = 1; i <= 10; i++) ws.send(`${text}-${i}`);
        });
      },
    });
    ib = await launchInspectedBrowser({ browser: browserName });
    page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app`);
    await waitFor(() => page.evaluate(() => (window as unknown as TestWindow).received >= 1), 'the socket to open');
    const tabId = await ib.tabIdOf(page);
    const panelPage = await ib.browser.newPage();
    // Firefox may never resolve a navigation to moz-extension:// over BiDi: start it and poll.
    panelPage.goto(`${ib.extensionOrigin!}/src/panel/panel.html?tabId=${tabId}&maxRows=${MAX}`).catch(() => {});
    await panelPage.setViewport({ width: 1200, height: 900 });
    panel = panelPage.mainFrame();
    await waitFor(
      () =>
        panel.evaluate(() => {
          document.querySelector<HTMLElement>('[data-testid="connection-row"]')?.click();
          return document.querySelector('[data-testid="message-list"]') !== null;
        }),
      'the connection’s message list',
    );
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
  });

  const list = () =>
    panel.$eval('[data-testid="message-list"]', (el) => ({
      count: Number(el.getAttribute('data-count')),
      first: Number(el.getAttribute('data-window-first')),
      rows: Number(el.getAttribute('data-window-rows')),
    }));
  const ask = (what: string) => page.evaluate((w: string) => (window as unknown as TestWindow).ask(w), what);
  const lastShown = async () => {
    await rowsSettled(panel);
    return (await visibleRows(panel)).at(-1);
  };
  const firstShown = async () => {
    await rowsSettled(panel);
    return (await visibleRows(panel))[0];
  };
  /** Where a row is drawn relative to the top of the scroller's viewport (px). */
  const rowOffset = (seq: number) =>
    panel.$eval('.messages-scroll', (el, s) => {
      const row = el.querySelector<HTMLElement>(`[data-testid="message-row"][data-seq="${s}"]`);
      return row ? Number(/translateY\((-?[\d.]+)px\)/.exec(row.style.transform)?.[1]) - el.scrollTop : null;
    }, seq);
  const selectedSeq = () => panel.$eval('[data-testid="message-row"][aria-selected="true"]', (el) => Number(el.getAttribute('data-seq'))).catch(() => null);
  const click = (selector: string) => panel.$eval(selector, (el) => (el as HTMLElement).click());

  it('shows the newest window live: the last row in view, a bounded scroller, few DOM rows', async () => {
    await ask('bulk');
    const total = 1 + 1 + 1 + ROWS; // open + hello + the request + the rows
    await waitFor(async () => (await list()).count === total, `${total} rows`, 60_000);
    await waitFor(async () => (await lastShown())?.seq === total, 'the last row in view');
    expect((await lastShown())!.data).toBe(`row-${ROWS}`);
    expect(await list()).toEqual({ count: total, first: total - MAX, rows: MAX });
    // The scroller is as tall as the window (+ its bar), not as the connection.
    const height = await panel.$eval('.messages-scroll', (el) => el.scrollHeight);
    // (+1: Firefox rounds scrollHeight up when the scroller's own height is fractional, as it is
    // below the Faults control: 488.6 px measured.)
    expect(height).toBeLessThanOrEqual(MAX * 18 + 24 + 1);
    expect(height).toBeGreaterThanOrEqual(MAX * 18);
    expect(await panel.$$eval('[data-testid="message-row"]', (r) => r.length)).toBeLessThan(80);
    expect(await panel.$eval('[data-testid="show-earlier-rows"]', (b) => b.textContent)).toBe(`Show earlier rows (${(total - MAX).toLocaleString('en-US')} more)`);
    expect(await panel.$('[data-testid="show-later-rows"]')).toBeNull();

    // Live growth while at the bottom: the window moves forward with it.
    await ask('more-a');
    await waitFor(async () => (await lastShown())?.data === 'more-a-10', 'the new last row in view');
    expect(await list()).toEqual({ count: total + 11, first: total + 11 - MAX, rows: MAX });
  });

  it('keeps the window still while the user reads elsewhere in it', async () => {
    const before = await list();
    await panel.$eval('.messages-scroll', (el) => (el.scrollTop = 0));
    expect((await firstShown())!.seq).toBe(before.first + 1);
    await waitFor(() => panel.$('[data-testid="jump-latest"]'), 'the jump-to-latest button');
    await ask('more-b');
    await waitFor(async () => (await list()).count === before.count + 11, 'the 11 new rows');
    expect((await list()).first).toBe(before.first);
    expect((await firstShown())!.seq).toBe(before.first + 1);
    expect(await panel.$eval('[data-testid="show-later-rows"]', (b) => b.getAttribute('data-rows'))).toBe('11');
    await waitFor(async () => (await panel.$eval('[data-testid="jump-latest"]', (b) => b.textContent)) === 'Jump to latest (11 new)', 'the new-rows count');
  });

  it('"Show earlier rows" keeps the row in view where it was, and reaches seq 1', async () => {
    const { first } = await list();
    const seq = first + 1; // the window's first row, under the bar
    const offset = await rowOffset(seq);
    expect(offset).toBe(24);
    expect(await shiftWindow(panel, 'earlier')).toBe(first - MAX / 2);
    await rowsSettled(panel);
    expect(await rowOffset(seq)).toBe(offset);
    let shifts = 1;
    while (await panel.$('[data-testid="show-earlier-rows"]')) {
      await panel.$eval('.messages-scroll', (el) => (el.scrollTop = 0));
      await shiftWindow(panel, 'earlier');
      shifts++;
    }
    expect(shifts).toBe(Math.ceil(first / (MAX / 2)));
    await panel.$eval('.messages-scroll', (el) => (el.scrollTop = 0));
    expect((await firstShown())!.seq).toBe(1);
    expect((await list()).first).toBe(0);
    expect(Number(await panel.$eval('[data-testid="show-later-rows"]', (b) => b.getAttribute('data-rows')))).toBe((await list()).count - MAX);
  });

  it('moves the window with the keyboard: End to the last row, Home to the first', async () => {
    const { count } = await list();
    await click('[data-testid="message-row"][data-seq="1"]');
    await panel.focus('.messages-scroll');
    await panel.page().keyboard.press('End');
    await waitFor(async () => (await selectedSeq()) === count, 'End to select the last row');
    await waitFor(async () => (await lastShown())?.seq === count, 'the last row in view');
    expect((await list()).first).toBe(count - MAX);
    await panel.page().keyboard.press('Home');
    await waitFor(async () => (await selectedSeq()) === 1, 'Home to select the first row');
    expect((await firstShown())!.seq).toBe(1);
    expect((await list()).first).toBe(0);
    // PgDn moves on inside the window.
    await panel.page().keyboard.press('PageDown');
    await waitFor(async () => (await selectedSeq()) === 21, 'PgDn to move 20 rows');
    await panel.page().keyboard.press('Escape');
    await waitFor(async () => (await panel.$('[data-testid="message-detail"]')) === null, 'the detail closed');
  });

  it('jumps back to the live end, and a filter with more matches than the window lists them all', async () => {
    await click('[data-testid="jump-latest"]');
    const { count } = await list();
    await waitFor(async () => (await lastShown())?.seq === count, 'the latest row in view');
    expect((await list()).first).toBe(count - MAX);

    await panel.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="filter-input"]')!;
      input.value = '/^row-\\d*[02468]$/';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await waitFor(
      () => panel.$eval('[data-testid="match-count"]', (el) => el.getAttribute('data-done') === 'true' && el.getAttribute('data-matches') === String(1500)),
      'the 1,500 even rows',
      30_000,
    );
    expect((await list()).rows).toBe(MAX);
    // Reading every match back through all windows, a screen at a time, in both browsers. The
    // rows of a scrolled virtual list render on the next frame; Firefox throttles frames of a tab
    // that is not in front (its refresh driver), and with the app's tab in front this walk stalls
    // every time (tried: 120 s timeout on the first screen) — the Firefox stall seen under CI
    // load. So the panel's tab is brought to the front first.
    await panel.page().bringToFront();
    const rows = await allRows(panel);
    expect(rows.map((r) => r.data)).toEqual(Array.from({ length: ROWS / 2 }, (_, i) => `row-${2 * (i + 1)}`));
  });
});
