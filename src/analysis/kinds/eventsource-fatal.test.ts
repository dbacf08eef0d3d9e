import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { detectEventSourceFatal } from './eventsource-fatal';

const run = (s: Scenario) => runDetector(detectEventSourceFatal, s.input());
const URL_ = 'http://127.0.0.1:9000/feed';

describe('eventsource-fatal', () => {
  it('finds nothing for healthy streams, reconnect cycles, or a page that closed its EventSource', () => {
    const s = new Scenario();
    s.es('a', 0).open(10).sse(20, '1').error(1000, 0).open(4000);
    s.es('b', 0, { url: 'http://h/b' }).open(10).closeCall(500);
    s.ws('c', 0).open(5).error(10, 3).close(11, 1006);
    expect(run(s)).toEqual([]);
  });

  it('says the cause is unknown without a request observation', () => {
    const s = new Scenario();
    s.es('a', 0).error(30, 2);
    const [f] = run(s);
    expect(f).toMatchObject({ kind: 'eventsource-fatal', severity: 'error', t: 30, evidence: { cause: 'unknown (no request observation)', everOpened: false, error: { connectionId: 'a', seq: 1 } } });
    expect(f!.message).toMatch(/^EventSource http:\/\/127\.0\.0\.1:9000\/feed stopped for good and will not reconnect by itself: the response was not usable/);
  });

  it('names an HTTP status, a wrong content type, a network error, and 204 as info', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ statusCode: 401 }, 'http-status', 'the server answered HTTP 401'],
      [{ statusCode: 200, contentType: 'text/html; charset=utf-8' }, 'content-type', 'Content-Type was "text/html"'],
      [{ error: 'net::ERR_BLOCKED_BY_CLIENT' }, 'network-error', 'failed with net::ERR_BLOCKED_BY_CLIENT'],
      [{ statusCode: 204 }, 'http-204', '204 No Content'],
    ];
    for (const [req, cause, text] of cases) {
      const s = new Scenario();
      s.es('a', 0).open(10).error(1000, 0).error(4000, 2);
      s.request({ url: URL_, tabId: 1, t: 3990, ...req });
      const [f] = run(s);
      expect(f!.evidence).toMatchObject({ cause, everOpened: true, reconnectsBefore: 1 });
      expect(f!.message).toContain(text);
      expect(f!.severity).toBe(cause === 'http-204' ? 'info' : 'error');
    }
  });
});
