import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { detectStalledConnects } from './stalled-connect';

const run = (s: Scenario) => runDetector(detectStalledConnects, s.input());

function six(s: Scenario) {
  for (let i = 0; i < 6; i++) s.es(`e${i}`, i * 10, { tabId: 1 + (i % 2), url: `http://127.0.0.1:9000/feed/${i}` }).open(i * 10 + 5);
}

describe('stalled-connect', () => {
  it('finds nothing when a 7th stream gets a slot quickly, or with 5 streams', () => {
    const s = new Scenario();
    six(s);
    s.connections[0]!.closeCall = { t: 1050 };
    s.connections[0]!.closedAt = 1050;
    s.es('late', 1000, { tabId: 3 }).open(1060);
    expect(run(s)).toEqual([]);

    const five = new Scenario();
    for (let i = 0; i < 5; i++) five.es(`e${i}`, i).open(i + 5);
    five.es('sixth', 100).open(110);
    expect(run(five)).toEqual([]);
  });

  it('reports a 7th stream that waited for a slot', () => {
    const s = new Scenario();
    six(s);
    s.connections[0]!.closeCall = { t: 4990 };
    s.connections[0]!.closedAt = 4990;
    s.es('late', 1000, { tabId: 3 }).open(5000);
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'stalled-connect', severity: 'error', t: 1000,
      evidence: { waitMs: 4000, outcome: 'opened', protocol: 'unknown', holderTabs: [1, 2], opened: { connectionId: 'late', seq: 1 } },
    });
    expect(found[0]!.connectionIds[0]).toBe('late');
    expect(found[0]!.message).toBe('EventSource http://127.0.0.1:9000/feed in tab 3 waited 4.0 s to open because 6 other EventSources (tabs 1, 2) already held every HTTP/1.1 connection to http://127.0.0.1:9000 that pages on http://127.0.0.1 share.');
  });

  it('reports a stream that is still waiting', () => {
    const s = new Scenario();
    six(s);
    s.es('late', 1000, { tabId: 1 });
    const found = runDetector(detectStalledConnects, s.input({ now: 9000 }));
    expect(found[0]!.evidence).toMatchObject({ waitMs: 8000, outcome: 'still-waiting' });
    expect(found[0]!.message).toContain('has waited 8.0 s and still has not opened');
  });
});
