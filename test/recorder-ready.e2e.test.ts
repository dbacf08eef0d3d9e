// launchInspectedBrowser() resolves only once the extension's background is listening (a ready
// handshake), so the README's launch-then-goto pattern records the very first page completely:
// the requests of its EventSources are observed (the fatal cause is the HTTP status, the
// Last-Event-ID of the reconnect is the header sent), not "unknown". A fresh browser per round,
// because the race is in the first seconds after launch.
import { afterEach, describe, expect, it } from 'vitest';
import { launchInspectedBrowser, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import { sessionLogErrors } from './harness/schema';
import { connectionsTo, exportTabs, ofKind, waitUntilDone } from './scenarios/kit';
import { startFirstPageServer } from './scenarios/first-page';

const ROUNDS = 3;

let open: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const c of open.reverse()) await c.close().catch(() => undefined);
  open = [];
});

describe.each<BrowserName>(['chromium', 'firefox'])('the first page after launch in %s', (name) => {
  it(`observes its EventSource requests (${ROUNDS} fresh launches)`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const { server, lastEventIds } = await startFirstPageServer();
      open.push(server);
      const inspected: InspectedBrowser = await launchInspectedBrowser({ browser: name });
      open.push(inspected);
      const page = await inspected.browser.newPage();
      await page.goto(`${server.origin}/page.html`);
      const state = await waitUntilDone(page);
      const log = await exportTabs(inspected, [await inspected.tabIdOf(page)], state.events);
      expect(sessionLogErrors(log)).toEqual([]);
      expect(lastEventIds).toEqual([undefined, '3']); // what the browser really sent
      const [fail] = connectionsTo(log, '/fail');
      const fatal = ofKind(log, 'eventsource-fatal').find((f) => f.connectionIds[0] === fail!.id);
      expect(fatal?.evidence, `round ${round}`).toMatchObject({ cause: 'http-status', request: { statusCode: 500 } });
      const [feed] = connectionsTo(log, '/feed');
      const reconnect = ofKind(log, 'reconnect').find((f) => f.connectionIds[0] === feed!.id);
      expect(reconnect?.evidence, `round ${round}`).toMatchObject({ lastEventIdSent: '3', lastEventIdSource: 'request' });
      await inspected.close();
      await server.close();
      open = [];
    }
  });
});
