// Plain-text facts for the selected connection's summary: what its close code means, who ended
// it, and how long each phase took. Pure; unit-tested. Close code names come from the analysis
// (src/analysis/close-codes.ts, RFC 6455 §7.4.1 and the IANA registry); this adds what they mean.

import { closeCodeName } from '../../analysis/close-codes';
import { formatDuration } from '../../analysis/format';
import type { ConnectionRow } from '../../contracts/model';

const MEANING: Record<number, string> = {
  1000: 'the purpose of the connection was fulfilled',
  1001: 'an endpoint is going away: the server shutting down or the page being left',
  1002: 'an endpoint found a WebSocket protocol error',
  1003: 'an endpoint received a kind of data it cannot accept',
  1005: 'the close frame carried no status code (never sent on the wire)',
  1006: 'the connection was lost without a close frame (never sent on the wire): network drop, killed server, proxy timeout',
  1007: 'a message had data inconsistent with its type (e.g. invalid UTF-8 in a text frame)',
  1008: 'an endpoint received a message that violates its policy',
  1009: 'a message was too big for the endpoint to process',
  1010: 'the client expected an extension the server did not negotiate',
  1011: 'the server hit an unexpected condition (internal error)',
  1012: 'the server is restarting; reconnecting later should work',
  1013: 'the server is overloaded: try again later',
  1014: 'a gateway or proxy got an invalid response from the upstream server',
  1015: 'the TLS handshake failed (never sent on the wire)',
};

/** What a close code means, in a sentence (without the code or its name). */
export function explainCloseCode(code: number): string {
  const meaning = MEANING[code];
  if (meaning) return meaning;
  if (code >= 4000 && code <= 4999) return 'private use, its meaning is defined by the application';
  if (code >= 3000 && code <= 3999) return 'registered with IANA by a library or framework';
  return 'not a registered code';
}

/** "1006 abnormal closure: the connection was lost without a close frame …". */
export function closeCodeMeaning(code: number): string {
  return `${code} ${closeCodeName(code)}: ${explainCloseCode(code)}`;
}

/** Who ended the connection, as far as the page and the browser let us see. */
export function whoClosed(c: ConnectionRow): string | null {
  if (c.state !== 'closed' && c.state !== 'closing' && !c.closeCall) return null;
  if (c.closeCall) {
    const args = [c.closeCall.code, c.closeCall.reason ? JSON.stringify(c.closeCall.reason) : undefined].filter((x) => x !== undefined);
    return `the page called close(${args.join(', ')})`;
  }
  if (c.ended === 'page-unloaded') return 'the page was left (navigation or reload) while it was open';
  if (c.ended === 'tab-closed') return 'the tab was closed while it was open';
  if (c.kind === 'eventsource') return 'the browser gave up: an HTTP error status, a wrong Content-Type, or a network failure it does not retry';
  if (c.close?.code === 1006) return 'nobody closed it: the connection dropped without a close frame';
  if (c.close) return 'the server (or a proxy) sent the close frame';
  return null;
}

export interface TimingStep {
  label: string;
  /** Epoch ms. */
  t: number;
  /** Time since the previous step, e.g. "35 ms". */
  after?: string;
}

/** created → open → close, with the time each step took; `now` gives the open time so far. */
export function timingSteps(c: ConnectionRow, now: number): { steps: TimingStep[]; total: string; ongoing: boolean } {
  const steps: TimingStep[] = [{ label: 'created', t: c.createdAt }];
  if (c.openedAt !== undefined) steps.push({ label: 'open', t: c.openedAt, after: formatDuration(c.openedAt - c.createdAt) });
  if (c.closeCall) steps.push({ label: 'close() called', t: c.closeCall.t, after: formatDuration(c.closeCall.t - (steps.at(-1)!.t)) });
  if (c.closedAt !== undefined) steps.push({ label: 'closed', t: c.closedAt, after: formatDuration(c.closedAt - steps.at(-1)!.t) });
  const ongoing = c.closedAt === undefined && c.state !== 'closed';
  return { steps, total: formatDuration((c.closedAt ?? now) - c.createdAt), ongoing };
}
