import { describe, expect, it } from 'vitest';
import { decodeJwtPayload, findJwts } from './jwt';
import { makeJwt as jwt } from './test-scenario';
import type { AnalysisEvent } from './types';


describe('jwt', () => {
  it('decodes a payload without verifying, and rejects non-JWTs', () => {
    expect(decodeJwtPayload(jwt({ sub: 'ü', exp: 10 }))).toEqual({ sub: 'ü', exp: 10 });
    expect(decodeJwtPayload('eyJhbGciOiJub25lIn0.bm90IGpzb24.x')).toBeUndefined();
    expect(decodeJwtPayload('abc')).toBeUndefined();
  });

  it('finds tokens in the query, the URL, subprotocols and the first message, never keeping the token', () => {
    const t1 = jwt({ exp: 1000 });
    const t2 = jwt({ exp: 2000, iat: 1500 });
    const t3 = jwt({ exp: 3000 });
    const t4 = jwt({ exp: 4000 });
    const first = { connectionId: 'c', seq: 2, t: 0, type: 'message', direction: 'out', size: 0, data: JSON.stringify({ type: 'auth', token: t4 }) } as AnalysisEvent;
    const found = findJwts({ url: `wss://h/ws?access_token=${t1}`, requestedProtocols: ['graphql-ws', `bearer.${t2}`], protocol: 'graphql-ws' }, first);
    expect(found.map((s) => [s.where, s.param, s.exp, s.iat])).toEqual([
      ['url-query', 'access_token', 1_000_000, undefined],
      ['subprotocol', undefined, 2_000_000, 1_500_000],
      ['first-message', undefined, 4_000_000, undefined],
    ]);
    expect(found[2]!.event).toEqual({ connectionId: 'c', seq: 2 });
    expect(JSON.stringify(found)).not.toContain(t1.split('.')[1]);
    expect(findJwts({ url: `wss://h/ws/${t3}` })[0]).toMatchObject({ where: 'url', exp: 3_000_000 });
    expect(findJwts({ url: 'wss://h/ws?token=opaque-session-id' })).toEqual([]);
  });
});
