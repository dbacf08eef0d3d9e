import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../contracts/settings';
import { MIN_RETENTION_BYTES, normaliseSettings } from './settings-normalise';

describe('normaliseSettings', () => {
  it('nothing stored: defaults, no problems', () => {
    expect(normaliseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('keeps valid values and normalises lists', () => {
    const { settings, problems } = normaliseSettings({
      version: 1,
      recordMode: 'listed',
      sites: [' Example.com', '*.test', 'example.com'],
      excludedSites: ['127.0.0.1:8080'],
      payloadCapBytes: 4096,
      retentionDays: 0,
      retentionMaxBytes: 0,
      sequenceFields: [{ urlPattern: 'wss://a/*', path: 'meta.seq' }, { urlPattern: 'wss://b/*', path: null }],
      timestampFields: [{ urlPattern: ' ws://c/* ', path: ' ts ' }],
      redactJsonKeys: ['password', 'password', ' token '],
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      version: 1,
      recordMode: 'listed',
      sites: ['example.com', '*.test'],
      excludedSites: ['127.0.0.1:8080'],
      payloadCapBytes: 4096,
      retentionDays: 0,
      retentionMaxBytes: 0,
      sequenceFields: [{ urlPattern: 'wss://a/*', path: 'meta.seq' }, { urlPattern: 'wss://b/*', path: null }],
      timestampFields: [{ urlPattern: 'ws://c/*', path: 'ts' }],
      protocolOverrides: [],
      redactJsonKeys: ['password', 'token'],
    });
  });

  it('bad values get their default and a reason', () => {
    const { settings, problems } = normaliseSettings({
      recordMode: 'some',
      payloadCapBytes: 10 * 1024 * 1024,
      retentionDays: -1,
      retentionMaxBytes: 1000,
      sites: 'example.com',
      excludedSites: ['https://x.com/', 42],
      sequenceFields: [{ urlPattern: '', path: 'seq' }, { urlPattern: 'wss://a/*', path: 'a..b' }, 'x'],
      redactJsonKeys: ['', 7],
    });
    expect(settings.recordMode).toBe(DEFAULT_SETTINGS.recordMode);
    expect(settings.payloadCapBytes).toBe(DEFAULT_SETTINGS.payloadCapBytes);
    expect(settings.retentionDays).toBe(DEFAULT_SETTINGS.retentionDays);
    expect(settings.retentionMaxBytes).toBe(MIN_RETENTION_BYTES);
    expect(settings.sites).toEqual([]);
    expect(settings.excludedSites).toEqual([]);
    expect(settings.sequenceFields).toEqual([]);
    expect(settings.redactJsonKeys).toEqual([]);
    expect(problems).toHaveLength(12);
    expect(problems.join('\n')).toMatch(/recordMode "some" is not all, listed or none/);
    expect(problems.join('\n')).toMatch(/payloadCapBytes 10485760 is not a whole number from 64 to 1048576/);
    expect(problems.join('\n')).toMatch(/looks like a URL/);
    expect(problems.join('\n')).toMatch(/has an empty part/);
  });

  it('not an object: defaults with a reason', () => {
    expect(normaliseSettings('x')).toEqual({ settings: DEFAULT_SETTINGS, problems: ['Stored settings are not an object: defaults used.'] });
  });

  it('returns fresh lists (callers may mutate them)', () => {
    const a = normaliseSettings(undefined).settings;
    a.sites.push('x.test');
    expect(DEFAULT_SETTINGS.sites).toEqual([]);
  });
});

describe('protocolOverrides', () => {
  it('keeps known protocols and "off", and drops what is not a protocol, saying why', () => {
    const { settings, problems } = normaliseSettings({
      protocolOverrides: [
        { urlPattern: 'wss://a.example/*', path: 'socket.io' },
        { urlPattern: 'wss://b.example/*', path: null },
        { urlPattern: 'wss://c.example/*', path: 'kafka' },
      ],
    });
    expect(settings.protocolOverrides).toEqual([
      { urlPattern: 'wss://a.example/*', path: 'socket.io' },
      { urlPattern: 'wss://b.example/*', path: null },
    ]);
    expect(problems.some((p) => p.includes('"kafka" is not a protocol'))).toBe(true);
    expect(normaliseSettings(undefined).settings.protocolOverrides).toEqual([]);
  });
});
