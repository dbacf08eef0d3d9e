import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario, makeJwt } from '../test-scenario';
import { detectExpiredCredentials } from './credential-expired';
import { CREDENTIAL_EXPIRY_SKEW_MS } from '../thresholds';

const run = (s: Scenario, now?: number) => runDetector(detectExpiredCredentials, s.input(now === undefined ? undefined : { now }));
const T0 = 1_795_538_400_000;
const token = (expMs: number) => makeJwt({ sub: 'u1', iat: (T0 - 3_600_000) / 1000, exp: expMs / 1000 });

describe('credential-expired', () => {
  it('finds nothing when connections close before their token expires, or carry no expiring token', () => {
    const s = new Scenario();
    s.ws('a', T0, { url: `ws://h/ws?token=${token(T0 + 60_000)}` }).open(T0 + 10).close(T0 + 50_000, 1000);
    s.ws('b', T0, { url: `ws://h/b?token=${makeJwt({ sub: 'no-exp' })}` }).open(T0 + 10);
    s.ws('c', T0, { url: 'ws://h/c?token=opaque' }).open(T0 + 10);
    s.ws('d', T0, { url: 'ws://h/d' }).open(T0 + 10).send(T0 + 20, JSON.stringify({ auth: token(T0 + 600_000) }));
    expect(run(s, T0 + 100_000)).toEqual([]);
  });

  it('warns when a connection outlives its token, and says it is ongoing', () => {
    const s = new Scenario();
    s.ws('a', T0, { url: `ws://h/ws?access_token=${token(T0 + 60_000)}` }).open(T0 + 10);
    const [f] = run(s, T0 + 60_000 + 25 * 60_000);
    expect(f).toMatchObject({
      kind: 'credential-expired', severity: 'warning', t: T0 + 60_000,
      evidence: { where: 'url-query', param: 'access_token', expiresAt: T0 + 60_000, expiredForMs: 25 * 60_000, ongoing: true, lifetimeMs: 3_660_000 },
    });
    expect(f!.message).toBe('WebSocket ws://h/ws?… is still open 25 min after the token in its URL (access_token) expired, so the server is trusting a credential that is no longer valid.');
    expect(JSON.stringify(f)).not.toContain('eyJ');
  });

  it('finds the token in the first outgoing message and in subprotocols', () => {
    const s = new Scenario();
    s.ws('a', T0, { url: 'ws://h/a' }).open(T0 + 10).send(T0 + 20, JSON.stringify({ type: 'auth', jwt: token(T0 + 1000) })).close(T0 + 5000, 1000);
    s.ws('b', T0, { url: 'ws://h/b', requestedProtocols: ['v1', `auth.${token(T0 + 2000)}`] }).open(T0 + 10).close(T0 + 5000, 1000);
    const found = run(s);
    expect(found.map((f) => [f.connectionIds[0], f.evidence.where, f.evidence.expiredForMs])).toEqual([['a', 'first-message', 4000], ['b', 'subprotocol', 3000]]);
    expect(found[0]!.evidence.event).toEqual({ connectionId: 'a', seq: 2 });
  });

  it('reports a reconnect that reuses the expired token as an error', () => {
    const s = new Scenario();
    const url = `ws://h/ws?token=${token(T0 + 60_000)}`;
    s.ws('a', T0, { url }).open(T0 + 10).close(T0 + 50_000, 1006);
    s.ws('b', T0 + 120_000, { url }).open(T0 + 120_010);
    const found = run(s);
    expect(found).toHaveLength(1);
    const reuse = found[0]!;
    expect(reuse).toMatchObject({ connectionIds: ['a', 'b'], evidence: { attempt: 2, sameTokenAsPreviousAttempt: true, expiredForMs: 60_000, serverAccepted: true } });
    expect(reuse.message).toBe('WebSocket ws://h/ws?… reconnected reusing a token in its URL (token) that had expired 1 min earlier, and the server accepted it.');
  });

  it('counts EventSource reconnects that resent an expired token in the URL', () => {
    const s = new Scenario();
    s.es('a', T0, { url: `http://h/feed?token=${token(T0 + 10_000)}` }).open(T0 + 10).error(T0 + 20_000, 0).open(T0 + 23_000).closeCall(T0 + 30_000);
    const [f] = run(s);
    expect(f!.evidence).toMatchObject({ reconnectsAfterExpiry: 1, expiredForMs: 20_000, ongoing: false });
  });

  it('a server that closes at exp (within the clock skew tolerance) enforces expiry: info, not a warning', () => {
    for (const delta of [3, 40, CREDENTIAL_EXPIRY_SKEW_MS, -500]) {
      const s = new Scenario();
      s.ws('a', T0, { url: `ws://h/ws?token=${token(T0 + 2000)}` }).open(T0 + 10).close(T0 + 2000 + delta, 1008, true, 'token expired');
      const found = run(s);
      expect(found.map((f) => f.severity)).toEqual(['info']);
      expect(found[0]!.evidence).toMatchObject({ enforcedByServer: true, closeAfterExpiryMs: delta, closeCode: 1008 });
      expect(found[0]!.message).toMatch(/the server enforces token expiry\.$/);
    }
  });

  it('warns only past the skew tolerance, and when the page (not the server) closed after exp', () => {
    const s = new Scenario();
    s.ws('a', T0, { url: `ws://h/a?token=${token(T0 + 2000)}` }).open(T0 + 10).close(T0 + 2000 + CREDENTIAL_EXPIRY_SKEW_MS + 1, 1008);
    s.ws('b', T0, { url: `ws://h/b?token=${token(T0 + 2000)}` }).open(T0 + 10).closeCall(T0 + 2000 + CREDENTIAL_EXPIRY_SKEW_MS + 300, 1000).close(T0 + 2000 + CREDENTIAL_EXPIRY_SKEW_MS + 301, 1000);
    s.ws('c', T0, { url: `ws://h/c?token=${token(T0 + 2000)}` }).open(T0 + 10).closeCall(T0 + 2300, 1000).close(T0 + 2301, 1000);
    expect(run(s).map((f) => [f.connectionIds[0], f.severity])).toEqual([['a', 'warning'], ['b', 'warning']]);
  });
});
