import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { detectStreamResumes } from './stream-resume';

/** A first stream with events 1–3, then (optionally) event 4 cut off; a retry at 1000 sending `sent`. */
function retry(sent: string | undefined, cut = true) {
  const s = new Scenario();
  const a = s.fetch('a', 10, { requestStartedAt: 0 }).open(10);
  for (const id of ['1', '2', '3']) a.chunk(20, `id: ${id}\ndata: x\n\n`).record(20, 'x', { eventType: 'message', lastEventId: id });
  if (cut) a.chunk(30, 'id: 4\ndata: {"del').record(40, 'data: {"del', { lastEventId: '4', unterminated: true });
  a.end(40, 'error', 'TypeError');
  s.fetch('b', 1010, { requestStartedAt: 1000, ...(sent === undefined ? {} : { requestLastEventId: sent }) }).open(1010).chunk(1020, 'id: 5\ndata: y\n\n').record(1020, 'y', { lastEventId: '5' });
  return runDetector(detectStreamResumes, s.input());
}

describe('stream-resume', () => {
  it('warns when a retry resends the id of the event that was cut off (fetch-event-source does)', () => {
    const [f, ...rest] = retry('4');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'stream-resume', severity: 'warning', connectionIds: ['a', 'b'], evidence: { sent: '4', previous: 'a', previousLastId: '3', cut: { connectionId: 'a' } } });
    expect(f!.message).toMatch(/resumed with Last-Event-ID "4", the id of an event the previous stream cut off before its end; the last complete event had id "3"/);
  });

  it('is informational when the retry resumes from the last complete event', () => {
    expect(retry('3')[0]).toMatchObject({ severity: 'info', evidence: { sent: '3', previousLastId: '3' } });
  });

  it('warns when the retry sends another id, and says when the resumed stream was not recorded', () => {
    expect(retry('2')[0]).toMatchObject({ severity: 'warning', evidence: { sent: '2', previousLastId: '3' } });
    const s = new Scenario();
    s.fetch('b', 1010, { requestStartedAt: 1000, requestLastEventId: '9' }).open(1010);
    expect(runDetector(detectStreamResumes, s.input())).toMatchObject([{ severity: 'info', connectionIds: ['b'], evidence: { sent: '9' } }]);
  });

  it('finds nothing for a request without Last-Event-ID', () => {
    expect(retry(undefined)).toEqual([]);
  });
});
