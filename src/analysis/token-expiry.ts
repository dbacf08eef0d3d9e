// Whether the server ended a connection because its token expired: the connection carried a JWT
// with `exp`, and the peer (not the page) closed it within CREDENTIAL_EXPIRY_SKEW_MS of `exp`,
// either side (the server's clock may be behind or ahead of the browser's). That is a server
// enforcing expiry — the correct behaviour — not a connection outliving its credential, and the
// close code it uses (1008, an application code) is then no sign of trouble.

import type { ConnView } from './context';
import { findJwts } from './jwt';
import { CREDENTIAL_EXPIRY_SKEW_MS } from './thresholds';

/** The earliest `exp` (epoch ms) of the JWTs the connection carries, if any. */
export function tokenExpiry(view: ConnView): number | undefined {
  let exp: number | undefined;
  for (const s of findJwts(view.conn, view.outs[0])) if (s.exp !== undefined && (exp === undefined || s.exp < exp)) exp = s.exp;
  return exp;
}

/** The close, when the peer closed the connection at its token's expiry. */
export function closedAtTokenExpiry(view: ConnView): { exp: number; closeT: number; code?: number } | undefined {
  if (view.conn.kind !== 'websocket' || view.end.how !== 'close') return undefined;
  const ev = view.end.event!;
  const call = view.conn.closeCall;
  if (call && call.t <= ev.t) return undefined;
  const exp = tokenExpiry(view);
  if (exp === undefined || Math.abs(ev.t - exp) > CREDENTIAL_EXPIRY_SKEW_MS) return undefined;
  const out: { exp: number; closeT: number; code?: number } = { exp, closeT: ev.t };
  if (ev.code !== undefined) out.code = ev.code;
  return out;
}
