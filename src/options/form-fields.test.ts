import { describe, expect, it } from 'vitest';
import { parseHostLines, parseKeyLines, parsePayloadCapKiB, parseRetentionDays, parseRetentionMb } from './form-fields';

describe('options form fields', () => {
  it('host lines: normalised, blank lines ignored, bad lines named', () => {
    expect(parseHostLines('Example.com\n\n*.test\nexample.com')).toEqual({ ok: true, value: ['example.com', '*.test'] });
    const bad = parseHostLines('ok.test\nhttp://x.test/a');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Line 2: "http:\/\/x.test\/a" looks like a URL: enter only the host, such as x.test\.$/);
  });
  it('keys: lines or commas, deduplicated', () => {
    expect(parseKeyLines('password, token\npassword\n')).toEqual({ ok: true, value: ['password', 'token'] });
  });
  it('numbers: whole, in range, with the unit the page shows', () => {
    expect(parsePayloadCapKiB('64')).toEqual({ ok: true, value: 65536 });
    expect(parsePayloadCapKiB('2048')).toMatchObject({ ok: false, message: 'Enter a whole number of KiB from 1 to 1024.' });
    expect(parsePayloadCapKiB('1.5')).toMatchObject({ ok: false });
    expect(parseRetentionDays('0')).toEqual({ ok: true, value: 0 });
    expect(parseRetentionDays('-3')).toMatchObject({ ok: false });
    expect(parseRetentionMb('512')).toEqual({ ok: true, value: 512 * 1024 * 1024 });
    expect(parseRetentionMb('0')).toEqual({ ok: true, value: 0 });
    expect(parseRetentionMb('')).toMatchObject({ ok: false, message: 'Enter a whole number of MB, or 0 for no limit.' });
  });
});
