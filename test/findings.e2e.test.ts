// Findings, end to end: scenario servers on 127.0.0.1 that skip ids, replay, drop, restart,
// reject, stall and hold connections (test/scenarios/), pages that react like real clients, and
// the exported session log must carry the documented finding (docs/findings.md) with connection
// ids and numbers derived from the scenario — while healthy traffic yields nothing above info.
// Every kind runs in Chromium and Firefox (Firefox's pools are per top-level site: the two
// pressure tabs are one site). One browser per describe block, one tab per scenario, one server
// (own origin, so own connection pool) per scenario.
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_EXPIRY_SKEW_MS, HTTP1_CONNECTIONS_PER_ORIGIN, STALL_MIN_WAIT_MS, STORM_TIGHT_MIN_RUN, BACKPRESSURE_MIN_BYTES, BACKPRESSURE_MIN_DURATION_MS, UNIDIR_MIN_DURATION_MS, WS_SERIALIZED_MIN_WAIT_MS } from '../src/analysis/thresholds';
import { launchInspectedBrowser, type BrowserName, type InspectedBrowser } from '../src/recorder/index';
import type { LogFinding, SessionLog } from '../src/contracts/session-log-format';
import { sessionLogErrors } from './harness/schema';
import { aboveInfo, connectionsTo, eventsOf, exportTabs, ofKind, openScenario, pageState, waitUntilDone } from './scenarios/kit';
import { startHealthyServer, STREAMS } from './scenarios/healthy';
import { DUPLICATE_IDS, GAP_IDS, startSseIdsServer } from './scenarios/sse-ids';
import { startSsePressureServer } from './scenarios/sse-pressure';
import { FIRST_IDS, startSseResumeServer } from './scenarios/sse-resume';
import { startWsReconnectServer } from './scenarios/ws-reconnect';
import { STORM_SOCKETS, startWsStormServer } from './scenarios/ws-storm';
import { DRAIN_SOCKETS, startCloseCodesServer } from './scenarios/ws-close-codes';
import { EXPIRES_IN_S, makeJwt, startCredentialServer } from './scenarios/ws-credential';
import { startBackpressureServer } from './scenarios/ws-backpressure';
import { startUnidirectionalServer } from './scenarios/ws-unidirectional';
import { FATAL_CAUSES, FATAL_PATHS, startSseFatalServer } from './scenarios/sse-fatal';
import { CEILING_SOCKETS, startCeilingServer } from './scenarios/ws-ceiling';

type Closer = { close(): Promise<unknown> };

/** Servers and pages of the running test, closed after it whatever happened. */
const cleanup: Closer[] = [];
const track = <T extends Closer>(x: T): T => {
  cleanup.push(x);
  return x;
};
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c.close().catch(() => undefined);
});

/** Opens the scenario page in a new tab and exports that tab once all it saw is stored. */
async function run(inspected: InspectedBrowser, url: string, timeoutMs?: number): Promise<{ log: SessionLog; page: Page; tabId: number }> {
  const { page, tabId } = await openScenario(inspected, url, timeoutMs);
  track(page);
  const log = await exportTabs(inspected, [tabId], (await pageState(page)).events);
  expect(sessionLogErrors(log)).toEqual([]);
  return { log, page, tabId };
}

/** The values of a numeric id list that never arrived (between its first and its highest). */
function missingIds(ids: number[]): number[] {
  const seen = new Set(ids);
  const out: number[] = [];
  for (let v = ids[0]!; v <= Math.max(...ids); v++) if (!seen.has(v)) out.push(v);
  return out;
}

/** The values that arrived again, at or below the highest so far. */
function repeatedIds(ids: number[]): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const v of ids) {
    if (seen.has(v)) out.push(v);
    seen.add(v);
  }
  return out;
}

const one = (found: LogFinding[]): LogFinding => {
  expect(found).toHaveLength(1);
  return found[0]!;
};
const lastEventIdAt = (log: SessionLog, r: unknown) => {
  const { connectionId, seq } = r as { connectionId: string; seq: number };
  return eventsOf(log, connectionId).find((e) => e.seq === seq)?.lastEventId;
};

describe.each<BrowserName>(['chromium', 'firefox'])('id, reconnect and pressure findings in %s', (name) => {
  let inspected: InspectedBrowser;
  beforeAll(async () => {
    inspected = await launchInspectedBrowser({ browser: name });
  });
  afterAll(async () => {
    await inspected?.close();
  });

  it('event-id-gap: the SSE server skips ids 4..6', async () => {
    const server = track(await startSseIdsServer(GAP_IDS));
    const { log } = await run(inspected, `${server.origin}/page.html`);
    const [es] = connectionsTo(log, '/sse');
    const missing = missingIds(GAP_IDS);
    const gap = one(ofKind(log, 'event-id-gap'));
    expect(gap.severity).toBe('warning'); // the page listens to unnamed messages only
    expect(connectionsTo(log, '/sse')).toHaveLength(1);
    expect(gap.connectionIds).toEqual([es!.id]);
    expect(gap.evidence).toMatchObject({ from: missing[0], to: missing.at(-1), count: missing.length, missing: missing.length, lateArrivals: 0 });
    expect(lastEventIdAt(log, gap.evidence.before)).toBe(String(missing[0]! - 1));
    expect(lastEventIdAt(log, gap.evidence.after)).toBe(String(missing.at(-1)! + 1));
    expect(aboveInfo(log).map((f) => f.kind)).toEqual(['event-id-gap']);
  });

  it('event-id-duplicate: the SSE server sends ids 3..5 twice', async () => {
    const server = track(await startSseIdsServer(DUPLICATE_IDS));
    const { log } = await run(inspected, `${server.origin}/page.html`);
    const [es] = connectionsTo(log, '/sse');
    const repeated = repeatedIds(DUPLICATE_IDS);
    const dup = one(ofKind(log, 'event-id-duplicate'));
    expect(dup.severity).toBe('warning');
    expect(dup.connectionIds).toEqual([es!.id]);
    expect(dup.evidence).toMatchObject({ from: repeated[0], to: repeated.at(-1), count: repeated.length });
    expect(aboveInfo(log).map((f) => f.kind)).toEqual(['event-id-duplicate']);
  });

  it('resume-mismatch: after a drop the SSE server starts over at id 1, ignoring Last-Event-ID', async () => {
    const { server, lastEventIds } = await startSseResumeServer(false);
    track(server);
    const { log } = await run(inspected, `${server.origin}/page.html`);
    const lastSent = String(FIRST_IDS.at(-1));
    expect(lastEventIds).toEqual([undefined, lastSent]); // what the browser really sent
    const [es] = connectionsTo(log, '/sse');
    const mismatch = one(ofKind(log, 'resume-mismatch'));
    expect(mismatch.severity).toBe('warning');
    expect(mismatch.connectionIds).toEqual([es!.id]);
    expect(mismatch.evidence).toMatchObject({ verdict: 'restarted', boundary: 'reconnect', lastSeen: lastSent, got: '1' });
    expect(lastEventIdAt(log, mismatch.evidence.lastSeenEvent)).toBe(lastSent);
    expect(lastEventIdAt(log, mismatch.evidence.firstAfter)).toBe('1');
    expect(one(ofKind(log, 'reconnect')).connectionIds).toEqual([es!.id]);
  });

  it('resume evidence: lastEventIdSent is the Last-Event-ID header the server received', async () => {
    const { server, lastEventIds } = await startSseResumeServer(false);
    track(server);
    const { log } = await run(inspected, `${server.origin}/page.html`);
    const received = lastEventIds[1];
    expect(received).toBe(String(FIRST_IDS.at(-1)));
    expect(one(ofKind(log, 'resume-mismatch')).evidence).toMatchObject({ lastEventIdSent: received, lastEventIdSource: 'request' });
    expect(one(ofKind(log, 'reconnect')).evidence).toMatchObject({ lastEventIdSent: received, lastEventIdSource: 'request' });
  });

  it('reconnect: an SSE drop that resumes after Last-Event-ID is info only', async () => {
    const { server, lastEventIds } = await startSseResumeServer(true);
    track(server);
    const { log } = await run(inspected, `${server.origin}/page.html`);
    expect(lastEventIds).toEqual([undefined, String(FIRST_IDS.at(-1))]);
    const [es] = connectionsTo(log, '/sse');
    const reconnect = one(ofKind(log, 'reconnect'));
    expect(reconnect).toMatchObject({ severity: 'info', connectionIds: [es!.id] });
    expect(reconnect.evidence.how).toBe('eventsource-cycle');
    expect(aboveInfo(log)).toEqual([]);
  });

  it('healthy: 5 EventSources to one origin, a correct resume and orderly closes yield nothing above info', async () => {
    const { server, lastEventIds } = await startHealthyServer();
    track(server);
    const { log } = await run(inspected, `${server.origin}/page.html`);
    expect(lastEventIds).toEqual([undefined, '3']);
    expect(log.connections.filter((c) => c.kind === 'eventsource')).toHaveLength(STREAMS);
    expect(log.connections.filter((c) => c.kind === 'websocket').map((c) => c.close?.code)).toEqual([1000, 1000]);
    expect(aboveInfo(log)).toEqual([]);
    const resumed = log.connections.find((c) => c.url.endsWith('/stream?n=0'))!;
    expect(log.findings.map((f) => [f.kind, f.connectionIds])).toEqual([['reconnect', [resumed.id]]]);
    for (const c of log.connections) expect(c.attempt).toBe(1);
  });

  it('reconnect: a WebSocket the server terminates (1006) is replaced by attempt 2 of its lineage', async () => {
    const server = track(await startWsReconnectServer());
    const { log, page } = await run(inspected, `${server.origin}/page.html`);
    expect((await pageState(page)).closes).toEqual([1006]);
    const [first, second] = connectionsTo(log, '/live').sort((a, b) => a.createdAt - b.createdAt);
    expect([first!.attempt, second!.attempt]).toEqual([1, 2]);
    expect([first!.lineageId, second!.lineageId]).toEqual([first!.id, first!.id]);
    const reconnect = one(ofKind(log, 'reconnect'));
    expect(reconnect).toMatchObject({ severity: 'info', connectionIds: [first!.id, second!.id] });
    expect(reconnect.evidence.cause).toMatchObject({ code: 1006 });
    const drop = one(ofKind(log, 'abnormal-close'));
    expect(drop).toMatchObject({ severity: 'info', evidence: { recovered: true, recoveredBy: second!.id } });
    expect(aboveInfo(log)).toEqual([]);
  });

  it('reconnect-storm: the page reconnects without backoff to a server that closes at once', async () => {
    const server = track(await startWsStormServer());
    const { log } = await run(inspected, `${server.origin}/page.html`);
    const sockets = connectionsTo(log, '/flaky').sort((a, b) => a.createdAt - b.createdAt);
    expect(sockets.map((c) => c.attempt)).toEqual(Array.from({ length: STORM_SOCKETS }, (_, i) => i + 1));
    expect(new Set(sockets.map((c) => c.lineageId))).toEqual(new Set([sockets[0]!.id]));
    const storm = one(ofKind(log, 'reconnect-storm'));
    expect(storm.severity).toBe('warning');
    expect(storm.evidence.lineageId).toBe(sockets[0]!.id);
    expect(storm.evidence.reasons).toContain('tight');
    expect(storm.evidence.attempts).toBeGreaterThanOrEqual(STORM_TIGHT_MIN_RUN);
    for (const id of storm.connectionIds) expect(sockets.map((c) => c.id)).toContain(id);
  });

  it('connection-limit-pressure: two tabs of one origin hold 6 EventSources between them', async () => {
    const server = track(await startSsePressureServer());
    const perTab = HTTP1_CONNECTIONS_PER_ORIGIN / 2;
    const a = await openScenario(inspected, `${server.origin}/page.html?n=${perTab}&tab=a`);
    track(a.page);
    const b = await openScenario(inspected, `${server.origin}/page.html?n=${perTab}&tab=b`);
    track(b.page);
    const events = (await pageState(a.page)).events + (await pageState(b.page)).events;
    const log = await exportTabs(inspected, [a.tabId, b.tabId], events);
    expect(sessionLogErrors(log)).toEqual([]);
    const streams = connectionsTo(log, '/held');
    expect(streams).toHaveLength(HTTP1_CONNECTIONS_PER_ORIGIN);
    const pressure = one(ofKind(log, 'connection-limit-pressure'));
    expect(pressure.severity).toBe('warning');
    // The background's webRequest observer saw the responses' HTTP version (node serves HTTP/1.1).
    expect(pressure.evidence).toMatchObject({ origin: server.origin, protocol: 'http/1.1', limit: HTTP1_CONNECTIONS_PER_ORIGIN, maxConcurrent: HTTP1_CONNECTIONS_PER_ORIGIN, tabs: [a.tabId, b.tabId].sort((x, y) => x - y) });
    expect([...pressure.connectionIds].sort()).toEqual(streams.map((c) => c.id).sort());
    expect(ofKind(log, 'stalled-connect')).toEqual([]);
  });
});

describe.each<BrowserName>(['chromium', 'firefox'])('close, credential, load and limit findings in %s', (name) => {
  let inspected: InspectedBrowser;
  // The unidirectional scenario needs UNIDIR_MIN_DURATION_MS of real time: it runs in its own
  // tab from the start while the other scenarios run.
  let unidirectional: { page: Page; server: Closer };
  beforeAll(async () => {
    inspected = await launchInspectedBrowser({ browser: name });
    const server = await startUnidirectionalServer();
    const page = await inspected.browser.newPage();
    await page.goto(`${server.origin}/page.html`);
    unidirectional = { page, server };
  });
  afterAll(async () => {
    await unidirectional?.server.close();
    await inspected?.close();
  });

  it('abnormal-close: the server closes with 1011', async () => {
    const server = track(await startCloseCodesServer());
    const { log } = await run(inspected, `${server.origin}/crash.html`);
    const [ws] = connectionsTo(log, '/crash');
    expect(ws!.close?.code).toBe(1011);
    const found = one(ofKind(log, 'abnormal-close'));
    expect(found).toMatchObject({ severity: 'error', connectionIds: [ws!.id], evidence: { recovered: false } });
  });

  it('server-going-away: the server closes all its sockets with 1001 at once', async () => {
    const server = track(await startCloseCodesServer());
    const { log } = await run(inspected, `${server.origin}/drain.html`);
    const sockets = connectionsTo(log, '/drain');
    expect(sockets).toHaveLength(DRAIN_SOCKETS);
    const found = one(ofKind(log, 'server-going-away'));
    expect(found.severity).toBe('info');
    expect([...found.connectionIds].sort()).toEqual(sockets.map((c) => c.id).sort());
    expect(found.evidence).toMatchObject({ codes: [1001], count: DRAIN_SOCKETS, reconnected: 0 });
    expect(aboveInfo(log)).toEqual([]);
  });

  it('credential-expired: a WebSocket stays open past its JWT exp', async () => {
    const server = track(await startCredentialServer());
    const nowS = Math.ceil(Date.now() / 1000);
    const exp = nowS + EXPIRES_IN_S;
    const token = makeJwt(exp, nowS);
    const { log } = await run(inspected, `${server.origin}/page.html?token=${token}&exp=${exp}&after=${CREDENTIAL_EXPIRY_SKEW_MS + 300}`);
    const [ws] = connectionsTo(log, '/feed');
    const found = one(ofKind(log, 'credential-expired'));
    expect(found).toMatchObject({ severity: 'warning', connectionIds: [ws!.id], t: exp * 1000 });
    expect(found.evidence).toMatchObject({ param: 'token', expiresAt: exp * 1000, lifetimeMs: EXPIRES_IN_S * 1000, ongoing: false });
    const close = eventsOf(log, ws!.id).find((e) => e.type === 'close')!;
    expect(found.evidence.expiredForMs).toBe(close.t - exp * 1000);
    expect(JSON.stringify(log.findings)).not.toContain(token.split('.')[1]);
  });

  it('backpressure: the page sends faster than the server reads', async () => {
    const server = track(await startBackpressureServer());
    const { log, page } = await run(inspected, `${server.origin}/page.html?path=/sink`);
    const buffered = (await pageState(page)).buffered as number[];
    const [ws] = connectionsTo(log, '/sink');
    const found = one(ofKind(log, 'backpressure'));
    expect(found).toMatchObject({ severity: 'warning', connectionIds: [ws!.id] });
    const high = buffered.filter((b) => b >= BACKPRESSURE_MIN_BYTES);
    expect(found.evidence.sends).toBe(high.length);
    expect(found.evidence.peakBytes).toBe(Math.max(...buffered));
    expect(found.evidence.durationMs).toBeGreaterThanOrEqual(BACKPRESSURE_MIN_DURATION_MS);
  });

  it('stalled-connect: a 7th EventSource waits while 6 hold the origin', async () => {
    const server = track(await startSsePressureServer());
    const { log } = await run(inspected, `${server.origin}/stall.html`);
    const streams = connectionsTo(log, '/held');
    const seventh = streams.find((c) => c.url.endsWith('?i=6'))!;
    const holders = streams.filter((c) => c !== seventh).map((c) => c.id).sort();
    const found = one(ofKind(log, 'stalled-connect'));
    expect(found.severity).toBe('error');
    expect(found.connectionIds[0]).toBe(seventh.id);
    expect([...(found.evidence.holders as string[])].sort()).toEqual(holders);
    expect(found.evidence).toMatchObject({ outcome: 'opened', protocol: 'http/1.1', limit: HTTP1_CONNECTIONS_PER_ORIGIN, waitMs: seventh.openedAt! - seventh.createdAt });
    expect(found.evidence.waitMs).toBeGreaterThanOrEqual(STALL_MIN_WAIT_MS);
    expect(ofKind(log, 'connection-limit-pressure')).toHaveLength(1);
  });

  it('eventsource-fatal: 500 and a wrong Content-Type stop EventSources for good', async () => {
    const server = track(await startSseFatalServer());
    const { log } = await run(inspected, `${server.origin}/page.html`);
    const found = ofKind(log, 'eventsource-fatal');
    expect(found).toHaveLength(FATAL_PATHS.length);
    for (const [path, expected] of Object.entries(FATAL_CAUSES)) {
      const [es] = connectionsTo(log, path);
      const f = found.find((x) => x.connectionIds[0] === es!.id);
      expect(f).toMatchObject({ severity: 'error', evidence: { everOpened: false, ...expected } });
    }
  });

  it('websocket-ceiling: WebSocket handshakes to one server are serialized', async () => {
    const server = track(await startCeilingServer());
    const { log, page } = await run(inspected, `${server.origin}/page.html`);
    expect(server.maxConcurrentHandshakes()).toBe(1); // the browser did serialize them
    const found = one(ofKind(log, 'websocket-ceiling'));
    const openAfter = (await pageState(page)).openAfterMs as number[];
    expect(found.severity).toBe('warning');
    expect(found.evidence).toMatchObject({ reason: 'serialized-connects', sockets: CEILING_SOCKETS });
    expect(found.evidence.maxWaitMs).toBeGreaterThanOrEqual(WS_SERIALIZED_MIN_WAIT_MS);
    expect(found.evidence.maxWaitMs).toBeCloseTo(Math.max(...openAfter), -2);
  });

  it('unidirectional-websocket: the server pushes for 30 s, the page sends one message', async () => {
    const state = await waitUntilDone(unidirectional.page, UNIDIR_MIN_DURATION_MS + 20_000);
    const tabId = await inspected.tabIdOf(unidirectional.page);
    const log = await exportTabs(inspected, [tabId], state.events);
    const [ws] = connectionsTo(log, '/ticker');
    const found = one(ofKind(log, 'unidirectional-websocket'));
    expect(found).toMatchObject({ severity: 'info', connectionIds: [ws!.id], evidence: { messagesIn: state.received, messagesOut: 1 } });
    expect(found.evidence.durationMs).toBeGreaterThanOrEqual(UNIDIR_MIN_DURATION_MS);
  }, UNIDIR_MIN_DURATION_MS + 60_000);
});
