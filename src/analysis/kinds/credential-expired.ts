// credential-expired: a connection carried a JWT (URL, subprotocol, or first outgoing message;
// jwt.ts) and either
// - was created when that token had already expired (error) — typically a reconnect that reused
//   the token of the first connection instead of fetching a fresh one; or
// - stayed open past the token's `exp` (warning): the server never re-checks, or will cut the
//   connection at an arbitrary moment; re-authenticate in-band or reconnect with a fresh token.
// EventSource reconnect cycles reuse the URL, so a token in an SSE URL is resent after expiry
// by the browser itself; evidence counts those cycles. Clocks: `exp` is compared with the
// browser's clock, allowing CREDENTIAL_EXPIRY_SKEW_MS of skew; a server that closes the
// connection within that of `exp` enforces expiry (info, token-expiry.ts).

import type { ConnView } from '../context';
import { makeFinding } from '../finding';
import { formatDuration, label } from '../format';
import { findJwts, type JwtSighting } from '../jwt';
import type { Shared } from '../shared-analysis';
import { CREDENTIAL_EXPIRY_SKEW_MS } from '../thresholds';
import { closedAtTokenExpiry } from '../token-expiry';
import type { Evidence, Finding } from '../types';

export function detectExpiredCredentials(shared: Shared): Finding[] {
  const out: Finding[] = [];
  const tokens = new Map<string, JwtSighting[]>();
  for (const view of shared.ctx.conns) tokens.set(view.conn.id, findJwts(view.conn, view.outs[0]));
  for (const view of shared.ctx.conns) {
    const withExp = tokens.get(view.conn.id)!.filter((s) => s.exp !== undefined);
    if (withExp.length === 0) continue;
    const token = withExp.reduce((a, b) => (b.exp! < a.exp! ? b : a));
    const exp = token.exp!;
    const c = view.conn;
    const prevTokens = view.prev ? tokens.get(view.prev.conn.id)! : [];
    const evidence: Evidence = {
      where: token.where,
      expiresAt: exp,
      attempt: view.attempt,
      sameTokenAsPreviousAttempt: prevTokens.some((p) => p.fingerprint === token.fingerprint),
    };
    if (token.param !== undefined) evidence.param = token.param;
    if (token.event) evidence.event = token.event;
    if (token.iat !== undefined) evidence.lifetimeMs = exp - token.iat;
    const where = whereText(token);
    if (c.createdAt > exp) {
      evidence.expiredForMs = c.createdAt - exp;
      evidence.serverAccepted = c.openedAt !== undefined;
      const reuse = view.attempt > 1 ? `${evidence.sameTokenAsPreviousAttempt ? 'reconnected reusing' : 'reconnected with'}` : 'connected with';
      out.push(makeFinding({
        kind: 'credential-expired', severity: 'error', t: c.createdAt, connectionIds: [...(view.prev ? [view.prev.conn.id] : []), c.id],
        message: `${label(c)} ${reuse} a token ${where} that had expired ${formatDuration(c.createdAt - exp)} earlier${c.openedAt !== undefined ? ', and the server accepted it' : ''}.`,
        evidence, anchor: { connectionId: c.id, kind: 'expired-at-connect' },
      }));
      continue;
    }
    const opened = c.openedAt;
    if (opened === undefined || opened > exp) continue;
    const aliveUntil = view.end.t ?? shared.ctx.now;
    const enforced = closedAtTokenExpiry(view);
    if (enforced) {
      // The server closed it at exp: it enforces expiry, as it should (at most worth knowing).
      const delta = enforced.closeT - enforced.exp;
      evidence.enforcedByServer = true;
      evidence.closeAfterExpiryMs = delta;
      if (enforced.code !== undefined) evidence.closeCode = enforced.code;
      out.push(makeFinding({
        kind: 'credential-expired', severity: 'info', t: enforced.closeT, connectionIds: [c.id],
        message: `${label(c)} was closed by the server ${delta >= 0 ? `${formatDuration(delta)} after` : `${formatDuration(-delta)} before`} the token ${where} expired${enforced.code !== undefined ? ` (${enforced.code})` : ''}: the server enforces token expiry.`,
        evidence, anchor: { connectionId: c.id, kind: 'enforced' },
      }));
      continue;
    }
    // Within the clock skew tolerance of exp, nobody can say the token was still trusted.
    if (aliveUntil <= exp + CREDENTIAL_EXPIRY_SKEW_MS) continue;
    evidence.expiredForMs = aliveUntil - exp;
    evidence.ongoing = view.end.t === undefined;
    if (c.kind === 'eventsource') evidence.reconnectsAfterExpiry = cyclesAfter(view, exp);
    out.push(makeFinding({
      kind: 'credential-expired', severity: 'warning', t: exp, connectionIds: [c.id],
      message: `${label(c)} ${evidence.ongoing ? 'is still open' : 'stayed open'} ${formatDuration(aliveUntil - exp)} after the token ${where} expired, so the server is trusting a credential that is no longer valid.`,
      evidence, anchor: { connectionId: c.id, kind: 'outlived' },
    }));
  }
  return out;
}

function whereText(s: JwtSighting): string {
  switch (s.where) {
    case 'url-query':
      return `in its URL (${s.param})`;
    case 'url':
      return 'in its URL';
    case 'subprotocol':
      return 'in its subprotocol';
    case 'first-message':
      return 'in its first message';
  }
}

function cyclesAfter(view: ConnView, t: number): number {
  let n = 0;
  for (const ev of view.lifecycle) if (ev.type === 'open' && ev.t > t && ev !== view.lifecycle[0]) n++;
  return n;
}
