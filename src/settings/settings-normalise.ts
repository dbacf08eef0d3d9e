// Turns whatever is stored under SETTINGS_KEY (older versions, hand edits, another build) into
// valid Settings. Pure: a bad value gets its default and a reason, a bad list entry is dropped
// with a reason; nothing throws. The options page checks single inputs with the same checks.

import { PROTOCOLS, isProtocolId } from '../protocols/registry';
import type { FieldOverride } from '../contracts/settings';
import { checkHostPattern } from './host-pattern';
import { LIMITS } from '../contracts/protocol';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type RecordMode, type Settings } from '../contracts/settings';

export interface Normalised {
  settings: Settings;
  /** One line per value that was replaced or dropped. */
  problems: string[];
}

/** Smallest payload cap: enough for a typical JSON message's head. */
export const MIN_PAYLOAD_CAP_BYTES = 64;
/** The hook never hands over more than its own cap; the background cannot keep more. */
export const MAX_PAYLOAD_CAP_BYTES = LIMITS.payloadCapBytes;
export const MAX_RETENTION_DAYS = 3650;
/** A size limit below this would delete a session while it is being recorded. */
export const MIN_RETENTION_BYTES = 1024 * 1024;
export const MAX_LIST_ENTRIES = 500;
const MAX_PATTERN_CHARS = 2048;

export function normaliseSettings(raw: unknown): Normalised {
  const problems: string[] = [];
  const s = structuredCloneSettings(DEFAULT_SETTINGS);
  if (raw === undefined || raw === null) return { settings: s, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('Stored settings are not an object: defaults used.');
    return { settings: s, problems };
  }
  const r = raw as Record<string, unknown>;
  if (r.version !== undefined && r.version !== SETTINGS_VERSION) problems.push(`Settings version ${String(r.version)} read as version ${SETTINGS_VERSION}.`);

  if (r.recordMode !== undefined) {
    if (isRecordMode(r.recordMode)) s.recordMode = r.recordMode;
    else problems.push(`recordMode ${JSON.stringify(r.recordMode)} is not all, listed or none: "${s.recordMode}" used.`);
  }
  s.sites = hostList(r.sites, 'sites', problems);
  s.excludedSites = hostList(r.excludedSites, 'excludedSites', problems);
  s.payloadCapBytes = intIn(r.payloadCapBytes, 'payloadCapBytes', MIN_PAYLOAD_CAP_BYTES, MAX_PAYLOAD_CAP_BYTES, s.payloadCapBytes, problems);
  s.retentionDays = intIn(r.retentionDays, 'retentionDays', 0, MAX_RETENTION_DAYS, s.retentionDays, problems);
  s.retentionMaxBytes = intIn(r.retentionMaxBytes, 'retentionMaxBytes', 0, Number.MAX_SAFE_INTEGER, s.retentionMaxBytes, problems);
  if (s.retentionMaxBytes > 0 && s.retentionMaxBytes < MIN_RETENTION_BYTES) {
    problems.push(`retentionMaxBytes ${s.retentionMaxBytes} is below ${MIN_RETENTION_BYTES}: ${MIN_RETENTION_BYTES} used.`);
    s.retentionMaxBytes = MIN_RETENTION_BYTES;
  }
  s.sequenceFields = overrideList(r.sequenceFields, 'sequenceFields', problems);
  s.timestampFields = overrideList(r.timestampFields, 'timestampFields', problems);
  s.protocolOverrides = overrideList(r.protocolOverrides, 'protocolOverrides', problems).filter((o) => {
    const why = checkProtocolChoice(o.path);
    if (why) problems.push(`protocolOverrides: ${JSON.stringify(o)} dropped (${why})`);
    return why === null;
  });
  s.redactJsonKeys = keyList(r.redactJsonKeys, problems);
  return { settings: s, problems };
}

function structuredCloneSettings(d: Settings): Settings {
  return { ...d, sites: [...d.sites], excludedSites: [...d.excludedSites], sequenceFields: [...d.sequenceFields], timestampFields: [...d.timestampFields], protocolOverrides: [...d.protocolOverrides], redactJsonKeys: [...d.redactJsonKeys] };
}

function isRecordMode(x: unknown): x is RecordMode {
  return x === 'all' || x === 'listed' || x === 'none';
}

function intIn(x: unknown, name: string, min: number, max: number, fallback: number, problems: string[]): number {
  if (x === undefined) return fallback;
  if (typeof x !== 'number' || !Number.isFinite(x) || !Number.isInteger(x) || x < min || x > max) {
    problems.push(`${name} ${JSON.stringify(x)} is not a whole number from ${min} to ${max}: ${fallback} used.`);
    return fallback;
  }
  return x;
}

function list(x: unknown, name: string, problems: string[]): unknown[] {
  if (x === undefined) return [];
  if (!Array.isArray(x)) {
    problems.push(`${name} is not a list: empty list used.`);
    return [];
  }
  if (x.length > MAX_LIST_ENTRIES) problems.push(`${name} has ${x.length} entries: the first ${MAX_LIST_ENTRIES} kept.`);
  return x.slice(0, MAX_LIST_ENTRIES);
}

function hostList(x: unknown, name: string, problems: string[]): string[] {
  const out: string[] = [];
  for (const item of list(x, name, problems)) {
    const check = typeof item === 'string' ? checkHostPattern(item) : ({ ok: false, message: 'not text' } as const);
    if (!check.ok) problems.push(`${name}: ${JSON.stringify(item)} dropped (${check.message})`);
    else if (!out.includes(check.pattern)) out.push(check.pattern);
  }
  return out;
}

/** Why a field override is invalid, or null. Shared with the options page's inline errors. */
export function checkFieldOverride(o: { urlPattern: unknown; path: unknown }): string | null {
  if (typeof o.urlPattern !== 'string' || o.urlPattern.trim() === '') return 'Enter a URL pattern, such as wss://api.example.com/*.';
  if (o.urlPattern.length > MAX_PATTERN_CHARS) return `The URL pattern is longer than ${MAX_PATTERN_CHARS} characters.`;
  if (o.path === null) return null;
  if (typeof o.path !== 'string' || o.path.trim() === '') return 'Enter a JSON path such as meta.seq, or choose "off".';
  if (o.path.split('.').some((part) => part === '')) return `"${o.path}" has an empty part: write paths like meta.seq or 0.ts.`;
  return null;
}

/** A protocol override's choice: a decoder id, or null (raw). */
export function checkProtocolChoice(path: string | null): string | null {
  if (path === null || isProtocolId(path)) return null;
  return `"${path}" is not a protocol: use one of ${PROTOCOLS.map((p) => p.id).join(', ')}, or choose "off" (raw).`;
}

function overrideList(x: unknown, name: string, problems: string[]): FieldOverride[] {
  const out: FieldOverride[] = [];
  for (const item of list(x, name, problems)) {
    const o = item && typeof item === 'object' ? (item as Record<string, unknown>) : { urlPattern: undefined, path: undefined };
    const why = checkFieldOverride({ urlPattern: o.urlPattern, path: o.path });
    if (why) problems.push(`${name}: ${JSON.stringify(item)} dropped (${why})`);
    else out.push({ urlPattern: (o.urlPattern as string).trim(), path: o.path === null ? null : (o.path as string).trim() });
  }
  return out;
}

function keyList(x: unknown, problems: string[]): string[] {
  const out: string[] = [];
  for (const item of list(x, 'redactJsonKeys', problems)) {
    if (typeof item !== 'string' || item.trim() === '' || item.length > 256) problems.push(`redactJsonKeys: ${JSON.stringify(item)} dropped (not a key name).`);
    else if (!out.includes(item.trim())) out.push(item.trim());
  }
  return out;
}
