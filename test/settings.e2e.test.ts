// Options page and storage limits, end to end in Chromium (and the options page in Firefox):
// - a settings change applies to recording at once, without reloading the extension;
// - the QUOTA test: a real storage quota (CDP Storage.overrideQuotaForOrigin on the extension's
//   origin) is filled past its limit during capture: capture continues, the oldest sessions go
//   first, the notice appears in the panel, and the newest session stays intact.

import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchInspectedBrowser, type InspectedBrowser } from '../src/recorder/index';
import type { SessionLog } from '../src/contracts/session-log-format';
import { openChromiumPanel } from './harness/devtools-panel';
import { html, startServer, type TestServer } from './harness/servers';
import { waitFor } from './harness/waits';

// A page that opens WebSockets on demand; the server echoes text and, on "burst n size", sends n
// messages of `size` random (incompressible) characters, numbered "i:" so the test can check them.
const APP = html(`<!doctype html><meta charset="utf-8"><title>settings e2e</title><script>
  window.sockets = {};
  window.received = {};
  window.openWs = (tag) => new Promise((resolve, reject) => {
    const ws = new WebSocket('ws://' + location.host + '/ws?tag=' + tag);
    window.sockets[tag] = ws;
    window.received[tag] = [];
    ws.onmessage = (e) => window.received[tag].push(e.data);
    ws.onopen = () => resolve(true);
    ws.onerror = () => reject(new Error('ws error'));
  });
  /** Sends text and resolves once the server has sent back \`expect\` more messages. */
  window.request = (tag, text, expect) => new Promise((resolve) => {
    const want = window.received[tag].length + expect;
    const check = () => (window.received[tag].length >= want ? resolve(window.received[tag].length) : setTimeout(check, 10));
    window.sockets[tag].send(text);
    check();
  });
</script>`);

interface AppWindow {
  openWs(tag: string): Promise<boolean>;
  request(tag: string, text: string, expect: number): Promise<number>;
  received: Record<string, string[]>;
}

async function startAppServer(): Promise<TestServer> {
  return startServer({
    routes: { '/app': APP },
    onSocket(ws) {
      ws.on('message', (data) => {
        const text = data.toString();
        const burst = /^burst (\d+) (\d+) (\w+)$/.exec(text);
        if (!burst) {
          ws.send(text);
          return;
        }
        const [n, size, prefix] = [Number(burst[1]), Number(burst[2]), burst[3]!];
        for (let i = 1; i <= n; i++) ws.send(`${prefix}:${i}:${randomBytes(Math.ceil((size * 3) / 4)).toString('base64').slice(0, size)}`);
      });
    },
  });
}

async function openApp(ib: InspectedBrowser, server: TestServer, name: string): Promise<Page> {
  const page = await ib.browser.newPage();
  await page.goto(`${server.origin}/app?${name}`);
  return page;
}

const openWs = (page: Page, tag: string) => page.evaluate((t) => (window as unknown as AppWindow).openWs(t), tag);
const request = (page: Page, tag: string, text: string, expect: number) => page.evaluate((t, x, n) => (window as unknown as AppWindow).request(t, x, n), tag, text, expect);

const urlsOf = (log: SessionLog) => log.connections.map((c) => new URL(c.url).searchParams.get('tag'));

async function openOptions(ib: InspectedBrowser): Promise<Page> {
  const page = await ib.browser.newPage();
  page.goto(`${ib.extensionOrigin}/src/options/options.html`).catch(() => {});
  await waitFor(() => page.evaluate(() => document.documentElement.dataset.ready === 'true'), 'the options page to be ready', 30_000, 100);
  return page;
}

/** Replaces a text setting's value the way a user does (select all, type, leave the field). */
async function setText(page: Page, id: string, text: string): Promise<void> {
  await page.focus(`#${id}`);
  await page.evaluate((i) => (document.getElementById(i) as HTMLInputElement | HTMLTextAreaElement).select(), id);
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
  await page.evaluate((i) => (document.getElementById(i) as HTMLElement).blur(), id);
}

async function storedSettings(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    return ((await c.storage.local.get('ri:settings'))['ri:settings'] ?? {}) as Record<string, unknown>;
  });
}

describe('options page in Chromium', () => {
  let server: TestServer;
  let ib: InspectedBrowser;

  beforeAll(async () => {
    server = await startAppServer();
    ib = await launchInspectedBrowser({ browser: 'chromium' });
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
  });

  it('every control is labelled; bad input is explained inline and not saved; a change applies to recording at once', async () => {
    const options = await openOptions(ib);
    // Every form control has an accessible name.
    const unnamed = await options.$$eval('input, textarea, button', (els) =>
      els.filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label') && !(el.textContent ?? '').trim()).map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);

    const app = await openApp(ib, server, 'scope');
    await openWs(app, 'before');
    await request(app, 'before', 'hello', 1);

    // A URL instead of a host: explained next to the field, nothing saved.
    await setText(options, 'excluded-sites', 'http://127.0.0.1/app');
    const error = await options.waitForSelector('[data-testid="excluded-sites-error"]');
    expect(await error!.evaluate((e) => e.textContent)).toBe('Line 1: "http://127.0.0.1/app" looks like a URL: enter only the host, such as 127.0.0.1.');
    expect((await storedSettings(options)).excludedSites ?? []).toEqual([]);

    // Exclude 127.0.0.1: new connections of the open page are no longer recorded.
    await setText(options, 'excluded-sites', '127.0.0.1');
    await options.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent === 'Saved');
    expect(await options.$('[data-testid="excluded-sites-error"]')).toBeNull();
    expect((await storedSettings(options)).excludedSites).toEqual(['127.0.0.1']);
    await openWs(app, 'excluded');
    await request(app, 'excluded', 'not stored', 1);
    let log = await ib.exportSessionLog();
    expect(urlsOf(log)).toEqual(['before']);
    expect(log.events.some((e) => e.data === 'not stored')).toBe(false);
    // The page noticed nothing: its socket works as before.
    expect(await app.evaluate(() => (window as unknown as AppWindow).received.excluded)).toEqual(['not stored']);

    // Back to recording: the next connection is recorded again, with no reload of anything.
    await setText(options, 'excluded-sites', '');
    await options.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent === 'Saved');
    await openWs(app, 'after');
    await request(app, 'after', 'stored again', 1);
    log = await ib.exportSessionLog();
    expect(urlsOf(log).sort()).toEqual(['after', 'before']);
    const after = log.connections.find((c) => c.url.endsWith('tag=after'))!;
    expect(log.events.filter((e) => e.connectionId === after.id && e.type === 'message').map((e) => [e.direction, e.data])).toEqual([
      ['out', 'stored again'],
      ['in', 'stored again'],
    ]);

    // Payload cap: 1 KiB; a 3000-character message is stored cut with its full size.
    await setText(options, 'payload-cap', '1');
    await options.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent === 'Saved');
    await request(app, 'after', 'burst 1 3000 big', 1);
    log = await ib.exportSessionLog();
    const big = log.events.find((e) => e.connectionId === after.id && e.data?.startsWith('big:1:'))!;
    expect(big).toMatchObject({ size: 'big:1:'.length + 3000, truncated: true });
    expect(big.data).toHaveLength(1024);

    // The hook applies the cap too, from the next document on (the background tells each relay
    // in its welcome): the page's thread then sends about 1 KiB of a 200,000-character message,
    // not the whole of it, and what is stored is the same.
    await app.reload();
    await openWs(app, 'capped');
    await request(app, 'capped', 'warm-up', 1); // the relay connects, and is welcomed, with this batch
    await ib.exportSessionLog();
    const sentBefore = (await ib.status()).batchChars;
    await request(app, 'capped', 'burst 1 200000 huge', 1);
    log = await ib.exportSessionLog();
    const capped = log.connections.find((c) => c.url.endsWith('tag=capped'))!;
    const huge = log.events.find((e) => e.connectionId === capped.id && e.data?.startsWith('huge:1:'))!;
    expect(huge).toMatchObject({ size: 'huge:1:'.length + 200000, truncated: true });
    expect(huge.data).toHaveLength(1024);
    const sent = (await ib.status()).batchChars - sentBefore;
    expect(sent).toBeGreaterThan(1024);
    expect(sent).toBeLessThan(8 * 1024);

    // Clear all recorded data (with confirmation): nothing left, a 'cleared' notice in the log.
    await options.bringToFront(); // puppeteer's click waits for frames, which a background tab does not render
    await options.click('button.danger');
    await options.waitForSelector('[role="group"][aria-label="Confirm clearing all recorded data"]');
    const [confirm] = await options.$$('xpath/.//button[normalize-space()="Delete all recorded data"]');
    await confirm!.click();
    const result = await options.waitForSelector('[data-testid="clear-result"]');
    expect(await result!.evaluate((e) => e.textContent)).toBe('Cleared: 2 recorded page loads deleted.');
    log = await ib.exportSessionLog();
    expect(log.connections).toEqual([]);
    expect(log.notices?.map((n) => n.kind)).toEqual(['cleared']);
    // The open page keeps being recorded from now on.
    await openWs(app, 'post-clear');
    await request(app, 'post-clear', 'x', 1);
    log = await ib.exportSessionLog();
    expect(urlsOf(log)).toEqual(['post-clear']);
  });
});

// ---------------------------------------------------------------------------------------------
// QUOTA: a real storage quota, filled past its limit during capture.
// Chromium does not enforce quotas on extensions holding "unlimitedStorage" (checked: with an
// overridden 4 MB quota such an extension still wrote 100 MB). The shipped manifest keeps it (the
// user's limit is settings.retentionMaxBytes, enforced by retention); this test loads a copy of
// the built extension without that one permission so the browser's quota is real, and sets it
// with CDP Storage.overrideQuotaForOrigin on the extension's origin.
// ---------------------------------------------------------------------------------------------

const digest = (s: string | undefined) => (s === undefined ? 'undefined' : `${s.slice(0, s.indexOf(':', 4) + 1)}${s.length}:${createHash('sha1').update(s).digest('hex').slice(0, 10)}`);

const QUOTA_BYTES = 5 * 1024 * 1024;
const LIVE_MESSAGES = 120;
const MSG_CHARS = 25_000;

function extensionWithoutUnlimitedStorage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ri-quota-ext-'));
  cpSync(resolve(import.meta.dirname, '../dist/chrome'), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { permissions: string[] };
  manifest.permissions = manifest.permissions.filter((p) => p !== 'unlimitedStorage');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe('storage quota in Chromium (real quota)', () => {
  let server: TestServer;
  let ib: InspectedBrowser;
  let extDir: string;

  beforeAll(async () => {
    server = await startAppServer();
    extDir = extensionWithoutUnlimitedStorage();
    ib = await launchInspectedBrowser({ browser: 'chromium', devtools: true, extensionDir: extDir });
  });
  afterAll(async () => {
    await ib?.close();
    await server?.close();
    if (extDir) rmSync(extDir, { recursive: true, force: true });
  });

  it('fills storage past the quota during capture: capture continues, oldest sessions go first, the panel shows the notice, the newest session is intact', async () => {
    const options = await openOptions(ib);
    const cdp = await options.createCDPSession();
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: ib.extensionOrigin!, quotaSize: QUOTA_BYTES });

    // Three older sessions of about 1 MB each, in tabs that are then closed.
    const oldPageIds: string[] = [];
    for (const name of ['old1', 'old2', 'old3']) {
      const page = await openApp(ib, server, name);
      await openWs(page, name);
      await request(page, name, `burst 40 ${MSG_CHARS} ${name}`, 40);
      const log = await ib.exportSessionLog({ tabIds: [await ib.tabIdOf(page)] });
      expect(log.events.filter((e) => e.direction === 'in')).toHaveLength(40);
      oldPageIds.push(log.pages[0]!.id);
      await page.close();
    }

    // The live session: 12 bursts of 10 messages, 3 MB in all: the quota is passed on the way,
    // while the live session alone fits (it is never deleted: it is the one being recorded).
    const live = await openApp(ib, server, 'live');
    await openWs(live, 'live');
    for (let b = 1; b <= 12; b++) await request(live, 'live', `burst 10 ${MSG_CHARS} b${b}`, 10);

    // Records refused by a failed write stay with the relay, which resends them (3 s without
    // progress): wait until the live session holds everything the page received.
    const liveIn = (l: SessionLog) => {
      const c = l.connections.find((x) => x.url.endsWith('tag=live'));
      return c ? l.events.filter((e) => e.connectionId === c.id && e.direction === 'in').length : 0;
    };
    const log = await waitFor(
      async () => {
        const l = await ib.exportSessionLog();
        return liveIn(l) >= LIVE_MESSAGES ? l : undefined;
      },
      'the live session to hold every message',
      60_000,
      1000,
    );
    const status = await ib.status();
    expect(status.failedTransactions).toBeGreaterThan(0); // the quota was really hit

    // A notice says what was dropped; the oldest went first.
    const quotaNotices = (log.notices ?? []).filter((n) => n.kind === 'quota');
    expect(quotaNotices.length).toBeGreaterThan(0);
    expect(quotaNotices[0]!.message).toMatch(/^Storage quota reached: deleted \d+ oldest recorded page loads? /);
    const deleted = quotaNotices.flatMap((n) => (n.details?.pageIds as string[]) ?? []);
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted).toEqual(oldPageIds.slice(0, deleted.length));
    const keptPages = log.pages.map((p) => p.id);
    for (const id of deleted) expect(keptPages).not.toContain(id);

    // The newest session is intact: every message the page received, in order, seq 1..n.
    const received = await live.evaluate(() => (window as unknown as AppWindow).received.live ?? []);
    expect(received).toHaveLength(LIVE_MESSAGES);
    const conn = log.connections.find((c) => c.url.endsWith('tag=live'))!;
    const events = log.events.filter((e) => e.connectionId === conn.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    // Compared as short digests: a failure must not print megabytes.
    expect(events.filter((e) => e.direction === 'in').map((e) => digest(e.data))).toEqual(received.map(digest));
    expect(events.filter((e) => e.direction === 'out')).toHaveLength(12);

    // The notice is in the live tab's panel.
    const panel = await openChromiumPanel(live, ib.extensionOrigin!);
    const notice = await panel.waitForSelector('[data-testid="storage-notice"]');
    expect(await notice!.evaluate((e) => e.textContent)).toMatch(/Storage quota reached: deleted/);
  });
});

describe('options page in Firefox', () => {
  let ib: InspectedBrowser;
  beforeAll(async () => {
    ib = await launchInspectedBrowser({ browser: 'firefox' });
  });
  afterAll(async () => {
    await ib?.close();
  });

  it('loads, saves a change, and shows the saved value when opened again', async () => {
    const options = await openOptions(ib);
    await setText(options, 'retention-days', '3');
    await waitFor(() => options.evaluate(() => document.querySelector('[data-testid="save-status"]')?.textContent === 'Saved'), 'the change to be saved');
    expect((await storedSettings(options)).retentionDays).toBe(3);
    await options.close();
    const again = await openOptions(ib);
    expect(await again.$eval('#retention-days', (el) => (el as HTMLInputElement).value)).toBe('3');
  });
});
