// What the WebSocket and EventSource wrappers share: captured natives, the ordered record sink,
// the payload cap, and helpers for the fields every connection records once.

import { LIMITS, type HookRecord } from '../contracts/protocol';
import { stringSlice } from './intrinsics';
import type { FaultTargets } from './fault-command';
import type { Masker } from './mask';
import type { DataNatives, Natives } from './natives';
import type { Restack } from './restack';
import type { ConnState, OrderedSink } from './ordered-sink';
import type { BytesToBase64 } from './payload';

/** What recording a payload needs (see record-payload.ts). */
export interface PayloadContext {
  n: DataNatives;
  sink: OrderedSink;
  /** Bytes of each payload copied: the hook's limit, then the user's cap once the relay passes it on. */
  cap: number;
  encode: BytesToBase64;
  emit(conn: ConnState, rec: HookRecord, chars?: number): void;
}

export interface HookContext extends PayloadContext {
  n: Natives;
  masker: Masker;
  /** Re-captures a native error's stack without our trap frame (restack.ts). */
  restack: Restack;
  /** The next per-document connection number, from 1. */
  nextId(): number;
  /** Epoch milliseconds (float) now. */
  now(): number;
  /** The page's stack without our frames, capped; undefined when unavailable. */
  stack(): string | undefined;
  /** Connections that can take a fault applied on purpose (docs/faults.md). */
  faults: FaultTargets;
}

/** Records must pass the background's validator (isHookRecord): clamp what the page controls. */
export function clamp(s: string, max: number): string {
  return s.length > max ? stringSlice(s, 0, max) : s;
}

export const clampUrl = (s: string) => clamp(s, LIMITS.maxUrlChars);
