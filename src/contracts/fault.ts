// Faults applied on purpose (docs/faults.md): what the panel and the recorder ask for, the command
// the background sends down to one connection's hook, and the marks the hook records while a
// fault runs. Checked from `unknown` where received. Nothing here runs while no fault is armed.

/** What a user can do to one connection. */
export type FaultAction =
  /** WebSocket: closed as a network loss looks to the page (error, close 1006 not clean). EventSource: failed (error, CLOSED). */
  | { kind: 'drop'; refuseMs?: number; refuseScope?: 'url' | 'origin' }
  /** The next `count` incoming messages (those whose text contains `match`, when given). */
  | { kind: 'messages'; mode: MessageFaultMode; count: number; match?: string; delayMs?: number }
  | { kind: 'hold-sends' }
  | { kind: 'release-sends' }
  /** A text message dispatched to the page as if the server had sent it (isTrusted false). */
  | { kind: 'inject'; data: string }
  /** A text message sent to the server with the native send(), as if the page had called it. */
  | { kind: 'send'; data: string }
  /** Ends whatever message fault is armed (held sends are released). */
  | { kind: 'disarm' };

export type FaultKind = FaultAction['kind'];
export type MessageFaultMode = 'drop' | 'delay' | 'duplicate' | 'reorder';

export const FAULT_LIMITS = {
  maxCount: 10_000,
  maxDelayMs: 120_000,
  maxRefuseMs: 10 * 60_000,
  maxDataChars: 64 * 1024,
  maxMatchChars: 1024,
} as const;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isInt = (x: unknown, min: number, max: number) => Number.isSafeInteger(x) && (x as number) >= min && (x as number) <= max;
const optInt = (x: unknown, min: number, max: number) => x === undefined || isInt(x, min, max);
const isStr = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;

export function isFaultAction(x: unknown): x is FaultAction {
  if (!isObj(x)) return false;
  switch (x.kind) {
    case 'drop':
      return optInt(x.refuseMs, 0, FAULT_LIMITS.maxRefuseMs) && (x.refuseScope === undefined || x.refuseScope === 'url' || x.refuseScope === 'origin');
    case 'messages':
      return (
        (x.mode === 'drop' || x.mode === 'delay' || x.mode === 'duplicate' || x.mode === 'reorder') &&
        isInt(x.count, 1, FAULT_LIMITS.maxCount) &&
        (x.match === undefined || isStr(x.match, FAULT_LIMITS.maxMatchChars)) &&
        optInt(x.delayMs, 0, FAULT_LIMITS.maxDelayMs)
      );
    case 'inject':
    case 'send':
      return isStr(x.data, FAULT_LIMITS.maxDataChars);
    case 'hold-sends':
    case 'release-sends':
    case 'disarm':
      return true;
    default:
      return false;
  }
}

/**
 * The command on the private port, as one JSON array with every slot present: the hook reads it
 * by index, and a missing index would be looked up on the page's Array.prototype.
 * [version, faultId, c, kind, mode, count, delayMs, match, data, outageMs]
 */
export type FaultCommandTuple = [1, string, number, FaultKind, MessageFaultMode | '', number, number, string, string, number];

export function faultCommand(faultId: string, c: number, a: FaultAction, outageMs: number): string {
  const t: FaultCommandTuple = [
    1,
    faultId,
    c,
    a.kind,
    a.kind === 'messages' ? a.mode : '',
    a.kind === 'messages' ? a.count : 0,
    a.kind === 'messages' ? (a.delayMs ?? 1000) : 0,
    a.kind === 'messages' ? (a.match ?? '') : '',
    a.kind === 'inject' || a.kind === 'send' ? a.data : '',
    outageMs,
  ];
  return JSON.stringify(t);
}

/** What the hook records while a fault runs (FaultRecord.what). */
export type FaultWhat =
  /** The fault took effect (drop: the native close was called; messages: armed). */
  | 'armed'
  /** The page was shown a synthetic event: error, close (code 1006), or a message copy. */
  | 'shown-error'
  | 'shown-close'
  | 'shown-message'
  /** A real event (recorded just before) that the page was not shown (now, or at all). */
  | 'suppressed'
  | 'delayed'
  | 'duplicated'
  | 'reordered'
  /** A page send() held back (never reached the network yet); released later, or discarded. */
  | 'held'
  | 'released'
  | 'discarded'
  /** A message dispatched to the page as if from the server / sent to the server as if by the page. */
  | 'injected'
  | 'sent'
  /** The fault ended (its count is used up, disarmed, or the connection closed). */
  | 'ended'
  /** The fault could not be applied (reason in `note`). */
  | 'failed';

export const FAULT_WHATS: readonly FaultWhat[] = [
  'armed', 'shown-error', 'shown-close', 'shown-message', 'suppressed', 'delayed', 'duplicated', 'reordered',
  'held', 'released', 'discarded', 'injected', 'sent', 'ended', 'failed',
];

/** A fault mark as stored on an event of type `fault` (EventRow.fault) and exported. */
export interface FaultMark {
  /** One user action: every mark it caused shares the id. */
  id: string;
  what: FaultWhat;
  /** On `armed` and `failed`: what was asked. */
  action?: FaultKind;
  mode?: MessageFaultMode;
  count?: number;
  delayMs?: number;
  /** drop: how long new connections were refused (0: not refused). */
  outageMs?: number;
  /** shown-close: the close code the page was shown. */
  code?: number;
  /** The seq of the real event this mark is about (suppressed, delayed, duplicated, reordered). */
  ref?: number;
  note?: string;
}

export function isFaultMark(x: unknown): x is FaultMark {
  if (!isObj(x) || !isStr(x.id, 64) || !FAULT_WHATS.includes(x.what as FaultWhat)) return false;
  for (const k of ['count', 'delayMs', 'outageMs', 'code', 'ref'] as const) if (!optInt(x[k], 0, Number.MAX_SAFE_INTEGER)) return false;
  return (x.note === undefined || isStr(x.note, 1024)) && (x.action === undefined || typeof x.action === 'string') && (x.mode === undefined || typeof x.mode === 'string');
}
