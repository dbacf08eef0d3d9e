// Reads a fault command (contracts/fault.ts faultCommand) that the relay dispatched on the private
// port, and hands it to the connection it names. Runs only when a user applies a fault: nothing
// here is on the path of a message while none is armed (docs/faults.md).
//
// The command is a JSON array with every slot present, parsed with the JSON.parse captured at
// startup: its elements are own data properties, so reading them never reaches a prototype the
// page may have changed. Anything malformed is ignored.

import type { FaultKind, MessageFaultMode } from '../contracts/fault';
import { NO_PAGE_PROTO } from './intrinsics';
import type { Natives } from './natives';

export interface FaultCommand {
  id: string;
  c: number;
  kind: FaultKind;
  mode: MessageFaultMode | '';
  count: number;
  delayMs: number;
  match: string;
  data: string;
  outageMs: number;
}

const KINDS: Record<string, true> = { __proto__: null, drop: true, messages: true, 'hold-sends': true, 'release-sends': true, inject: true, send: true, disarm: true } as unknown as Record<string, true>;
const MODES: Record<string, true> = { __proto__: null, '': true, drop: true, delay: true, duplicate: true, reorder: true } as unknown as Record<string, true>;

const isCount = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1e9 && x === (x | 0);

/** The command, or null when the text is not one (never throws). */
export function parseFaultCommand(n: Pick<Natives, 'jsonParse' | 'isArray'>, text: unknown): FaultCommand | null {
  if (typeof text !== 'string') return null;
  let t: unknown;
  try {
    t = n.jsonParse(text);
  } catch {
    return null;
  }
  if (!n.isArray(t) || (t as unknown[]).length !== 10) return null;
  const a = t as unknown[];
  // Read by index, not destructured: array destructuring would call the page's Array.prototype[Symbol.iterator].
  const v = a[0], id = a[1], c = a[2], kind = a[3], mode = a[4], count = a[5], delayMs = a[6], match = a[7], data = a[8], outageMs = a[9];
  if (v !== 1 || typeof id !== 'string' || !isCount(c) || typeof kind !== 'string' || KINDS[kind] !== true) return null;
  if (typeof mode !== 'string' || MODES[mode] !== true || !isCount(count) || !isCount(delayMs) || typeof match !== 'string' || typeof data !== 'string' || !isCount(outageMs)) return null;
  return { __proto__: NO_PAGE_PROTO, id, c, kind: kind as FaultKind, mode: mode as MessageFaultMode | '', count, delayMs, match, data, outageMs } as FaultCommand;
}

/** Connections that can take a fault, by the hook's number; an entry goes when its connection ends. */
export interface FaultTargets {
  register(c: number, apply: (cmd: FaultCommand) => void): void;
  unregister(c: number): void;
  apply(cmd: FaultCommand): void;
}

export function createFaultTargets(): FaultTargets {
  // A dictionary without prototype: no lookup of a missing number reaches the page.
  const byC = { __proto__: null } as unknown as Record<number, ((cmd: FaultCommand) => void) | undefined>;
  return {
    register(c, apply) {
      byC[c] = apply;
    },
    unregister(c) {
      delete byC[c];
    },
    apply(cmd) {
      const fn = byC[cmd.c];
      if (fn !== undefined) fn(cmd);
    },
  };
}
