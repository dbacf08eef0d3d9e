import { describe, expect, it } from 'vitest';
import { checkHostPattern, hostMatches } from './host-pattern';
import { isSiteRecorded } from './recording-scope';

describe('checkHostPattern', () => {
  it('normalises valid patterns', () => {
    expect(checkHostPattern(' Example.COM ')).toEqual({ ok: true, pattern: 'example.com' });
    expect(checkHostPattern('*.example.com')).toEqual({ ok: true, pattern: '*.example.com' });
    expect(checkHostPattern('localhost:8080')).toEqual({ ok: true, pattern: 'localhost:8080' });
    expect(checkHostPattern('127.0.0.1')).toEqual({ ok: true, pattern: '127.0.0.1' });
    expect(checkHostPattern('[::1]:3000')).toEqual({ ok: true, pattern: '[::1]:3000' });
    expect(checkHostPattern('[::1]')).toEqual({ ok: true, pattern: '[::1]' });
  });
  it('explains what is wrong', () => {
    const url = checkHostPattern('https://example.com/path');
    expect(url.ok).toBe(false);
    expect(!url.ok && url.message).toContain('enter only the host, such as example.com');
    expect(checkHostPattern('')).toMatchObject({ ok: false, message: expect.stringContaining('Empty') });
    expect(checkHostPattern('foo.*.com')).toMatchObject({ ok: false, message: expect.stringContaining('first label') });
    expect(checkHostPattern('exa mple.com')).toMatchObject({ ok: false, message: expect.stringContaining('not a valid host') });
    expect(checkHostPattern('example.com:70000')).toMatchObject({ ok: false, message: expect.stringContaining('out of range') });
    expect(checkHostPattern('-bad.com')).toMatchObject({ ok: false });
  });
});

describe('hostMatches', () => {
  const u = (s: string) => new URL(s);
  it('matches a host on any port unless the pattern has one', () => {
    expect(hostMatches(u('http://example.com:8080/x'), 'example.com')).toBe(true);
    expect(hostMatches(u('http://sub.example.com/'), 'example.com')).toBe(false);
    expect(hostMatches(u('http://localhost:8080/'), 'localhost:8080')).toBe(true);
    expect(hostMatches(u('http://localhost:8081/'), 'localhost:8080')).toBe(false);
    expect(hostMatches(u('https://example.com/'), 'example.com:443')).toBe(true);
    expect(hostMatches(u('http://example.com/'), 'example.com:80')).toBe(true);
    expect(hostMatches(u('http://[::1]:3000/'), '[::1]:3000')).toBe(true);
  });
  it('wildcards cover the domain and its subdomains, not look-alikes', () => {
    expect(hostMatches(u('https://a.b.example.com/'), '*.example.com')).toBe(true);
    expect(hostMatches(u('https://example.com/'), '*.example.com')).toBe(true);
    expect(hostMatches(u('https://badexample.com/'), '*.example.com')).toBe(false);
  });
});

describe('isSiteRecorded', () => {
  const base = { recordMode: 'all' as const, sites: [], excludedSites: [] };
  it('all / listed / none, exclusions win', () => {
    expect(isSiteRecorded('http://127.0.0.1:5000/', base)).toBe(true);
    expect(isSiteRecorded('http://127.0.0.1:5000/', { ...base, excludedSites: ['127.0.0.1'] })).toBe(false);
    expect(isSiteRecorded('http://a.test/', { ...base, recordMode: 'listed', sites: ['*.test'] })).toBe(true);
    expect(isSiteRecorded('http://a.other/', { ...base, recordMode: 'listed', sites: ['*.test'] })).toBe(false);
    expect(isSiteRecorded('http://a.test/', { recordMode: 'listed', sites: ['*.test'], excludedSites: ['a.test'] })).toBe(false);
    expect(isSiteRecorded('http://a.test/', { ...base, recordMode: 'none' })).toBe(false);
  });
  it('a document without a URL is recorded only in "all" mode', () => {
    expect(isSiteRecorded(undefined, base)).toBe(true);
    expect(isSiteRecorded('not a url', { ...base, recordMode: 'listed', sites: ['x.test'] })).toBe(false);
  });
});
