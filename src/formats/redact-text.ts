// Text redaction rules (pure). Every mask replaces a secret by the same number of `*`: the text
// keeps its length (and, for the ASCII secrets these rules match, its UTF-8 size), so sizes,
// offsets and the shape of the data stay useful after sanitizing. See docs/session-log.md.

export const MASK_CHAR = '*';

export function mask(value: string): string {
  return MASK_CHAR.repeat(value.length);
}

/** Query parameter names whose values are secrets (compared lower-case, `-` read as `_`). */
const SECRET_PARAMS = new Set([
  'token', 'access_token', 'refresh_token', 'id_token', 'auth', 'authorization', 'auth_token', 'key', 'api_key', 'apikey',
  'signature', 'sig', 'code', 'password', 'pass', 'passwd', 'pwd', 'secret', 'client_secret', 'session', 'session_id',
  'sessionid', 'sid', 'jwt', 'ticket', 'otp', 'credential', 'credentials', 'x_amz_signature', 'x_amz_credential',
  'x_amz_security_token', 'x_goog_signature', 'x_goog_credential',
]);

/** A parameter is secret by name, or when its name says token / secret / password / signature. */
export function isSecretParam(name: string): boolean {
  let n = name.toLowerCase().replace(/-/g, '_');
  try {
    n = decodeURIComponent(n);
  } catch {
    // a malformed escape: judge the raw name
  }
  return SECRET_PARAMS.has(n) || /token|secret|password|passwd|signature/.test(n);
}

/**
 * `name=value` pairs wherever they stand in text: in a query string or fragment (after `?`, `&`,
 * `;`, `#`), at the very start (a payload that is itself a query string), and in free text after
 * any character that cannot be part of a name — a space, a quote, a bracket, `:` or `,` (a close
 * reason "reauth required; access_token=…", a log line in a text frame or SSE data). Only
 * secret-named parameters are masked. The value ends at the next `&`, `#`, `;`, `,`, `)`,
 * whitespace, quote or `\` (so a JSON string's escapes are never cut in half).
 */
const PARAM = /(^|[^A-Za-z0-9_.%-])([A-Za-z0-9_.%-]{1,64})=([^&#;,)\s"'\\<>]*)/g;

export function redactQueryParams(text: string): string {
  if (!text.includes('=')) return text;
  return text.replace(PARAM, (whole, lead: string, name: string, value: string) => (value && isSecretParam(name) ? `${lead}${name}=${mask(value)}` : whole));
}

/** Three base64url parts, the first a JSON header (`eyJ` = `{"`): a JWT or JWS. */
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;

export function redactJwts(text: string): string {
  if (!text.includes('eyJ')) return text;
  return text.replace(JWT, mask);
}

/**
 * Header lines with credentials (`Authorization: Bearer …`, `Cookie: a=b`, `Set-Cookie: …`,
 * `Proxy-Authorization: …`, `X-Api-Key: …`, `X-Auth-Token: …`) inside text payloads (STOMP,
 * HTTP-over-WebSocket tunnels, logs): the value up to the end of the line (or an escaped `\n` in
 * JSON text) is masked. An auth scheme word (`Bearer `, `Basic `) is kept: it says what was there.
 */
const HEADER = /(^|[\n\r]|\\n|\\r)([ \t]*(?:proxy-authorization|authorization|set-cookie|cookie|x-api-key|x-auth-token|x-csrf-token|x-xsrf-token)[ \t]*:[ \t]*)((?:bearer|basic|digest|token)[ \t]+)?([^\r\n\\]*)/gi;

export function redactHeaderLines(text: string): string {
  if (!/cookie|authoriz|x-api-key|token/i.test(text)) return text;
  return text.replace(HEADER, (_w, lead: string, name: string, scheme: string | undefined, value: string) => `${lead}${name}${scheme ?? ''}${mask(value)}`);
}

/** All text rules: what sanitizing does to any string (URL, payload, reason, stack). */
export function redactText(text: string): string {
  return redactHeaderLines(redactJwts(redactQueryParams(text)));
}
