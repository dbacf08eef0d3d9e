// Secret-named parameters in free text (issue 13): after a space, in a close reason, in SSE data
// and text frames, as well as in URLs — through the same redactor the exports use.
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact';
import type { LogConnection, LogEvent } from '../contracts/session-log-format';

const r = createRedactor({});
const SECRET = 'abc123DEF456ghi789';
const masked = '*'.repeat(SECRET.length);

describe('free-text secret parameters', () => {
  it('are masked in a close reason after a space or a semicolon', () => {
    expect(r.text(`reauth required; access_token=${SECRET}`)).toBe(`reauth required; access_token=${masked}`);
    expect(r.text(`expired token=${SECRET}, retry`)).toBe(`expired token=${masked}, retry`);
    const conn = { id: 'c', url: 'ws://h/x', frameUrl: 'http://h/', close: { code: 1008, reason: `bad auth_token=${SECRET}`, wasClean: true } } as unknown as LogConnection;
    expect(r.connection(conn).close!.reason).toBe(`bad auth_token=${masked}`);
  });

  it('are masked in SSE data and text frames that are log-like text', () => {
    const ev = (data: string) => ({ connectionId: 'c', seq: 1, t: 0, type: 'message', size: data.length, data }) as unknown as LogEvent;
    expect(r.event(ev(`GET /api (session_id=${SECRET}) took 3 ms`)).data).toBe(`GET /api (session_id=${masked}) took 3 ms`);
    expect(r.event(ev(`[auth] client_secret=${SECRET}\nnext line`)).data).toBe(`[auth] client_secret=${masked}\nnext line`);
    expect(r.event(ev(`{"log": "refresh_token=${SECRET} ok"}`)).data).toBe(`{"log": "refresh_token=${masked} ok"}`);
  });

  it('are still masked in URLs, and other parameters and words are left alone', () => {
    expect(r.text(`wss://h/live?room=1&token=${SECRET}#sig=${SECRET}`)).toBe(`wss://h/live?room=1&token=${masked}#sig=${masked}`);
    expect(r.text('a=b c=d keyboard=1 x==y')).toBe('a=b c=d keyboard=1 x==y');
    expect(r.text(`mytoken=${SECRET}`)).toBe(`mytoken=${masked}`);
  });
});
