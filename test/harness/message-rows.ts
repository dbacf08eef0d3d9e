// Reading the panel's virtual message list: only the rows in view exist in the DOM, so a test
// that wants every row scrolls through the list and collects them by seq.
import type { Frame } from 'puppeteer-core';
import { waitFor } from './waits';

export interface ShownRow {
  seq: number;
  dir: string;
  sse: string;
  sseId: string;
  data: string;
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
        const count = Number(el.closest('[data-testid="message-list"]')?.getAttribute('data-count'));
        if (count === 0) return true;
        const tops = rows.map((r) => Number(/translateY\((-?[\d.]+)px\)/.exec(r.style.transform)?.[1] ?? NaN));
        const rowHeight = rows[0]?.offsetHeight ?? 18;
        return tops.length > 0 && Math.min(...tops) <= el.scrollTop + 1 && Math.max(...tops) + rowHeight >= Math.min(el.scrollTop + el.clientHeight, count * rowHeight) - 1;
      }),
    'the message rows in view to be rendered and read',
  );
}

/** Every row of the list, top to bottom, by scrolling it a screen at a time. */
export async function allRows(panel: Frame): Promise<ShownRow[]> {
  const count = Number(await panel.$eval('[data-testid="message-list"]', (el) => el.getAttribute('data-count')));
  const bySeq = new Map<number, ShownRow>();
  await panel.$eval('.messages-scroll', (el) => (el.scrollTop = 0));
  for (;;) {
    await rowsSettled(panel);
    for (const r of await visibleRows(panel)) bySeq.set(r.seq, r);
    const atEnd = await panel.$eval('.messages-scroll', (el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += Math.max(18, el.clientHeight - 36);
      return end;
    });
    if (atEnd || bySeq.size >= count) break;
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
