// Heartbeats: the small keep-alive messages that protocols exchange on a timer (ping/pong,
// engine.io "2"/"3", SockJS "h", graphql-ws {"type":"ping"}, Action Cable's per-3-s ping, SSE
// "ping" events…). They drown the messages people look for, so the list can hide them. Three
// ways to recognise one, all pure:
// - the connection's protocol decoder (src/protocols/) when the protocol is known: a frame is a
//   heartbeat when every message it holds is the protocol's keep-alive, and never otherwise
//   (one byte of an MQTT CONNACK is not a ping, whatever its size);
// - for unknown protocols only, its shape (`heartbeatShape`): a payload every library uses for
//   nothing but keep-alive;
// - and its rhythm: any other tiny payload that repeats identically at a regular interval, e.g.
//   an app's own "♥" every 10 s.

import type { EventRow } from '../../contracts/model';
import type { ConnectionDecode } from '../../protocols/connection-decoder';
import type { FrameDecode } from '../../protocols/types';

/** Larger payloads are never taken for heartbeats (real keep-alives are a few bytes). */
export const MAX_HEARTBEAT_BYTES = 96;

const WORDS = new Set(['ping', 'pong', 'heartbeat', 'heart-beat', 'keepalive', 'keep-alive', 'keep_alive', 'hb', 'ka', 'beat', 'tick-tock', 'noop', 'idle']);
/** engine.io v3/v4 ping/pong packets (Socket.IO's transport), probes included; SockJS heartbeat "h". */
const PROTOCOL_TOKENS = new Set(['2', '3', '2probe', '3probe', 'h']);
/** JSON fields that name what a message is; keep-alive messages carry one of WORDS there. */
const TYPE_FIELDS = ['type', 'op', 'event', 'action', 'method', 'msg', 'kind', 'cmd', 'command', 't'];

/** Whether a message's payload has a shape used only for keep-alive. SSE comments never reach the page, so they never show up here. */
export function heartbeatShape(e: Pick<EventRow, 'type' | 'data' | 'binary' | 'size' | 'eventType'>): boolean {
  if (e.type !== 'message' || e.size > MAX_HEARTBEAT_BYTES) return false;
  // SSE: a named keep-alive event (`event: ping`), whatever it carries.
  if (e.eventType !== undefined && e.eventType !== 'message' && WORDS.has(e.eventType.toLowerCase())) return true;
  if (e.binary) return e.size <= 1; // a single byte (or empty) binary frame: opcode-level pings some servers send as data
  const raw = e.data;
  if (raw === undefined) return false;
  // STOMP heart-beats are a bare EOL; SignalR records end with \x1e.
  const text = raw.replace(/\u001e$/, '').trim();
  if (text === '') return true;
  const lower = text.toLowerCase();
  if (WORDS.has(lower) || PROTOCOL_TOKENS.has(lower) || WORDS.has(lower.replace(/^["']|["']$/g, ''))) return true;
  if (text[0] !== '{' && text[0] !== '[') return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  return isKeepAliveJson(parsed);
}

function isKeepAliveJson(v: unknown): boolean {
  if (Array.isArray(v)) {
    // Phoenix channels v2 serializer: [joinRef, ref, "phoenix", "heartbeat", {}]
    return v.length === 5 && v[2] === 'phoenix' && v[3] === 'heartbeat';
  }
  if (v === null || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  // SignalR's ping record is {"type":6}.
  if (o['type'] === 6 && Object.keys(o).length === 1) return true;
  if (o['topic'] === 'phoenix' && o['event'] === 'heartbeat') return true;
  for (const f of TYPE_FIELDS) {
    const val = o[f];
    if (typeof val === 'string' && WORDS.has(val.toLowerCase())) return true;
  }
  // {"ping": 1700000000000} / {"pong": …} (Binance and others).
  const keys = Object.keys(o);
  return keys.length === 1 && WORDS.has(keys[0]!.toLowerCase());
}

/** How many identical repeats, at a steady interval, make an unknown tiny payload a heartbeat. */
export const RHYTHM_REPEATS = 4;
/** Intervals may wander this much (relative to their mean) and still count as steady. */
const RHYTHM_TOLERANCE = 0.35;
/** Payloads above this many bytes need a known shape: longer ones are rarely keep-alives. */
export const MAX_RHYTHM_BYTES = 16;

interface Rhythm {
  lastT: number;
  intervals: number[];
}

/**
 * Reads a connection's events in seq order and says which are heartbeats. Stateful: the first
 * repeats of an unknown payload are shown; once it has repeated RHYTHM_REPEATS times at a steady
 * interval, further copies are heartbeats. Known shapes are heartbeats from the first one.
 */
export class HeartbeatDetector {
  private readonly rhythms = new Map<string, Rhythm>();

  /** `decoded`: the frame as its connection's decoder read it (absent or without detection: protocol unknown). */
  isHeartbeat(e: EventRow, decoded?: ConnectionDecode | null): boolean {
    if (decoded?.detection) return isKeepAliveDecode(decoded.decode);
    if (heartbeatShape(e)) return true;
    if (e.type !== 'message' || e.binary || e.data === undefined || e.size > MAX_RHYTHM_BYTES) return false;
    // Per direction: a client's "?" and a server's "?" are different conversations.
    const key = `${e.direction ?? ''}\u0000${e.eventType ?? ''}\u0000${e.data}`;
    const r = this.rhythms.get(key);
    if (!r) {
      if (this.rhythms.size < 10_000) this.rhythms.set(key, { lastT: e.t, intervals: [] });
      return false;
    }
    const steadyBefore = isSteady(r.intervals);
    r.intervals.push(e.t - r.lastT);
    if (r.intervals.length > RHYTHM_REPEATS) r.intervals.shift();
    r.lastT = e.t;
    return steadyBefore && isSteady(r.intervals);
  }
}

/** A decoded frame is a heartbeat when it completed messages, all keep-alives, and holds no piece or error. */
export function isKeepAliveDecode(d: FrameDecode | null): boolean {
  if (!d || d.error !== undefined || d.partial !== undefined || d.messages.length === 0) return false;
  return d.messages.every((m) => m.kind === 'keepalive');
}

function isSteady(intervals: readonly number[]): boolean {
  if (intervals.length < RHYTHM_REPEATS - 1) return false;
  const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
  // Bursts of identical messages (a loop sending "x" 1000 times) are not a heartbeat.
  if (mean < 200) return false;
  return intervals.every((d) => Math.abs(d - mean) <= mean * RHYTHM_TOLERANCE);
}
