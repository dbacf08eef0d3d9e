// Pure text formatting for the panel's cells. Everything returned is plain text (rendered as a
// text node, never as HTML).

import { describeCloseCode } from '../../analysis';
import type { ConnectionRow, EventRow } from '../../contracts/model';

const PREVIEW_CHARS = 200;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Local wall-clock time with milliseconds, like DevTools' message tables. */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** "1000 (normal closure) “bye”" — code, its meaning (the analysis' names) and the reason. */
export function closeText(close: { code: number; reason: string }): string {
  const reason = close.reason ? ` “${oneLine(close.reason, 120)}”` : '';
  return `${describeCloseCode(close.code)}${reason}`;
}

export function kindLabel(c: Pick<ConnectionRow, 'kind' | 'api' | 'seenBy' | 'noTab' | 'workerScript'>): string {
  const base = c.kind === 'fetch-stream' ? (c.api === 'xhr' ? 'XMLHttpRequest stream' : 'fetch() stream') : c.kind === 'websocket' ? (c.api === 'websocketstream' ? 'WebSocketStream' : 'WebSocket') : 'EventSource';
  if (c.seenBy !== 'network') return base;
  const who = c.workerScript !== undefined ? `worker ${c.workerScript}` : c.noTab ? 'a SharedWorker (no tab)' : 'a Worker';
  return `${base} seen on the network only (${who}): no messages`;
}

/** The two-to-five letter badge of the connections table and the timeline. */
export function kindBadge(c: Pick<ConnectionRow, 'kind' | 'api' | 'seenBy'>): string {
  const base = c.kind === 'fetch-stream' ? (c.api === 'xhr' ? 'XHR' : 'FETCH') : c.kind === 'websocket' ? (c.api === 'websocketstream' ? 'WSS' : 'WS') : 'SSE';
  // A worker's connection, seen by webRequest only.
  return c.seenBy === 'network' ? `${base}·W` : base;
}

/** "server end", "page cancel()"…: who ended a fetch stream's body. */
export function endedByText(by: NonNullable<EventRow['endedBy']>): string {
  return by === 'server' ? 'ended by the server' : by === 'cancel' ? 'cancelled by the page' : by === 'abort' ? 'aborted by the page' : 'network error';
}

/** Sent ↑ / received ↓, as Chrome's WebSocket Messages view draws them. */
export function directionArrow(e: Pick<EventRow, 'direction'>): string {
  return e.direction === 'out' ? '↑' : e.direction === 'in' ? '↓' : '';
}

export function oneLine(text: string, max = PREVIEW_CHARS): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** One line describing an event: the payload for messages, the facts for open/error/close. */
export function eventPreview(e: EventRow): string {
  switch (e.type) {
    case 'message': {
      if (e.binary) return `binary ${e.size} bytes${e.truncated ? ' (truncated)' : ''}`;
      if (e.data === undefined) return `(payload not readable, ${e.size} bytes)`;
      return (e.unterminated ? '(cut off) ' : '') + oneLine(e.data) + (e.truncated ? ` … (truncated, ${e.size} bytes)` : '');
    }
    case 'open':
      return `open${e.protocol ? ` · protocol ${e.protocol}` : ''}${e.extensions ? ` · ${e.extensions}` : ''}`;
    case 'error':
      return e.readyState === 0 ? 'error · reconnecting' : `error${e.readyState === undefined ? '' : ` · readyState ${e.readyState}`}`;
    case 'chunk':
      return `chunk ${e.size} bytes · ${oneLine(e.data ?? '')}`;
    case 'close':
      if (e.endedBy !== undefined) return `end · ${endedByText(e.endedBy)}${e.reason ? ` (${e.reason})` : ''}`;
      return `close · ${closeText({ code: e.code ?? 1005, reason: e.reason ?? '' })}${e.wasClean === false ? ' · not clean' : ''}`;
    case 'fault':
      return faultPreview(e);
  }
}

/** A fault mark in one line: says it was the inspector, and what the page was shown (docs/faults.md). */
export function faultPreview(e: EventRow): string {
  const f = e.fault;
  if (!f) return 'fault';
  const about = f.ref !== undefined ? ` #${f.ref}` : '';
  const text = e.data !== undefined ? ` · ${oneLine(e.data)}` : '';
  switch (f.what) {
    case 'armed':
      return `⚡ fault: ${f.action}${f.mode ? ` ${f.mode}` : ''}${f.count ? ` ×${f.count}` : ''}${f.outageMs ? ` · refusing new connections ${f.outageMs} ms` : ''}`;
    case 'shown-error':
      return '⚡ page shown a synthetic error (isTrusted false)';
    case 'shown-close':
      return `⚡ page shown a synthetic close ${f.code ?? 1006} · not clean (isTrusted false)`;
    case 'shown-message':
      return `⚡ page shown a synthetic copy of${about}${text}`;
    case 'failed':
      return `⚡ fault failed: ${f.note ?? ''}`;
    default:
      return `⚡ fault ${f.what}${about}${text}`;
  }
}

/** SSE event name and id, e.g. "tick #41"; empty for WebSocket frames. */
export function sseLabel(e: Pick<EventRow, 'eventType' | 'lastEventId'>): string {
  const parts: string[] = [];
  if (e.eventType !== undefined) parts.push(e.eventType);
  if (e.lastEventId) parts.push(`#${e.lastEventId}`);
  return parts.join(' ');
}

/**
 * Time since the connection opened, for the message list's relative time column: "+1.234 s",
 * "+2:05.010" past a minute, "-0.012 s" for events before the open (errors).
 */
export function formatRelative(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(3)} s`;
  const min = Math.floor(abs / 60_000);
  const sec = ((abs % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `${sign}${min}:${sec}`;
}
