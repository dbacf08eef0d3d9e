import { describe, expect, it } from 'vitest';
import { analyzeSession } from '../analyze';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { detectIncompleteStreams, endMarker } from './stream-incomplete';
import { detectStreamStalls } from './stream-stall';
import { detectStreamTiming } from './stream-timing';

/** An LLM-style stream: request at 0, headers at 80, then a read every 20 ms from 100. */
function llm(s: Scenario, id: string, reads: number, last = '[DONE]') {
  const c = s.fetch(id, 90, { requestStartedAt: 0, responseStartedAt: 80 }).open(90);
  for (let i = 0; i < reads; i++) {
    const t = 100 + i * 20;
    const data = i === reads - 1 ? last : `{"delta":"${i}"}`;
    c.chunk(t, `data: ${data}\n\n`).record(t, data, { eventType: 'message', lastEventId: '' });
  }
  return c;
}

describe('stream-timing', () => {
  it('says how long the headers, the first byte and the first event took from the request start, and the rate', () => {
    const s = new Scenario();
    llm(s, 'a', 6).end(300, 'server');
    const [f, ...rest] = runDetector(detectStreamTiming, s.input());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      kind: 'stream-timing', severity: 'info', t: 100,
      evidence: { from: 'request-start', headersMs: 80, firstByteMs: 100, firstEventMs: 100, events: 6, chunks: 6, durationMs: 100, eventsPerSecond: 60 },
    });
    expect(f!.message).toMatch(/^fetch stream POST http:\/\/127\.0\.0\.1:9000\/v1\/chat: response headers after 80 ms, first byte after 100 ms, first event after 100 ms after the request started; 6 events/);
  });

  it('counts from the first body read when the request start was not seen', () => {
    const s = new Scenario();
    s.fetch('a', 50).open(50).chunk(70, ': hi\n\n').end(80, 'server');
    expect(runDetector(detectStreamTiming, s.input())[0]!.evidence).toMatchObject({ from: 'first-body-read', firstByteMs: 20, firstEventMs: null, events: 0 });
  });
});

describe('stream-stall', () => {
  it('reports a gap far above the stream’s own median gap, and nothing for a steady stream', () => {
    const s = new Scenario();
    llm(s, 'steady', 10).end(400, 'server');
    const c = s.fetch('b', 0).open(0);
    for (const t of [100, 120, 140, 160, 3160, 3180]) c.chunk(t, 'data: x\n\n');
    c.end(3200, 'server');
    const found = runDetector(detectStreamStalls, s.input());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'stream-stall', severity: 'warning', t: 160, connectionIds: ['b'], evidence: { gapMs: 3000, medianGapMs: 20, before: { connectionId: 'b', seq: 5 }, after: { connectionId: 'b', seq: 6 } } });
  });

  it('does not judge a stream with too few reads to have a rhythm', () => {
    const s = new Scenario();
    s.fetch('a', 0).open(0).chunk(10, 'a').chunk(20, 'b').chunk(5000, 'c').end(5001, 'server');
    expect(runDetector(detectStreamStalls, s.input())).toEqual([]);
  });
});

describe('stream-incomplete', () => {
  it('knows the common end markers', () => {
    const ev = (data: string, eventType?: string) => ({ connectionId: 'a', seq: 1, t: 0, type: 'message' as const, size: 0, data, eventType });
    expect(endMarker(ev('[DONE]'))).toBe('[DONE]');
    expect(endMarker(ev('{}', 'message_stop'))).toBe('event message_stop');
    expect(endMarker(ev('{"choices":[{"delta":{},"finish_reason":"stop"}]}'))).toBe('"finish_reason":"stop"');
    expect(endMarker(ev('{"choices":[{"delta":{"content":"x"},"finish_reason":null}]}'))).toBeUndefined();
    expect(endMarker(ev('{"model":"m","done":true}'))).toBe('"done":true');
  });

  it('says nothing for a stream that ended with its marker, or that the page ended itself', () => {
    const s = new Scenario();
    llm(s, 'a', 3).end(200, 'server');
    llm(s, 'b', 3, '{"delta":"x"}').end(200, 'abort', 'AbortError');
    llm(s, 'c', 3, '{"delta":"x"}').end(200, 'cancel');
    expect(runDetector(detectIncompleteStreams, s.input())).toEqual([]);
  });

  it('warns when the stream was cut off mid-event, or dropped by the network; says so (info) when it just ended without a marker', () => {
    const s = new Scenario();
    llm(s, 'cut', 3, '{"delta":"x"}').record(200, 'data: {"del', { unterminated: true }).end(201, 'server');
    llm(s, 'net', 3, '{"delta":"x"}').end(300, 'error', 'TypeError');
    llm(s, 'plain', 3, '{"delta":"x"}').end(400, 'server');
    const found = runDetector(detectIncompleteStreams, s.input());
    expect(found.map((f) => [f.connectionIds[0], f.severity, f.evidence.endedBy, f.evidence.endMarker])).toEqual([
      ['cut', 'warning', 'server', null],
      ['net', 'warning', 'error', null],
      ['plain', 'info', 'server', null],
    ]);
    expect(found[0]!.message).toBe('fetch stream POST http://127.0.0.1:9000/v1/chat was cut off in the middle of an event (it never got its blank line).');
    expect(found[0]!.evidence.cutOff).toEqual({ connectionId: 'cut', seq: 8 });
    expect(found[1]!.message).toBe('fetch stream POST http://127.0.0.1:9000/v1/chat ended with a network error (TypeError).');
    expect(found[2]!.message).toBe('fetch stream POST http://127.0.0.1:9000/v1/chat ended after 3 events without an end marker such as [DONE].');
  });
});

describe('fetch streams in the whole analysis', () => {
  it('are each their own lineage (a new request to the same URL is no reconnect)', () => {
    const s = new Scenario();
    llm(s, 'a', 3).end(200, 'server');
    const b = s.fetch('b', 300).open(300);
    b.chunk(310, 'data: [DONE]\n\n').record(310, '[DONE]').end(320, 'server');
    const r = analyzeSession(s.input());
    expect(r.lineages).toEqual([{ connectionId: 'a', lineageId: 'a', attempt: 1 }, { connectionId: 'b', lineageId: 'b', attempt: 1 }]);
    expect(r.findings.map((f) => f.kind)).toEqual(['stream-timing', 'stream-timing']);
  });
});
