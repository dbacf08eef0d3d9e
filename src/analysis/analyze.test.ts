import { describe, expect, it } from 'vitest';
import { analyzeSession } from './analyze';
import { Scenario } from './test-scenario';
import type { AnalysisInput, EvidenceValue, Finding } from './types';

const T0 = 1_795_538_400_000;

function healthy(): Scenario {
  const s = new Scenario();
  // 5 streams to one origin over two tabs, one of which reconnects and resumes right after its Last-Event-ID.
  for (let i = 0; i < 5; i++) {
    const tab = 1 + (i % 2);
    const es = s.es(`sse${i}`, T0 + i, { tabId: tab, pageId: `p${tab}`, url: `http://127.0.0.1:9000/feed/${i}`, listenedTypes: i === 0 ? ['price'] : [] }).open(T0 + 10 + i);
    for (let n = 1; n <= 20; n++) es.sse(T0 + n * 100 + i, String(n), `{"n":${n}}`);
    if (i === 0) {
      es.error(T0 + 2500, 0).open(T0 + 5500);
      s.request({ url: 'http://127.0.0.1:9000/feed/0', tabId: 1, t: T0 + 5490, lastEventId: '20', statusCode: 200, httpVersion: 'HTTP/1.1' });
      for (let n = 21; n <= 30; n++) es.sse(T0 + 5500 + n, String(n));
    }
  }
  // A chat socket used both ways and closed in order by the page.
  const chat = s.ws('chat', T0, { url: 'ws://127.0.0.1:9000/chat' }).open(T0 + 5);
  for (let n = 1; n <= 40; n++) {
    chat.json(T0 + n * 50, { seq: n, text: 'hi', sentAt: T0 + n * 50 - 3 });
    chat.send(T0 + n * 50 + 10, JSON.stringify({ text: 'yo' }), 0);
  }
  chat.closeCall(T0 + 3000, 1000).close(T0 + 3001, 1000);
  // A feed socket that drops, is replaced, and continues its sequence without a hole.
  const live = s.ws('live1', T0, { url: 'ws://127.0.0.1:9000/live?token=a' }).open(T0 + 5);
  for (let n = 1; n <= 10; n++) live.json(T0 + 10 + n, { seq: n });
  live.close(T0 + 500, 1006);
  const again = s.ws('live2', T0 + 1500, { url: 'ws://127.0.0.1:9000/live?token=b' }).open(T0 + 1510);
  for (let n = 11; n <= 20; n++) again.json(T0 + 1510 + n, { seq: n });
  return s;
}

function troubled(): Scenario {
  const s = new Scenario();
  const a = s.ws('w1', T0, { url: 'ws://127.0.0.1:9000/live?token=a' }).open(T0 + 10);
  for (let n = 1; n <= 10; n++) a.json(T0 + 100 + n, { seq: n });
  a.close(T0 + 1000, 1006);
  const b = s.ws('w2', T0 + 1100, { url: 'ws://127.0.0.1:9000/live?token=b' }).open(T0 + 1200);
  for (let n = 15; n <= 20; n++) b.json(T0 + 1300 + n, { seq: n });
  b.close(T0 + 9000, 1012, true, 'deploy');
  const es = s.es('e1', T0, { url: 'http://127.0.0.1:9000/feed' }).open(T0 + 5);
  for (let n = 1; n <= 5; n++) es.sse(T0 + 10 + n, String(n));
  es.error(T0 + 100, 0).open(T0 + 3100);
  for (const n of [9, 10]) es.sse(T0 + 3100 + n, String(n));
  return s;
}

const severities = (f: Finding[]) => f.map((x) => x.severity);

function refsIn(v: EvidenceValue, out: { connectionId: string; seq: number }[] = []) {
  if (v === null || typeof v !== 'object') return out;
  if (Array.isArray(v)) {
    for (const x of v) refsIn(x, out);
    return out;
  }
  const obj = v as { [key: string]: EvidenceValue };
  const keys = Object.keys(obj);
  if (keys.length === 2 && typeof obj.connectionId === 'string' && typeof obj.seq === 'number') out.push(obj as unknown as { connectionId: string; seq: number });
  for (const k of keys) refsIn(obj[k]!, out);
  return out;
}

describe('analyzeSession', () => {
  it('says nothing worse than info about a healthy session (5 streams, correct resumes, an orderly close)', () => {
    const result = analyzeSession(healthy().input());
    expect(severities(result.findings).filter((x) => x !== 'info')).toEqual([]);
    expect(result.findings.map((f) => f.kind).sort()).toEqual(['abnormal-close', 'reconnect', 'reconnect']);
    const chat = result.stats.find((st) => st.connectionId === 'chat')!;
    expect(chat.lag).toMatchObject({ path: 'sentAt', p50: 3, max: 3, count: 40 });
    expect(chat.sequenceField).toEqual({ path: 'seq', source: 'detected' });
  });

  it('tells the story of a troubled session', () => {
    const result = analyzeSession(troubled().input());
    expect(result.findings.map((f) => f.kind).sort()).toEqual(
      ['abnormal-close', 'event-id-gap', 'reconnect', 'reconnect', 'resume-mismatch', 'server-going-away'],
    );
    expect(result.lineages).toEqual([
      { connectionId: 'e1', lineageId: 'e1', attempt: 1 },
      { connectionId: 'w1', lineageId: 'w1', attempt: 1 },
      { connectionId: 'w2', lineageId: 'w1', attempt: 2 },
    ]);
  });

  it('produces well-formed findings whose evidence points at recorded events', () => {
    const s = troubled();
    const input = s.input();
    const known = new Set(input.events.map((e) => `${e.connectionId}#${e.seq}`));
    const conns = new Set(input.connections.map((c) => c.id));
    for (const f of analyzeSession(input).findings) {
      expect(Object.keys(f).sort()).toEqual(['connectionIds', 'evidence', 'id', 'kind', 'message', 'severity', 't']);
      expect(f.message).toMatch(/^[A-Z0-9].*\.$/);
      expect(f.message).not.toContain('\n');
      expect(f.connectionIds.length).toBeGreaterThan(0);
      for (const id of f.connectionIds) expect(conns.has(id)).toBe(true);
      const refs = refsIn(f.evidence);
      expect(refs.length).toBeGreaterThan(0);
      for (const r of refs) expect(known.has(`${r.connectionId}#${r.seq}`)).toBe(true);
    }
  });

  it('is deterministic and independent of input order', () => {
    const input = troubled().input();
    const shuffled: AnalysisInput = { connections: [...input.connections].reverse(), events: [...input.events].reverse() };
    const a = analyzeSession(input);
    expect(analyzeSession(input)).toEqual(a);
    expect(analyzeSession(shuffled)).toEqual(a);
    expect(new Set(a.findings.map((f) => f.id)).size).toBe(a.findings.length);
  });

  it('keeps finding ids while a live session grows', () => {
    const s = troubled();
    const before = analyzeSession(s.input());
    const more = s.ws('w3', T0 + 20_000, { url: 'ws://127.0.0.1:9000/other' }).open(T0 + 20_010);
    more.recv(T0 + 20_020, 'x');
    const after = analyzeSession(s.input());
    for (const f of before.findings) expect(after.findings.map((g) => g.id)).toContain(f.id);
  });

  it('accepts an empty session', () => {
    expect(analyzeSession({ connections: [], events: [] })).toEqual({ findings: [], lineages: [], stats: [], verdicts: [] });
  });
});
