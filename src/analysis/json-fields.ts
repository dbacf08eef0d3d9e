// Reading fields out of JSON message payloads, cheaply: only text that looks like a JSON object
// or array, up to a size limit, and only a bounded number of leaves near the top.

import { JSON_MAX_DEPTH, JSON_MAX_LEAVES, JSON_PARSE_MAX_CHARS } from './thresholds';
import type { AnalysisEvent } from './types';

/** The parsed payload of a text message that is a JSON object or array; undefined otherwise. */
export function parseJsonPayload(ev: Pick<AnalysisEvent, 'data' | 'binary' | 'truncated'>): unknown {
  const data = ev.data;
  if (data === undefined || ev.binary || ev.truncated || data.length > JSON_PARSE_MAX_CHARS) return undefined;
  let i = 0;
  while (i < data.length && (data.charCodeAt(i) === 32 || data.charCodeAt(i) === 10 || data.charCodeAt(i) === 13 || data.charCodeAt(i) === 9)) i++;
  const c = data.charCodeAt(i);
  if (c !== 123 /* { */ && c !== 91 /* [ */) return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/** Calls `visit` for each number or string leaf, with its dotted path, depth- and count-limited. */
export function forEachLeaf(value: unknown, visit: (path: string, leaf: number | string) => void): void {
  let leaves = 0;
  const walk = (v: unknown, path: string, depth: number) => {
    if (leaves >= JSON_MAX_LEAVES) return;
    if (typeof v === 'number' || typeof v === 'string') {
      if (path !== '') {
        leaves++;
        visit(path, v);
      }
      return;
    }
    if (v === null || typeof v !== 'object' || depth >= JSON_MAX_DEPTH) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && i < JSON_MAX_LEAVES; i++) walk(v[i], path === '' ? `${i}` : `${path}.${i}`, depth + 1);
      return;
    }
    for (const key of Object.keys(v)) walk((v as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`, depth + 1);
  };
  walk(value, '', 0);
}

const splitCache = new Map<string, string[]>();

/** The value at a dotted path ("meta.seq", "0.ts"); undefined when absent. */
export function getPath(value: unknown, path: string): unknown {
  let parts = splitCache.get(path);
  if (!parts) {
    parts = path.split('.');
    if (splitCache.size < 1000) splitCache.set(path, parts);
  }
  let v = value;
  for (const p of parts) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}
