// `--fault` of the record CLI (docs/faults.md): KIND:MATCH@AT[/ARG], e.g.
//   drop:ws://127.0.0.1:8080/feed@5s          drop the newest open connection whose URL contains MATCH, 5 s after load
//   drop:/feed@5s/10s                         … and refuse new connections to its URL for 10 s
//   drop-messages:/feed@2s/3                  drop the next 3 incoming messages (also delay-, duplicate-, reorder-messages)
//   inject:/feed@2s/{"type":"hello"}          show the page a message as if from the server (send: as the page)
// Durations: 500ms, 5s, 2m, or a bare number of milliseconds.

import type { FaultAction, MessageFaultMode } from '../contracts/fault';

export interface FaultSpec {
  /** The text as given (for messages). */
  text: string;
  /** The newest open connection whose URL contains this. */
  match: string;
  /** When to apply it, after the pages loaded. */
  atMs: number;
  action: FaultAction;
}

export class FaultSpecError extends Error {
  readonly exitCode = 2;
  override name = 'FaultSpecError';
}

export function parseDuration(raw: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const ms = m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n;
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

const MESSAGE_KINDS: Record<string, MessageFaultMode> = { 'drop-messages': 'drop', 'delay-messages': 'delay', 'duplicate-messages': 'duplicate', 'reorder-messages': 'reorder' };

export function parseFaultSpec(text: string): FaultSpec {
  const bad = (why: string) => new FaultSpecError(`invalid --fault "${text}": ${why} (expected KIND:MATCH@AT[/ARG], e.g. drop:/feed@5s/10s)`);
  const colon = text.indexOf(':');
  if (colon <= 0) throw bad('no KIND');
  const kind = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  // MATCH may itself hold ":" and "@" (ws://user@host…): the last "@" followed by a duration starts AT.
  const at = /@(\d+(?:\.\d+)?(?:ms|s|m)?)(?:\/(.*))?$/s.exec(rest);
  if (!at) throw bad('no @AT');
  const match = rest.slice(0, at.index);
  if (match === '') throw bad('empty MATCH');
  const atMs = parseDuration(at[1]!)!;
  const arg = at[2];
  let action: FaultAction;
  if (kind === 'drop') {
    action = { kind: 'drop' };
    if (arg !== undefined) {
      const ms = parseDuration(arg);
      if (ms === undefined) throw bad(`"${arg}" is not a duration`);
      action.refuseMs = ms;
    }
  } else if (MESSAGE_KINDS[kind]) {
    const count = arg === undefined ? 1 : Number(arg);
    if (!Number.isSafeInteger(count) || count < 1) throw bad(`"${arg}" is not a message count`);
    action = { kind: 'messages', mode: MESSAGE_KINDS[kind]!, count };
  } else if (kind === 'inject' || kind === 'send') {
    if (arg === undefined) throw bad('no /TEXT to send');
    action = { kind, data: arg };
  } else if (kind === 'hold-sends' || kind === 'release-sends') {
    action = { kind };
  } else throw bad(`unknown KIND "${kind}" (drop, drop-messages, delay-messages, duplicate-messages, reorder-messages, hold-sends, release-sends, inject, send)`);
  return { text, match, atMs, action };
}
