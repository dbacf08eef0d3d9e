// STOMP 1.0–1.2 over WebSocket: frames of COMMAND, headers, body and NUL; heart-beats are bare
// EOLs. Read as a byte stream per direction, since a library may split a frame or send several.

import { ByteStream } from './byte-stream';
import { decodeUtf8, frameBytes, parseJson } from './frames';
import type { Decoder, FrameDecode, FrameInput, MessageKind, ProtocolMessage, ProtocolSpec } from './types';

const KINDS: Record<string, MessageKind> = {
  CONNECT: 'control',
  STOMP: 'control',
  CONNECTED: 'control',
  SEND: 'data',
  SUBSCRIBE: 'subscribe',
  UNSUBSCRIBE: 'unsubscribe',
  ACK: 'control',
  NACK: 'control',
  BEGIN: 'control',
  COMMIT: 'control',
  ABORT: 'control',
  DISCONNECT: 'control',
  MESSAGE: 'data',
  RECEIPT: 'reply',
  ERROR: 'error',
};

const LF = 10;
const CR = 13;

/** STOMP 1.2 header escapes (not applied to CONNECT/CONNECTED, as the spec says). */
function unescape(s: string): string {
  return s.replace(/\\([\\ncr])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 'c' ? ':' : '\\'));
}

type Step = { msg: ProtocolMessage; used: number } | { need: true } | { error: string };

/** Reads one frame (or one heart-beat EOL) from the front of `b`. */
export function readStompFrame(b: Uint8Array): Step {
  if (b[0] === LF) return { msg: heartBeat(), used: 1 };
  if (b[0] === CR && b[1] === LF) return { msg: heartBeat(), used: 2 };
  if (b[0] === CR && b.length === 1) return { need: true };
  // The header block ends at the first empty line.
  let i = 0;
  const lines: string[] = [];
  for (;;) {
    const nl = b.indexOf(LF, i);
    if (nl < 0) return b.length > 64 * 1024 ? { error: 'no end of headers' } : { need: true };
    const end = nl > i && b[nl - 1] === CR ? nl - 1 : nl;
    const line = decodeUtf8(b.subarray(i, end));
    i = nl + 1;
    if (line === '') break;
    lines.push(line);
    if (lines.length > 1000) return { error: 'too many headers' };
  }
  const command = lines[0] ?? '';
  const kind = KINDS[command];
  if (!kind) return { error: `not a STOMP command: ${command.slice(0, 40)}` };
  const raw = command === 'CONNECT' || command === 'CONNECTED';
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) return { error: `header without a colon: ${line.slice(0, 40)}` };
    const k = raw ? line.slice(0, colon) : unescape(line.slice(0, colon));
    // Repeated headers: the first one counts (STOMP 1.2).
    if (!(k in headers)) headers[k] = raw ? line.slice(colon + 1) : unescape(line.slice(colon + 1));
  }
  let bodyEnd: number;
  const len = headers['content-length'];
  if (len !== undefined && /^\d+$/.test(len)) {
    bodyEnd = i + Number(len);
    if (b.length < bodyEnd + 1) return { need: true };
    if (b[bodyEnd] !== 0) return { error: 'no NUL after content-length bytes' };
  } else {
    bodyEnd = b.indexOf(0, i);
    if (bodyEnd < 0) return { need: true };
  }
  const text = decodeUtf8(b.subarray(i, bodyEnd));
  const json = /json/i.test(headers['content-type'] ?? '') ? parseJson(text) : { ok: false as const };
  const body = { command, headers, body: json.ok ? json.value : text };
  return { msg: describe(command, kind, headers, body), used: bodyEnd + 1 };
}

function heartBeat(): ProtocolMessage {
  return { type: 'heart-beat', kind: 'keepalive', body: {} };
}

function describe(command: string, kind: MessageKind, h: Record<string, string>, body: unknown): ProtocolMessage {
  const msg: ProtocolMessage = { type: command, kind, body };
  const name = h['destination'] ?? (command === 'ERROR' ? h['message'] : undefined);
  if (name !== undefined) msg.name = name;
  // A client frame with a receipt header asks for a RECEIPT with that receipt-id.
  const id = h['receipt'] ?? h['receipt-id'];
  if (id !== undefined) msg.id = id;
  const channel = command === 'MESSAGE' || command === 'ACK' || command === 'NACK' ? h['subscription'] : command === 'SUBSCRIBE' || command === 'UNSUBSCRIBE' ? h['id'] : undefined;
  if (channel !== undefined) msg.channel = channel;
  return msg;
}

export function createStompDecoder(): Decoder {
  const streams = { in: new ByteStream(), out: new ByteStream() };
  return {
    push(f: FrameInput): FrameDecode {
      const s = streams[f.direction ?? 'in'];
      if (f.truncated) {
        s.reset();
        return { messages: [], error: 'payload truncated by the recorder' };
      }
      if (!s.append(frameBytes(f), f.seq)) return { messages: [], error: 'a frame longer than the stream limit' };
      const messages: ProtocolMessage[] = [];
      for (;;) {
        if (s.bytes.length === 0) return { messages };
        const step = readStompFrame(s.bytes);
        if ('need' in step) return { messages, partial: { type: partialCommand(s.bytes) } };
        if ('error' in step) {
          s.reset();
          return { messages, error: step.error };
        }
        const seqs = s.take(step.used);
        if (seqs.length > 1) step.msg.seqs = seqs;
        messages.push(step.msg);
      }
    },
  };
}

function partialCommand(b: Uint8Array): string {
  const nl = b.indexOf(LF);
  return decodeUtf8(b.subarray(0, nl < 0 ? Math.min(b.length, 20) : nl)).replace(/\r$/, '');
}

export const stomp: ProtocolSpec = { id: 'stomp', label: 'STOMP', create: createStompDecoder };
