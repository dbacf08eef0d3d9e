// Small text helpers for finding sentences.

import { shortUrl } from './endpoint';
import type { AnalysisConnection } from './types';

/** 350 ms · 3.2 s · 4 min 12 s · 2 h 3 min. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'an unknown time';
  const neg = ms < 0;
  const a = Math.abs(ms);
  let text: string;
  if (a < 1000) text = `${Math.round(a)} ms`;
  else if (a < 60_000) text = `${(a / 1000).toFixed(1)} s`;
  else if (a < 3_600_000) {
    const m = Math.floor(a / 60_000);
    const s = Math.round((a - m * 60_000) / 1000);
    text = s === 0 || s === 60 ? `${s === 60 ? m + 1 : m} min` : `${m} min ${s} s`;
  } else {
    const h = Math.floor(a / 3_600_000);
    const m = Math.round((a - h * 3_600_000) / 60_000);
    text = m === 0 || m === 60 ? `${m === 60 ? h + 1 : h} h` : `${h} h ${m} min`;
  }
  return neg ? `-${text}` : text;
}

/** "1 event", "3 events". */
export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "WebSocket ws://h/chat" / "EventSource http://h/feed?…" / "fetch stream POST http://h/v1/chat" / "XHR stream …". */
export function label(conn: Pick<AnalysisConnection, 'kind' | 'url'> & { method?: string; api?: 'xhr' | 'websocketstream' }): string {
  if (conn.kind === 'fetch-stream') return `${conn.api === 'xhr' ? 'XHR' : 'fetch'} stream ${conn.method ? `${conn.method} ` : ''}${shortUrl(conn.url)}`;
  return `${conn.kind === 'websocket' ? (conn.api === 'websocketstream' ? 'WebSocketStream' : 'WebSocket') : 'EventSource'} ${shortUrl(conn.url)}`;
}

/** "5", "5–7". */
export function range(from: number, to: number): string {
  return from === to ? `${from}` : `${from}–${to}`;
}

/** Quote an id for a sentence, shortened. */
export function quoteId(id: string): string {
  return JSON.stringify(id.length > 40 ? id.slice(0, 39) + '…' : id);
}

/** 512 B · 64.0 KiB · 2.3 MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
