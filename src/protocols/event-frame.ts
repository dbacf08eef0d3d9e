// A stored event as a decoder's frame: text stays text, binary payloads (stored as base64) become bytes.

import type { EventRow } from '../contracts/model';
import { base64Bytes } from './frames';
import type { FrameInput } from './types';

/** Null for events that are not messages (open, close, error) or whose payload was not readable. */
export function frameOfEvent(e: Pick<EventRow, 'seq' | 'type' | 'direction' | 'data' | 'binary' | 'truncated'>): FrameInput | null {
  if (e.type !== 'message' || e.data === undefined) return null;
  const base = { seq: e.seq, ...(e.direction ? { direction: e.direction } : {}), ...(e.truncated ? { truncated: true } : {}) };
  if (!e.binary) return { ...base, text: e.data };
  const bytes = base64Bytes(e.data);
  return bytes ? { ...base, bytes } : null;
}
