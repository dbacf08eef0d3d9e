import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario, makeJwt } from '../test-scenario';
import { detectAbnormalCloses } from './abnormal-close';

const run = (s: Scenario) => runDetector(detectAbnormalCloses, s.input());

describe('abnormal-close', () => {
  it('finds nothing for orderly closes, page-initiated closes, going-away codes or application codes', () => {
    const s = new Scenario();
    s.ws('a', 0).open(10).close(100, 1000);
    s.ws('b', 0, { url: 'ws://h/b' }).open(10).close(100, 4001, true, 'bye');
    s.ws('c', 0, { url: 'ws://h/c' }).closeCall(5).close(6, 1006, false);
    s.ws('d', 0, { url: 'ws://h/d' }).open(10).close(100, 1001);
    s.ws('e', 0, { url: 'ws://h/e' }).open(10).closeCall(50, 1000).close(60, 1000);
    s.es('f', 0).open(10).error(100, 0);
    expect(run(s)).toEqual([]);
  });

  it('reports a dropped connection with its meaning and open time', () => {
    const s = new Scenario();
    s.ws('a', 0).open(10).recv(20, 'x').close(182_010, 1006);
    const [f] = run(s);
    expect(f).toMatchObject({ kind: 'abnormal-close', severity: 'warning', t: 182_010, evidence: { code: 1006, codeName: 'abnormal closure', wasClean: false, opened: true, openForMs: 182_000, close: { connectionId: 'a', seq: 3 } } });
    expect(f!.message).toBe('WebSocket ws://127.0.0.1:9000/ws closed with 1006 (abnormal closure) after 3 min 2 s open — no close frame arrived, so the connection dropped (network, proxy idle timeout, or a crashed server).');
  });

  it('reports a failed connect, server errors as errors, policy closes and unclean closes', () => {
    const s = new Scenario();
    s.ws('a', 0).error(5, 3).close(6, 1006);
    s.ws('b', 0, { url: 'ws://h/b' }).open(10).close(20, 1011, true, 'boom');
    s.ws('c', 0, { url: 'ws://h/c' }).open(10).close(20, 1008, true, 'auth');
    s.ws('d', 0, { url: 'ws://h/d' }).open(10).close(20, 4000, false);
    const found = run(s);
    expect(found.map((f) => [f.connectionIds[0], f.severity, f.evidence.code])).toEqual([['a', 'warning', 1006], ['b', 'error', 1011], ['c', 'warning', 1008], ['d', 'warning', 4000]]);
    expect(found[0]!.message).toMatch(/could not connect: it closed with 1006 \(abnormal closure\) before opening/);
    expect(found[1]!.message).toContain('with 1011 (internal server error) (reason "boom")');
    expect(found[3]!.message).toContain('it closed uncleanly with 4000 (application-defined)');
  });

  it('lowers a drop the lineage recovered from to info, but not a server error', () => {
    const s = new Scenario();
    s.ws('a', 0).open(10).close(1000, 1006);
    s.ws('a2', 1500).close(1510, 1006);
    s.ws('a3', 3000).open(3200);
    s.ws('b', 0, { url: 'ws://h/b' }).open(10).close(1000, 1011);
    s.ws('b2', 1100, { url: 'ws://h/b' }).open(1200);
    const found = run(s);
    expect(found.map((f) => [f.connectionIds.join('+'), f.severity, f.evidence.recovered])).toEqual([
      ['a+a3', 'info', true], ['a2+a3', 'info', true], ['b+b2', 'error', true],
    ]);
    expect(found[0]!.message).toContain('; a new socket was open again 2.2 s later.');
  });

  it('a 1008 at the token expiry that the page recovered from is info; without a recovery it stays a warning', () => {
    const T0 = 1_795_538_400_000;
    const url = `ws://h/ws?token=${makeJwt({ exp: (T0 + 2000) / 1000 })}`;
    const s = new Scenario();
    s.ws('a', T0, { url }).open(T0 + 10).close(T0 + 2004, 1008, true, 'token expired');
    s.ws('b', T0 + 2010, { url: `ws://h/ws?token=${makeJwt({ exp: (T0 + 4000) / 1000 })}` }).open(T0 + 2020);
    s.ws('c', T0, { url: url.replace('/ws', '/other') }).open(T0 + 10).close(T0 + 2004, 1008, true, 'token expired');
    const found = run(s);
    expect(found.map((f) => [f.connectionIds[0], f.severity, f.evidence.atTokenExpiry])).toEqual([['a', 'info', true], ['c', 'warning', true]]);
    expect(found[0]!.message).toContain('at the expiry of its token, so the server enforces token expiry');
  });
});
