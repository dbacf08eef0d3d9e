// Reading the panel's virtual message list: only the rows in view exist in the DOM, so a test
// that wants every row scrolls through the list and collects them by seq. The scroller holds a
// window of the list (row-window.ts); "Show earlier / later rows" move it.
import type { Frame } from 'puppeteer-core';
import { waitFor } from './waits';

export interface ShownRow {
  seq: number;
  dir: string;
  sse: string;
  sseId: string;
  data: string;
  /** Protocol Type and Name columns ('' when the connection's protocol is unknown). */
  type: string;
  name: string;
}

/** The rows in the DOM now (rows still being read from IndexedDB are skipped). */
export function visibleRows(panel: Frame): Promise<ShownRow[]> {
  return panel.$$eval('[data-testid="message-row"]', (rows) =>
    rows
      .filter((r) => !r.classList.contains('msg-loading'))
      .map((r) => ({
        seq: Number(r.getAttribute('data-seq')),
        dir: r.querySelector('.dir')?.textContent ?? '',
        sse: r.querySelector('.sse')?.textContent ?? '',
        sseId: r.querySelector('.sse-id')?.textContent ?? '',
        data: r.querySelector('[data-testid="message-data"]')?.textContent ?? '',
        type: r.querySelector('[data-testid="message-type"]')?.textContent ?? '',
        name: r.querySelector('[data-testid="message-name"]')?.textContent ?? '',
      }))
      .sort((a, b) => a.seq - b.seq),
  );
}

/** Waits until the rendered rows cover what is in view and are all read (no placeholders). */
export function rowsSettled(panel: Frame): Promise<boolean> {
  return waitFor(
    () =>
      panel.$eval('.messages-scroll', (el) => {
        const rows = [...el.querySelectorAll<HTMLElement>('[data-testid="message-row"]')];
        if (rows.some((r) => r.classList.contains('msg-loading'))) return false;
        const size = Number(el.closest('[data-testid="message-list"]')?.getAttribute('data-window-rows'));
        if (size === 0) return true;
        const tops = rows.map((r) => Number(/translateY\((-?[\d.]+)px\)/.exec(r.style.transform)?.[1] ?? NaN));
        const rowHeight = rows[0]?.offsetHeight ?? 18;
        // The window's rows start under the "Show earlier rows" bar, if any.
        const offset = Number(el.querySelector('.msg-rows')?.getAttribute('data-rows-offset') ?? 0);
        const from = Math.max(el.scrollTop, offset);
        const to = Math.min(el.scrollTop + el.clientHeight, offset + size * rowHeight);
        if (to <= from) return true; // only a bar in view
        return tops.length > 0 && Math.min(...tops) <= from + 1 && Math.max(...tops) + rowHeight >= to - 1;
      }),
    'the message rows in view to be rendered and read',
  );
}

const windowFirst = (panel: Frame) => panel.$eval('[data-testid="message-list"]', (el) => Number(el.getAttribute('data-window-first')));

/** Clicks "Show earlier rows" or "Show later rows" and waits for the window to move. */
export async function shiftWindow(panel: Frame, direction: 'earlier' | 'later'): Promise<number> {
  const before = await windowFirst(panel);
  // Dispatched on the element: puppeteer's mouse clicks do not reach the OOPIF panel (panel-messages.e2e.test.ts).
  await panel.$eval(`[data-testid="show-${direction}-rows"]`, (b) => (b as HTMLElement).click());
  await waitFor(async () => (await windowFirst(panel)) !== before, `the window to move ${direction}`);
  return windowFirst(panel);
}

/** Every row of the list, top to bottom, by scrolling it a screen at a time (window after window). */
export async function allRows(panel: Frame): Promise<ShownRow[]> {
  const count = Number(await panel.$eval('[data-testid="message-list"]', (el) => el.getAttribute('data-count')));
  const bySeq = new Map<number, ShownRow>();
  while (await panel.$('[data-testid="show-earlier-rows"]')) await shiftWindow(panel, 'earlier');
  await panel.$eval('.messages-scroll', (el) => (el.scrollTop = 0));
  for (;;) {
    await rowsSettled(panel);
    for (const r of await visibleRows(panel)) bySeq.set(r.seq, r);
    if (bySeq.size >= count) break;
    const atEnd = await panel.$eval('.messages-scroll', (el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += Math.max(18, el.clientHeight - 36);
      return end;
    });
    if (atEnd) {
      if (!(await panel.$('[data-testid="show-later-rows"]'))) break;
      await shiftWindow(panel, 'later');
    }
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
