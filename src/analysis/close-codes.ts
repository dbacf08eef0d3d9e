// WebSocket close codes by name (RFC 6455 §7.4.1 and the IANA "WebSocket Close Code Number"
// registry), for findings and for the panel.

const NAMES: Record<number, string> = {
  1000: 'normal closure',
  1001: 'going away',
  1002: 'protocol error',
  1003: 'unsupported data',
  1004: 'reserved',
  1005: 'no status received',
  1006: 'abnormal closure',
  1007: 'invalid payload data',
  1008: 'policy violation',
  1009: 'message too big',
  1010: 'mandatory extension',
  1011: 'internal server error',
  1012: 'service restart',
  1013: 'try again later',
  1014: 'bad gateway',
  1015: 'TLS handshake failure',
};

/** A short lower-case name for any close code, e.g. 1006 → "abnormal closure". */
export function closeCodeName(code: number): string {
  const known = NAMES[code];
  if (known !== undefined) return known;
  if (!Number.isInteger(code) || code < 0 || code > 4999) return 'invalid';
  if (code < 1000) return 'unused';
  if (code < 3000) return 'reserved';
  if (code < 4000) return 'registered (library or framework)';
  return 'application-defined';
}

/** "1006 (abnormal closure)". */
export function describeCloseCode(code: number): string {
  return `${code} (${closeCodeName(code)})`;
}

/** The connection was lost or broken rather than closed on purpose. */
export const ABNORMAL_CLOSE_CODES: ReadonlySet<number> = new Set([1006, 1011, 1015]);
/** The peer closed because it found an error in what it received (or a gateway failed). */
export const ERROR_CLOSE_CODES: ReadonlySet<number> = new Set([1002, 1003, 1007, 1008, 1009, 1010, 1014]);
/** The server is leaving, restarting or overloaded: a deploy or restart draining its sockets. */
export const GOING_AWAY_CLOSE_CODES: ReadonlySet<number> = new Set([1001, 1012, 1013]);
