// Finding ids are derived from the kind and the finding's anchor (by default all its evidence):
// re-running analysis over the same input gives the same ids, and a finding that grows while a
// session is live (a longer wait, more replayed ids) keeps its id when its anchor is its start.

import type { EvidenceValue } from './types';

/** JSON with object keys sorted, so equal values always serialize the same. */
export function stableStringify(value: EvidenceValue | undefined): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(stableStringify).join(',') + ']';
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const v = (value as { [key: string]: EvidenceValue })[k];
    if (v !== undefined) parts.push(JSON.stringify(k) + ':' + stableStringify(v));
  }
  return '{' + parts.join(',') + '}';
}

/** Two 32-bit FNV-1a hashes with different offsets: 64 bits, as 16 hex digits. */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function findingId(kind: string, anchor: EvidenceValue): string {
  return `${kind}-${hash64(kind + '\u0000' + stableStringify(anchor))}`;
}
