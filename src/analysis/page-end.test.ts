import { describe, expect, it } from 'vitest';
import { analyzeSession } from './analyze';
import { pageEnds } from './page-end';
import { Scenario } from './test-scenario';

const aboveInfo = (s: Scenario) => analyzeSession(s.input()).findings.filter((f) => f.severity !== 'info');

describe('page end', () => {
  it('is the earliest closedAt of the page connections marked as ended by the page going away', () => {
    const s = new Scenario();
    s.es('a', 0, { closedAt: 500, ended: 'page-unloaded' });
    s.ws('b', 0, { closedAt: 530, ended: 'page-unloaded' });
    s.ws('c', 0, { pageId: 'p2', closedAt: 100 }); // closed by itself: says nothing about its page
    expect([...pageEnds(s.connections)]).toEqual([['p1', 500]]);
  });

  it('Chromium reload: an EventSource error (CLOSED) after the next load started is the page going away, not a fatal stream', () => {
    const s = new Scenario();
    const es = s.es('a', 0, { closedAt: 545, ended: 'page-unloaded' });
    es.open(10).sse(20, '1').error(575, 2);
    expect(aboveInfo(s)).toEqual([]);
    expect(analyzeSession(s.input()).findings.map((f) => f.kind)).not.toContain('eventsource-fatal');
  });

  it('Firefox reload: a 1001 close after the next load started is the browser, not a server draining its sockets', () => {
    const s = new Scenario();
    s.es('a', 0).open(10);
    s.connections[0]!.closedAt = 626;
    s.connections[0]!.ended = 'page-unloaded';
    const ws = s.ws('w', 0).open(10).close(654, 1001);
    ws.conn.ended = 'page-unloaded';
    const found = analyzeSession(s.input()).findings;
    expect(found.filter((f) => f.kind === 'server-going-away' || f.kind === 'abnormal-close')).toEqual([]);
  });

  it('a close or fatal error before the page went away is still the server', () => {
    const s = new Scenario();
    s.es('a', 0).open(10).error(300, 2);
    s.connections[0]!.closedAt = 545;
    s.connections[0]!.ended = 'page-unloaded';
    s.ws('w', 0).open(10).close(400, 1011); // closed before the unload: the background leaves it unmarked
    expect(aboveInfo(s).map((f) => f.kind).sort()).toEqual(['abnormal-close', 'eventsource-fatal']);
  });

  it('without any unload marking, a fatal error stays an error', () => {
    const s = new Scenario();
    s.es('a', 0).open(10).error(575, 2);
    expect(aboveInfo(s).map((f) => f.kind)).toEqual(['eventsource-fatal']);
  });
});
