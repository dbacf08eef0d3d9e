// Redaction of JSON text in place (pure). A tiny JSON scanner walks the text and rewrites only the
// characters of values it masks, so the result is the same bytes apart from masks: formatting,
// key order, sizes, types and validity are kept. A string value is masked to the same number of
// `*` (its raw, escaped length); a number under a password-like or user-listed key becomes `0`
// padded with spaces to its length (still a number, still valid JSON); numbers under other
// built-in secret keys (`total_tokens: 512`) are counts and stay. Text that is not JSON returns null.

import { mask, redactText } from './redact-text';

/** JSON keys whose values are secrets (compared lower-case with `-` and `_` removed). */
const SECRET_KEY_PARTS = ['password', 'passwd', 'secret', 'token', 'authorization', 'cookie', 'apikey', 'privatekey', 'sessionid', 'signature', 'credential'];
const SECRET_KEYS = new Set(['auth', 'pwd', 'pass', 'jwt', 'sid', 'session', 'otp', 'pin']);

export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** Keys whose numbers are secrets too (a numeric PIN); under other secret keys only strings are. */
const NUMERIC_SECRET_KEYS = new Set(['password', 'passwd', 'pwd', 'pass', 'pin', 'otp']);

export function isSecretKey(key: string, userKeys: ReadonlySet<string>): boolean {
  return secrecy(key, userKeys) !== NONE;
}

/** What to mask below a key: nothing, string values, or strings and numbers. */
type Secrecy = 0 | 1 | 2;
const NONE = 0;
const STRINGS = 1;
const ALL = 2;

function secrecy(key: string, userKeys: ReadonlySet<string>): Secrecy {
  const n = normalizeKey(key);
  if (userKeys.has(n) || NUMERIC_SECRET_KEYS.has(n)) return ALL;
  // `total_tokens: 512` is a count, `access_token: "…"` a secret: built-in keys mask strings.
  return SECRET_KEYS.has(n) || SECRET_KEY_PARTS.some((p) => n.includes(p)) ? STRINGS : NONE;
}

/**
 * Redacts JSON text: values of secret keys (built-in and `userKeys`, normalized with
 * normalizeKey) with everything below them, and the text rules (URL parameters, JWTs, header
 * lines) inside every other string. Returns null when `text` is not one complete JSON value.
 */
export function redactJson(text: string, userKeys: ReadonlySet<string>): string | null {
  const out: string[] = [];
  let last = 0; // text before this index is already in out
  let i = 0;
  const n = text.length;

  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  /** Scans a string token at i (on `"`); returns the raw content's [start, end). */
  const str = (): [number, number] | null => {
    const start = ++i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return [start, i++];
      if (c === 0x5c) i += 2;
      else if (c < 0x20) return null;
      else i++;
    }
    return null;
  };
  const replace = (start: number, end: number, replacement: string) => {
    out.push(text.slice(last, start), replacement);
    last = end;
  };
  const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  /** Scans one value at i; `secret` says what to mask below. Returns false on a syntax error. */
  const value = (secret: Secrecy, depth: number): boolean => {
    if (depth > 512) return false;
    ws();
    const c = text[i];
    if (c === '"') {
      const s = str();
      if (!s) return false;
      const raw = text.slice(s[0], s[1]);
      const red = secret !== NONE ? mask(raw) : redactText(raw);
      if (red !== raw) replace(s[0], s[1], red);
      return true;
    }
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return (i++, true);
      for (;;) {
        ws();
        if (text[i] !== '"') return false;
        const k = str();
        if (!k) return false;
        let key = text.slice(k[0], k[1]);
        if (key.includes('\\')) {
          try {
            key = JSON.parse(`"${key}"`) as string;
          } catch {
            return false;
          }
        }
        ws();
        if (text[i++] !== ':') return false;
        if (!value(Math.max(secret, secrecy(key, userKeys)) as Secrecy, depth + 1)) return false;
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return (i++, true);
        else return false;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return (i++, true);
      for (;;) {
        if (!value(secret, depth + 1)) return false;
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return (i++, true);
        else return false;
      }
    }
    NUM.lastIndex = i;
    const m = NUM.exec(text);
    if (m) {
      if (secret === ALL) replace(i, i + m[0].length, '0'.padEnd(m[0].length, ' '));
      i += m[0].length;
      return true;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return true;
      }
    }
    return false;
  };

  if (!value(NONE, 0)) return null;
  ws();
  if (i !== n) return null;
  out.push(text.slice(last));
  return out.join('');
}
