// Shared by the findings scenarios: open a scenario page in its own tab, wait until the page says
// the scenario is over, and export just that tab (or several tabs) once every event the page saw
// is stored.
import type { Page } from 'puppeteer-core';
import type { InspectedBrowser } from '../../src/recorder/index';
import type { LogFinding, SessionLog } from '../../src/contracts/session-log-format';
import { waitFor } from '../harness/waits';

/** What a scenario page publishes as `window.scenario`. */
export interface PageState {
  done: boolean;
  /** Events the page's own listeners received (open, message, error, close) — the log must hold at least these. */
  events: number;
  [key: string]: unknown;
}

export async function openScenario(inspected: InspectedBrowser, url: string, timeoutMs = 30_000): Promise<{ page: Page; tabId: number }> {
  const page = await inspected.browser.newPage();
  await page.goto(url);
  await waitUntilDone(page, timeoutMs);
  return { page, tabId: await inspected.tabIdOf(page) };
}

export async function pageState(page: Page): Promise<PageState> {
  // A plain evaluate in a loop (not waitForFunction): steadier in Firefox, where waitForFunction flaked across process swaps.
  return page.evaluate(() => (window as unknown as { scenario: PageState }).scenario);
}

export async function waitUntilDone(page: Page, timeoutMs = 30_000): Promise<PageState> {
  return waitFor(async () => {
    const s = await pageState(page);
    return s?.done ? s : undefined;
  }, `the scenario on ${page.url()} to finish`, timeoutMs, 100);
}

/** Exports the tabs once the log holds at least `minEvents` events. */
export async function exportTabs(inspected: InspectedBrowser, tabIds: number[], minEvents: number): Promise<SessionLog> {
  let log: SessionLog | undefined;
  try {
    await waitFor(async () => {
      log = await inspected.exportSessionLog({ tabIds });
      return log.events.length >= minEvents;
    }, `${minEvents} events of tabs ${tabIds.join(', ')} to be stored`, 20_000, 200);
  } catch (error) {
    const got = log ? `${log.connections.length} connections, ${log.events.length} events (${log.events.map((e) => e.type).join(' ')})` : 'no export';
    throw new Error(`${String(error)}; the last export had ${got}`);
  }
  return log!;
}

export const ofKind = (log: SessionLog, kind: string): LogFinding[] => log.findings.filter((f) => f.kind === kind);
export const aboveInfo = (log: SessionLog): LogFinding[] => log.findings.filter((f) => f.severity !== 'info');
export const connectionsTo = (log: SessionLog, path: string) => log.connections.filter((c) => new URL(c.url).pathname === path);

/** The events of one connection, in order. */
export const eventsOf = (log: SessionLog, connectionId: string) =>
  log.events.filter((e) => e.connectionId === connectionId).sort((a, b) => a.seq - b.seq);

/** `window.scenario` bookkeeping every page starts with (events counts what its listeners saw). */
export const PAGE_PRELUDE = `window.scenario = { done: false, events: 0 };
const count = () => { window.scenario.events++; };`;

export const page = (script: string): string => `<!doctype html><title>scenario</title><script>
${PAGE_PRELUDE}
${script}
</script>`;
