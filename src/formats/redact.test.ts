import { describe, expect, it } from 'vitest';
import type { LogConnection, LogEvent } from '../contracts/session-log-format';
import { createRedactor } from './redact';
import { redactJson } from './redact-json';
import { redactHeaderLines, redactJwts, redactQueryParams, redactText } from './redact-text';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLXBhcnQ';
const stars = (n: number) => '*'.repeat(n);

describe('URL query parameters', () => {
  it('masks secret parameters in URLs, keeping length, names and other parameters', () => {
    const url = 'wss://api.example.com/feed?room=7&access_token=abc123&Signature=ZZ%2Fq&x=1#code=987';
    const out = redactQueryParams(url);
    expect(out).toBe('wss://api.example.com/feed?room=7&access_token=******&Signature=******&x=1#code=***');
    expect(out).toHaveLength(url.length);
  });
  it('masks names that contain token / secret / password, and leaves harmless ones', () => {
    expect(redactQueryParams('http://h/?csrfToken=aa&client-secret=bbb&page=2&keyboard=qwerty')).toBe('http://h/?csrfToken=**&client-secret=***&page=2&keyboard=qwerty');
  });
  it('masks a payload that is itself a form body, and parameters inside longer text', () => {
    expect(redactQueryParams('password=hunter2&user=bob')).toBe('password=*******&user=bob');
    expect(redactQueryParams('GET /x?key=K1 HTTP/1.1')).toBe('GET /x?key=** HTTP/1.1');
  });
  it('leaves empty values and text without parameters alone', () => {
    expect(redactQueryParams('http://h/?token=&a=1')).toBe('http://h/?token=&a=1');
    expect(redactQueryParams('no params here')).toBe('no params here');
  });
});

describe('JWTs and credential headers', () => {
  it('masks JWT-shaped values anywhere in text', () => {
    expect(redactJwts(`Bearer ${JWT} rest`)).toBe(`Bearer ${stars(JWT.length)} rest`);
    expect(redactJwts('eyJ but not a token')).toBe('eyJ but not a token');
  });
  it('masks Cookie / Authorization / Set-Cookie / Proxy-Authorization values, keeping the scheme word', () => {
    const frame = 'CONNECT\naccept-version:1.2\nAuthorization: Bearer abc.def\ncookie: sid=1; theme=dark\r\nSet-Cookie: a=b; Path=/\nProxy-Authorization: Basic dTpw\n\n';
    expect(redactHeaderLines(frame)).toBe(
      `CONNECT\naccept-version:1.2\nAuthorization: Bearer ${stars(7)}\ncookie: ${stars(17)}\r\nSet-Cookie: ${stars(11)}\nProxy-Authorization: Basic ${stars(4)}\n\n`,
    );
  });
  it('stops at an escaped newline inside JSON text', () => {
    expect(redactHeaderLines('x\\nAuthorization: tok\\nnext')).toBe('x\\nAuthorization: ***\\nnext');
  });
  it('all text rules keep the length', () => {
    const s = `GET /?token=abc\nCookie: a=b\n${JWT}`;
    expect(redactText(s)).toHaveLength(s.length);
    expect(redactText(s)).not.toMatch(/abc|a=b|eyJ/);
  });
});

describe('JSON payloads', () => {
  const none = new Set<string>();
  it('masks secret keys at any depth with the same keys, types, formatting and size', () => {
    const text = '{ "user": "bob", "auth": { "accessToken": "t-123", "expires": 60, "kind": "x" },\n  "items": [{"password": 1234, "ok": true}], "n": null, "total_tokens": 512 }';
    const out = redactJson(text, none)!;
    expect(out).toHaveLength(text.length);
    expect(out).toBe('{ "user": "bob", "auth": { "accessToken": "*****", "expires": 60, "kind": "*" },\n  "items": [{"password": 0   , "ok": true}], "n": null, "total_tokens": 512 }');
    const parsed = JSON.parse(out) as { auth: { expires: number }; items: Array<{ password: number; ok: boolean }> };
    expect(parsed.auth.expires).toBe(60); // a number under a built-in secret key is a count, not a secret
    expect(parsed.items[0]).toEqual({ password: 0, ok: true });
    expect(JSON.parse(redactJson('{"pin": 4321, "Account-Id": 99}', new Set(['accountid']))!)).toEqual({ pin: 0, 'Account-Id': 0 });
  });
  it('applies the text rules inside other strings (URLs, JWTs), escapes intact', () => {
    const text = JSON.stringify({ next: 'https://h/p?sig=abc&page=2', note: `tok ${JWT}`, q: 'say \\"hi\\"' });
    const out = redactJson(text, none)!;
    expect(JSON.parse(out)).toEqual({ next: 'https://h/p?sig=***&page=2', note: `tok ${stars(JWT.length)}`, q: 'say \\"hi\\"' });
  });
  it('masks the keys the user listed (normalized: case, - and _), and escaped keys', () => {
    const text = '{"Customer-Email":"a@b.c","customer_email2":"x","\\u0070assword":"pw"}';
    const out = redactJson(text, new Set(['customeremail']))!;
    expect(JSON.parse(out)).toEqual({ 'Customer-Email': '*****', customer_email2: 'x', password: '**' });
  });
  it('returns null for text that is not one complete JSON value', () => {
    expect(redactJson('{"a": 1', none)).toBeNull();
    expect(redactJson('{"a": 1} trailing', none)).toBeNull();
    expect(redactJson('[1, 2,]', none)).toBeNull();
  });
});

describe('createRedactor', () => {
  const conn: LogConnection = {
    id: 'c1', pageId: 'p1', kind: 'websocket', url: 'wss://h/ws?token=secret1', origin: 'wss://h', frameUrl: 'https://h/app?session=zz', createdAt: 1,
    requestedProtocols: ['chat', JWT], stack: 'at https://h/app.js?key=abc:1:2',
  };
  const ev = (data: string, extra: Partial<LogEvent> = {}): LogEvent => ({ connectionId: 'c1', seq: 1, t: 1, type: 'message', direction: 'in', data, size: data.length, ...extra });

  it('is on unless includeSensitive, and says which rules applied', () => {
    expect(createRedactor({}).sanitized).toEqual({ applied: true, rules: ['url-secret-params', 'jwt', 'credential-headers', 'json-secret-keys'], mask: '*' });
    expect(createRedactor({ redactJsonKeys: ['email', ' '] }).sanitized.rules).toContain('json-user-keys');
    expect(createRedactor({ redactJsonKeys: ['email'] }).sanitized.jsonKeys).toEqual(['email']);
    const off = createRedactor({ includeSensitive: true });
    expect(off.sanitized).toEqual({ applied: false, rules: [] });
    expect(off.connection(conn)).toBe(conn);
  });
  it('redacts connection and frame URLs, subprotocols and stacks', () => {
    const out = createRedactor({}).connection(conn);
    expect(out.url).toBe('wss://h/ws?token=*******');
    expect(out.frameUrl).toBe('https://h/app?session=**');
    expect(out.requestedProtocols).toEqual(['chat', stars(JWT.length)]);
    expect(out.stack).toBe('at https://h/app.js?key=*******'); // the value runs to the next separator
    expect(conn.url).toBe('wss://h/ws?token=secret1'); // input untouched
  });
  it('redacts payloads by kind: JSON structurally, cut JSON by pairs, binary untouched; size stays', () => {
    const r = createRedactor({ redactJsonKeys: ['email'] });
    expect(r.event(ev('{"email":"a@b","n":1}')).data).toBe('{"email":"***","n":1}');
    expect(r.event(ev('{"token":"abcdef","more":"x', { truncated: true, size: 999 }))).toMatchObject({ data: '{"token":"******","more":"x', size: 999 });
    expect(r.event(ev('dG9rZW49YWJj', { binary: true })).data).toBe('dG9rZW49YWJj');
    expect(r.event(ev(`hello ${JWT}`)).data).toBe(`hello ${stars(JWT.length)}`);
  });
  it('redacts strings inside finding evidence and messages', () => {
    const f = createRedactor({}).finding({ id: 'f', kind: 'k', severity: 'info', t: 1, connectionIds: ['c1'], message: 'to wss://h/?token=abc', evidence: { url: 'wss://h/?token=abc', n: 3, list: [{ jwt: JWT }] } });
    expect(f.message).toBe('to wss://h/?token=***');
    expect(f.evidence).toEqual({ url: 'wss://h/?token=***', n: 3, list: [{ jwt: stars(JWT.length) }] });
  });
});
