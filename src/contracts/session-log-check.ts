// Shape checks of session-log rows read from a file (the viewer) or received by the background
// (an import): every field a row is stored or analysed by must have its documented type. Pure.
// Returns a readable problem, or null when the row is fine.

import { isFaultMark } from './fault';
import type { LogConnection, LogEvent, LogPage } from './session-log-format';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
const int = (x: unknown) => Number.isSafeInteger(x);
const str = (x: unknown) => typeof x === 'string';
const opt = (x: unknown, ok: (v: unknown) => boolean) => x === undefined || ok(x);

export function pageProblem(x: unknown): string | null {
  if (!isObj(x)) return 'not an object';
  if (!str(x.id) || x.id === '') return 'id must be a non-empty string';
  if (!int(x.tabId)) return 'tabId must be an integer';
  if (!str(x.url)) return 'url must be a string';
  if (!num(x.startedAt)) return 'startedAt must be a number';
  return null;
}

export function connectionProblem(x: unknown): string | null {
  if (!isObj(x)) return 'not an object';
  if (!str(x.id) || x.id === '') return 'id must be a non-empty string';
  if (!str(x.pageId)) return 'pageId must be a string';
  if (x.kind !== 'websocket' && x.kind !== 'eventsource' && x.kind !== 'fetch-stream') return 'kind must be "websocket", "eventsource" or "fetch-stream"';
  for (const k of ['url', 'origin', 'frameUrl'] as const) if (!str(x[k])) return `${k} must be a string`;
  if (!num(x.createdAt)) return 'createdAt must be a number';
  for (const k of ['openedAt', 'closedAt'] as const) if (!opt(x[k], num)) return `${k} must be a number`;
  if (!opt(x.tabId, int) || !opt(x.frameId, int)) return 'tabId / frameId must be integers';
  if (!opt(x.close, (c) => isObj(c) && int(c.code) && str(c.reason) && typeof c.wasClean === 'boolean')) return 'close must be { code, reason, wasClean }';
  if (!opt(x.requestedProtocols, (a) => Array.isArray(a) && a.every(str))) return 'requestedProtocols must be strings';
  if (!opt(x.listenedTypes, (a) => Array.isArray(a) && a.every(str))) return 'listenedTypes must be strings';
  return null;
}

const EVENT_TYPES = new Set(['open', 'message', 'error', 'close', 'chunk', 'fault']);

export function eventProblem(x: unknown): string | null {
  if (!isObj(x)) return 'not an object';
  if (!str(x.connectionId)) return 'connectionId must be a string';
  if (!int(x.seq) || (x.seq as number) < 1) return 'seq must be an integer ≥ 1';
  if (!num(x.t)) return 't must be a number';
  if (!EVENT_TYPES.has(x.type as string)) return 'type must be open, message, error, close, chunk or fault';
  if (!int(x.size) || (x.size as number) < 0) return 'size must be an integer ≥ 0';
  if (x.type === 'message' && x.direction !== 'in' && x.direction !== 'out') return 'a message needs direction "in" or "out"';
  for (const k of ['data', 'eventType', 'lastEventId', 'origin', 'protocol', 'extensions', 'reason'] as const) if (!opt(x[k], str)) return `${k} must be a string`;
  for (const k of ['code', 'readyState', 'bufferedAmount'] as const) if (!opt(x[k], int)) return `${k} must be an integer`;
  if (!opt(x.binary, (b) => b === true) || !opt(x.truncated, (b) => b === true) || !opt(x.unterminated, (b) => b === true)) return 'binary / truncated / unterminated must be true when present';
  if (!opt(x.endedBy, (b) => b === 'server' || b === 'cancel' || b === 'abort' || b === 'error')) return 'endedBy must be server, cancel, abort or error';
  if (x.type === 'fault' && !isFaultMark(x.fault)) return 'a fault event needs fault { id, what }';
  if (!opt(x.decoded, (d) => isObj(d) && str(d.protocol) && Array.isArray(d.messages) && d.messages.every((m) => isObj(m) && str(m.type) && str(m.kind)))) return 'decoded must be { protocol, messages: [{ type, kind }] }';
  return null;
}

export const isLogPage = (x: unknown): x is LogPage => pageProblem(x) === null;
export const isLogConnection = (x: unknown): x is LogConnection => connectionProblem(x) === null;
export const isLogEvent = (x: unknown): x is LogEvent => eventProblem(x) === null;
