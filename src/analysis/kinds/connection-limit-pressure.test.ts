import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { detectConnectionLimitPressure } from './connection-limit-pressure';

const run = (s: Scenario) => runDetector(detectConnectionLimitPressure, s.input());

/** n EventSources to one origin, alternating between tabs 1 and 2, opened at creation + 10 ms. */
function streams(s: Scenario, n: number, origin = 'http://127.0.0.1:9000') {
  for (let i = 0; i < n; i++) s.es(`e${i}`, i * 100, { tabId: 1 + (i % 2), pageId: `p${1 + (i % 2)}`, url: `${origin}/feed/${i}` }).open(i * 100 + 10).sse(i * 100 + 20, '1');
}

describe('connection-limit-pressure', () => {
  it('finds nothing for 5 streams to one origin, 6 that never overlap, or many WebSockets', () => {
    const five = new Scenario();
    streams(five, 5);
    expect(run(five)).toEqual([]);

    const serial = new Scenario();
    for (let i = 0; i < 8; i++) serial.es(`e${i}`, i * 100).open(i * 100 + 10).closeCall(i * 100 + 50);
    expect(run(serial)).toEqual([]);

    const ws = new Scenario();
    for (let i = 0; i < 10; i++) ws.ws(`w${i}`, i).open(i + 5);
    expect(run(ws)).toEqual([]);
  });

  it('reports 6 streams over two tabs holding the origin, with the protocol unknown', () => {
    const s = new Scenario();
    streams(s, 6);
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'connection-limit-pressure', severity: 'warning', t: 500,
      connectionIds: ['e0', 'e1', 'e2', 'e3', 'e4', 'e5'],
      evidence: { origin: 'http://127.0.0.1:9000', protocol: 'unknown', limit: 6, maxConcurrent: 6, ongoing: true, tabs: [1, 2], durationMs: 20 },
    });
    expect(found[0]!.message).toBe('6 EventSources in 2 tabs held all 6 connections the browser allows to http://127.0.0.1:9000 from pages on http://127.0.0.1 over HTTP/1.1 (assumed: the protocol was not observed) for 20 ms and counting, so every other request to that origin had to wait.');
  });

  it('ends the episode when a stream closes, and uses the observed protocol', () => {
    const s = new Scenario();
    streams(s, 6);
    s.connections.find((c) => c.id === 'e0')!.closeCall = { t: 2500 };
    s.connections.find((c) => c.id === 'e0')!.closedAt = 2500;
    s.request({ url: 'http://127.0.0.1:9000/feed/0', tabId: 1, t: 1, httpVersion: 'HTTP/1.1', statusCode: 200 });
    const [f] = run(s);
    expect(f!.evidence).toMatchObject({ protocol: 'http/1.1', ongoing: false, durationMs: 2000 });
    expect(f!.message).toContain('over HTTP/1.1 for 2.0 s, so');
  });

  it('does not apply the HTTP/1.1 limit to an HTTP/2 origin', () => {
    const s = new Scenario();
    streams(s, 8);
    s.request({ url: 'http://127.0.0.1:9000/feed/0', tabId: 1, t: 1, httpVersion: 'h2', statusCode: 200 });
    expect(run(s)).toEqual([]);
  });

  it('counts streamed fetch / XHR responses as holders from their request start, until their body ends', () => {
    const s = new Scenario();
    streams(s, 4);
    // Two LLM-style streams, one read through XHR: they hold connections from the request webRequest saw.
    s.fetch('f1', 450, { requestStartedAt: 400 }).open(450).chunk(460, 'data: a\n\n');
    s.fetch('f2', 470, { api: 'xhr' }).open(470).chunk(480, 'data: b\n\n').end(3000, 'server');
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ t: 470, connectionIds: ['e0', 'e1', 'e2', 'e3', 'f1', 'f2'], evidence: { maxConcurrent: 6, ongoing: false, durationMs: 2530 } });
    expect(found[0]!.message).toMatch(/^6 long-lived responses \(EventSource, streamed fetch \/ XHR\) in 2 tabs held all 6 connections/);
    // Ended before the others: no episode.
    const early = new Scenario();
    streams(early, 5);
    early.fetch('f1', 50, { requestStartedAt: 40 }).open(50).end(90, 'server');
    expect(run(early)).toEqual([]);
  });
});
