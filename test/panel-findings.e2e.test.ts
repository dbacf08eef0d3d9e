// The panel's findings, in the real Chromium DevTools: a WebSocket server that fails twice with
// 1011 while the page reconnects at once. The panel's list must say what the recorder's export
// says (same analysis, run live by the background), a click must select the evidence, and the
// replacement sockets must read as one lineage ("attempt 2", "attempt 3").

import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCloseCode } from '../src/analysis';
import { launchInspectedBrowser, type InspectedBrowser } from '../src/recorder/index';
import type { LogFinding } from '../src/contracts/session-log-format';
import { html, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';
import { openChromiumPanel } from './harness/devtools-panel';

/** Reconnects immediately whenever its socket closes (no backoff: what the storm finding is about). */
const PAGE = `<!doctype html><meta charset="utf-8"><title>findings e2e</title><script>
  window.opened = 0;
  const connect = () => {
    const ws = new WebSocket('ws://' + location.host + '/flaky');
    ws.addEventListener('open', () => window.opened++);
    ws.addEventListener('close', connect);
  };
  connect();
</script>`;

/** The first two sockets fail with 1011 after one message; the third stays up. */
const FAILURES = 2;


const isRef = (x: unknown): x is { connectionId: string; seq: number } =>
  typeof x === 'object' && x !== null && typeof (x as { connectionId?: unknown }).connectionId === 'string' && typeof (x as { seq?: unknown }).seq === 'number';

describe('Realtime panel findings in Chromium DevTools', () => {
  let server: TestServer;
  let ib: InspectedBrowser;

  beforeAll(async () => {
    let accepted = 0;
    server = await startServer({
      routes: { '/app': html(PAGE) },
      onSocket: (ws) => {
        if (++accepted > FAILURES) return;
        ws.send('hello');
        ws.close(1011, 'boom');
      },
    });
    ib = await launchInspectedBrowser({ browser: 'chromium', devtools: true });
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
  });

  it('lists the same findings as the export, selects their evidence, and shows reconnect attempts', async () => {
    const page = await ib.browser.newPage();
    await page.goto(`${server.origin}/app`);
    await page.waitForFunction((n: number) => (window as unknown as { opened: number }).opened === n, {}, FAILURES + 1);
    const tabId = await ib.tabIdOf(page);
    await ib.flush();
    const log = await ib.exportSessionLog({ tabIds: [tabId] });
    const flaky = log.connections.filter((c) => c.url === `${server.wsOrigin}/flaky`).sort((a, b) => a.createdAt - b.createdAt);
    expect(flaky).toHaveLength(FAILURES + 1);
    const kinds = new Set(log.findings.map((f) => f.kind));
    expect(kinds.has('abnormal-close')).toBe(true);
    expect(kinds.has('reconnect') || kinds.has('reconnect-storm')).toBe(true);

    const panel = await openChromiumPanel(page, ib.extensionOrigin!);
    // The background analyses on subscribe (and again after commits): the list converges to the export's.
    const want = log.findings.map((f) => f.message).sort();
    const shown = () => panel.$$eval('[data-testid="finding-message"]', (els) => els.map((e) => e.textContent ?? ''));
    await waitFor(async () => JSON.stringify([...(await shown())].sort()) === JSON.stringify(want), 'the panel to list the export’s findings').catch(async (error: unknown) => {
      throw new Error(`${String(error)}\npanel: ${JSON.stringify(await shown())}\nexport: ${JSON.stringify(want)}`);
    });

    // Problems first: errors, then warnings, then info.
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const severities = await panel.$$eval('[data-testid="finding"]', (els) => els.map((e) => e.getAttribute('data-severity') as 'error' | 'warning' | 'info'));
    expect(severities.map((s) => rank[s])).toEqual([...severities.map((s) => rank[s])].sort((a, b) => a - b));

    // Reconnects read as one lineage: attempts 2 and 3 under the first socket.
    const rows = await panel.$$eval('[data-testid="connection-row"]', (trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-connection-id'), attempt: tr.querySelector('[data-testid="attempt"]')?.textContent?.trim() ?? null })),
    );
    expect(rows.filter((r) => flaky.some((c) => c.id === r.id))).toEqual(flaky.map((c, i) => ({ id: c.id, attempt: i === 0 ? null : `↳ attempt ${i + 1}` })));
    expect(flaky.map((c) => c.attempt)).toEqual([1, 2, 3]);

    // Badges: the number of warning/error findings naming each connection, as in the export.
    for (const c of flaky) {
      const expected = log.findings.filter((f) => f.severity !== 'info' && f.connectionIds.includes(c.id)).length;
      const badge = await panel.$eval(`[data-testid="connection-row"][data-connection-id="${c.id}"]`, (tr) => tr.querySelector('[data-testid="finding-badge"]')?.textContent ?? '');
      expect(badge).toBe(expected === 0 ? '' : `▲ ${expected}`);
    }

    // Clicking a finding selects its connection and highlights the event its evidence names.
    const target = log.findings.find((f) => f.kind === 'abnormal-close' && f.connectionIds[0] === flaky[1]!.id) ?? log.findings.find((f) => f.kind === 'abnormal-close')!;
    const connectionId = target.connectionIds[0]!;
    await panel.click(`[data-testid="finding"][data-finding-id="${target.id}"]`);
    await panel.waitForFunction(
      (id: string) => document.querySelector(`[data-testid="connection-row"][data-connection-id="${id}"]`)?.getAttribute('aria-selected') === 'true',
      {},
      connectionId,
    );
    const ref = firstRef(target, connectionId); // abnormal-close names its close event
    expect(ref).toBeDefined();
    await panel.waitForFunction((seq: number) => document.querySelector('[data-testid="message-row"].focused')?.getAttribute('data-seq') === String(seq), {}, ref!.seq);
    expect(await panel.$$eval('[data-testid="message-row"].focused', (rows) => rows.length)).toBe(1);
    // The summary names the close code with its meaning.
    const close = flaky.find((c) => c.id === connectionId)!.close!;
    expect(close.code).toBe(1011);
    await panel.waitForFunction((text: string) => document.querySelector('[data-testid="close-info"]')?.textContent?.includes(text), {}, describeCloseCode(1011));
    const attempt = flaky.findIndex((c) => c.id === connectionId) + 1;
    if (attempt > 1) expect(await panel.$eval('[data-testid="lineage-info"]', (e) => e.textContent)).toContain(`attempt ${attempt}`);
  });
});

/** The first `{ connectionId, seq }` of the finding's evidence on that connection. */
function firstRef(f: LogFinding, connectionId: string): { connectionId: string; seq: number } | undefined {
  const out: Array<{ connectionId: string; seq: number }> = [];
  const visit = (x: unknown): void => {
    if (isRef(x)) out.push(x);
    else if (Array.isArray(x)) x.forEach(visit);
    else if (typeof x === 'object' && x !== null) Object.values(x).forEach(visit);
  };
  visit(f.evidence);
  return out.find((r) => r.connectionId === connectionId);
}
