import { describe, expect, it } from 'vitest';
import { DEFAULT_DURATION_MS, DEFAULT_TIMEOUT_MS, parseRecordArgs, UsageError } from './cli-args';

function usageError(argv: string[]): string {
  try {
    parseRecordArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseRecordArgs', () => {
  it('applies defaults', () => {
    expect(parseRecordArgs(['--url', 'http://127.0.0.1:8080/a', '--out', 'log.json'])).toEqual({
      urls: ['http://127.0.0.1:8080/a'],
      browser: 'chromium',
      durationMs: DEFAULT_DURATION_MS,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      out: 'log.json',
      headless: true,
      format: 'session-log',
      includeSensitive: false,
      faults: [],
      expectRecovery: false,
    });
  });

  it('takes repeated --url and every option', () => {
    const opts = parseRecordArgs([
      '--url', 'https://example.test/',
      '--url', 'http://localhost:3000/x?y=1',
      '--browser', 'firefox',
      '--duration', '500',
      '--wait-for', 'window.done === true',
      '--timeout', '9000',
      '-o', 'out/x.json',
      '--headful',
      '--format', 'har',
      '--include-sensitive',
    ]);
    expect(opts).toEqual({
      urls: ['https://example.test/', 'http://localhost:3000/x?y=1'],
      browser: 'firefox',
      durationMs: 500,
      waitFor: 'window.done === true',
      timeoutMs: 9000,
      out: 'out/x.json',
      headless: false,
      format: 'har',
      includeSensitive: true,
      faults: [],
      expectRecovery: false,
    });
  });

  it('rejects an unknown --format', () => {
    expect(usageError(['--url', 'http://h/', '--out', 'x', '--format', 'xml'])).toMatch(/unknown --format "xml": use json, har or ndjson/);
  });

  it('returns help for --help even with nothing else', () => {
    expect(parseRecordArgs(['--help'])).toBe('help');
  });

  it('rejects a missing or invalid URL', () => {
    expect(usageError(['--out', 'x.json'])).toMatch(/missing --url/);
    expect(usageError(['--url', 'not a url', '--out', 'x.json'])).toMatch(/invalid --url "not a url"/);
    expect(usageError(['--url', 'file:///etc/passwd', '--out', 'x.json'])).toMatch(/only http and https/);
    expect(usageError(['--url', 'ws://127.0.0.1/', '--out', 'x.json'])).toMatch(/only http and https/);
  });

  it('rejects a missing --out', () => {
    expect(usageError(['--url', 'http://127.0.0.1/'])).toMatch(/missing --out/);
  });

  it('rejects an unknown browser', () => {
    expect(usageError(['--url', 'http://127.0.0.1/', '--out', 'x', '--browser', 'safari'])).toMatch(/unknown --browser "safari"/);
  });

  it('rejects bad numbers and unknown options', () => {
    expect(usageError(['--url', 'http://127.0.0.1/', '--out', 'x', '--duration', '3s'])).toMatch(/invalid --duration "3s"/);
    expect(usageError(['--url', 'http://127.0.0.1/', '--out', 'x', '--timeout', '-1'])).toMatch(/--timeout/);
    expect(usageError(['--url', 'http://127.0.0.1/', '--out', 'x', '--timeout', '0'])).toMatch(/--timeout 0/);
    expect(usageError(['--url', 'http://127.0.0.1/', '--out', 'x', '--colour'])).toMatch(/--colour/);
    expect(usageError(['--url', 'http://127.0.0.1/', '--out', 'x', 'stray'])).toMatch(/stray/);
  });
});

describe('--fault', () => {
  it('takes repeated faults and --expect-recovery, and says what is wrong with a bad one', () => {
    const o = parseRecordArgs(['--url', 'http://127.0.0.1/', '--out', 'x.json', '--fault', 'drop:/feed@2s/5s', '--fault', 'drop-messages:/feed@4s/2', '--expect-recovery']);
    expect(o).toMatchObject({ expectRecovery: true, faults: [{ match: '/feed', atMs: 2000, action: { kind: 'drop', refuseMs: 5000 } }, { atMs: 4000, action: { kind: 'messages', mode: 'drop', count: 2 } }] });
    expect(() => parseRecordArgs(['--url', 'http://127.0.0.1/', '--out', 'x.json', '--fault', 'drop:/feed'])).toThrow(UsageError);
    expect(() => parseRecordArgs(['--url', 'http://127.0.0.1/', '--out', 'x.json', '--expect-recovery'])).toThrow(/needs at least one --fault/);
  });
});
