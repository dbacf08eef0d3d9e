// Sanitizing a session log (pure): which rules exist, and how each part of a log is redacted.
// The builders (session log, HAR, NDJSON) call these on every row they output, so the three
// formats are sanitized the same way. Applied by default; `includeSensitive` turns it off.

import type { LogConnection, LogEvent, LogFinding, LogPage, LogSanitized, LogVerdict } from '../contracts/session-log-format';
import { isSecretKey, normalizeKey, redactJson } from './redact-json';
import { MASK_CHAR, mask, redactText } from './redact-text';

/** The built-in rules, as named in the log's `sanitized.rules` (docs/session-log.md). */
export const BUILTIN_RULES = ['url-secret-params', 'jwt', 'credential-headers', 'json-secret-keys'] as const;
/** Added to `rules` when the user listed JSON keys (settings.redactJsonKeys). */
export const USER_KEYS_RULE = 'json-user-keys';

export interface Redactor {
  readonly sanitized: LogSanitized;
  text(s: string): string;
  /** A message payload: JSON is redacted structurally, other text by the text rules; binary untouched. */
  payload(data: string, binary: boolean): string;
  page(p: LogPage): LogPage;
  connection(c: LogConnection): LogConnection;
  event(e: LogEvent): LogEvent;
  finding(f: LogFinding): LogFinding;
  verdict(v: LogVerdict): LogVerdict;
}

/** Does nothing, and says so: `sanitized.applied` is false. */
export const NO_REDACTION: Redactor = {
  sanitized: { applied: false, rules: [] },
  text: (s) => s,
  payload: (d) => d,
  page: (p) => p,
  connection: (c) => c,
  event: (e) => e,
  finding: (f) => f,
  verdict: (v) => v,
};

export function createRedactor(opts: { includeSensitive?: boolean; redactJsonKeys?: readonly string[] }): Redactor {
  if (opts.includeSensitive) return NO_REDACTION;
  const userList = [...new Set((opts.redactJsonKeys ?? []).map((k) => k.trim()).filter((k) => k !== ''))];
  const userKeys = new Set(userList.map(normalizeKey));
  const sanitized: LogSanitized = { applied: true, rules: [...BUILTIN_RULES], mask: MASK_CHAR };
  if (userList.length > 0) {
    sanitized.rules.push(USER_KEYS_RULE);
    sanitized.jsonKeys = userList;
  }
  const text = redactText;
  const payload = (data: string, binary: boolean): string => {
    // Base64 of arbitrary bytes: no rule can tell a secret there, so it is left as recorded.
    if (binary) return data;
    const first = /\S/.exec(data)?.[0];
    if (first === '{' || first === '[') {
      const json = redactJson(data, userKeys);
      if (json !== null) return json;
    }
    // Not JSON (or JSON cut by the payload cap): text rules, plus `"key": "value"` pairs.
    return redactJsonLikePairs(text(data), userKeys);
  };
  return {
    sanitized,
    text,
    payload,
    page: (p) => ({ ...p, url: text(p.url) }),
    connection(c) {
      const out: LogConnection = { ...c, url: text(c.url), frameUrl: text(c.frameUrl) };
      if (c.stack !== undefined) out.stack = text(c.stack);
      if (c.requestedProtocols) out.requestedProtocols = c.requestedProtocols.map(text);
      if (c.protocol !== undefined) out.protocol = text(c.protocol);
      if (c.close) out.close = { ...c.close, reason: text(c.close.reason) };
      if (c.closeCall?.reason !== undefined) out.closeCall = { ...c.closeCall, reason: text(c.closeCall.reason) };
      return out;
    },
    event(e) {
      const out: LogEvent = { ...e };
      if (e.data !== undefined) out.data = payload(e.data, e.binary === true);
      if (e.lastEventId !== undefined) out.lastEventId = text(e.lastEventId);
      if (e.reason !== undefined) out.reason = text(e.reason);
      if (e.protocol !== undefined) out.protocol = text(e.protocol);
      // Names and ids come from payloads (topics, event names, operation names).
      if (e.decoded !== undefined) out.decoded = redactStrings(e.decoded, text) as LogEvent['decoded'];
      return out;
    },
    finding: (f) => ({ ...f, message: text(f.message), evidence: redactStrings(f.evidence, text) as Record<string, unknown> }),
    verdict: (v) => ({ ...v, message: text(v.message), evidence: redactStrings(v.evidence, text) as Record<string, unknown> }),
  };
}

/** Every string inside a JSON-like value through `fn` (finding evidence may quote payloads or URLs). */
function redactStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, fn));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactStrings(v, fn);
    return out;
  }
  return value;
}

const PAIR = /"((?:[^"\\\n]|\\.){1,64})"(\s*:\s*)"((?:[^"\\\n]|\\.)*)"/g;

/** `"secretKey": "value"` in text that is not complete JSON (a payload cut by the cap). */
export function redactJsonLikePairs(text: string, userKeys: ReadonlySet<string>): string {
  if (!text.includes('"')) return text;
  return text.replace(PAIR, (whole, key: string, colon: string, value: string) => (isSecretKey(key, userKeys) ? `"${key}"${colon}"${mask(value)}"` : whole));
}
