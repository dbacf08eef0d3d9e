// Finding JSON Web Tokens a connection carries — in its URL, its subprotocols, or its first
// outgoing message — and reading their `exp` / `iat` claims. Signatures are never verified (no
// keys, and no need): only the payload is decoded. Tokens themselves never leave this module.

import { hash64 } from './finding-id';
import type { AnalysisConnection, AnalysisEvent, EventRef } from './types';
import { ref } from './finding';

const JWT = /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const MAX_SCAN_CHARS = 64 * 1024;

export interface JwtSighting {
  where: 'url-query' | 'url' | 'subprotocol' | 'first-message';
  /** The query parameter that carried it. */
  param?: string;
  /** The outgoing message that carried it. */
  event?: EventRef;
  /** Claims, as epoch ms. */
  exp?: number;
  iat?: number;
  /** A hash, to tell whether two connections used the same token without keeping it. */
  fingerprint: string;
}

/** The payload of a JWT, or undefined when it is not one. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sighting(token: string, where: JwtSighting['where']): JwtSighting | undefined {
  const payload = decodeJwtPayload(token);
  if (!payload) return undefined;
  const s: JwtSighting = { where, fingerprint: hash64(token) };
  if (typeof payload.exp === 'number' && Number.isFinite(payload.exp)) s.exp = payload.exp * 1000;
  if (typeof payload.iat === 'number' && Number.isFinite(payload.iat)) s.iat = payload.iat * 1000;
  return s;
}

function scan(text: string, where: JwtSighting['where']): JwtSighting[] {
  const out: JwtSighting[] = [];
  for (const m of text.slice(0, MAX_SCAN_CHARS).matchAll(JWT)) {
    const s = sighting(m[0], where);
    if (s) out.push(s);
  }
  return out;
}

/** Every JWT the connection carried where the page put it. */
export function findJwts(conn: Pick<AnalysisConnection, 'url' | 'requestedProtocols' | 'protocol'>, firstOut?: AnalysisEvent): JwtSighting[] {
  const out: JwtSighting[] = [];
  let inQuery = false;
  try {
    for (const [name, value] of new URL(conn.url).searchParams) {
      for (const s of scan(value, 'url-query')) {
        s.param = name;
        out.push(s);
        inQuery = true;
      }
    }
  } catch {
    // not a URL: scanned as text below
  }
  if (!inQuery) out.push(...scan(conn.url, 'url'));
  const protocols = new Set([...(conn.requestedProtocols ?? []), ...(conn.protocol ? [conn.protocol] : [])]);
  for (const p of protocols) out.push(...scan(p, 'subprotocol'));
  if (firstOut && firstOut.data !== undefined && !firstOut.binary) {
    for (const s of scan(firstOut.data, 'first-message')) {
      s.event = ref(firstOut);
      out.push(s);
    }
  }
  const seen = new Set<string>();
  return out.filter((s) => (seen.has(s.fingerprint) ? false : (seen.add(s.fingerprint), true)));
}
