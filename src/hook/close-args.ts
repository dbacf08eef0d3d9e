// What close(code, reason) was called with, read without calling page code again: objects
// (whose valueOf/toString could have side effects) are left out.

import { LIMITS } from '../contracts/protocol';
import { clamp } from './context';

const floor = Math.floor;

/** WebIDL [Clamp] unsigned short: clamp to 0…65535, round half to even. */
export function clampUnsignedShort(x: number): number {
  if (x !== x) return 0; // NaN
  const v = x < 0 ? 0 : x > 65535 ? 65535 : x;
  const f = floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export function closeCode(x: unknown): number | undefined {
  return typeof x === 'number' ? clampUnsignedShort(x) : undefined;
}

export function closeReason(x: unknown): string | undefined {
  if (typeof x === 'string') return clamp(x, LIMITS.maxReasonChars);
  if (x === null) return 'null'; // USVString conversion, as close() does
  if (x === undefined || typeof x === 'object' || typeof x === 'function' || typeof x === 'symbol') return undefined;
  return clamp(`${x as string}`, LIMITS.maxReasonChars);
}
