// ASP.NET Core SignalR hub protocol, JSON encoding: records ended by the record separator 0x1e,
// a handshake record first in each direction, then typed messages (1 invocation … 9 sequence).

import { frameText, idOf, isRecord, parseJson, str } from './frames';
import type { Decoder, FrameDecode, FrameInput, MessageKind, ProtocolMessage, ProtocolSpec } from './types';

export const RECORD_SEPARATOR = '\u001e';

export const MESSAGE_TYPES = ['', 'Invocation', 'StreamItem', 'Completion', 'StreamInvocation', 'CancelInvocation', 'Ping', 'Close', 'Ack', 'Sequence'] as const;

/** The fields both encodings share, in the JSON protocol's names. */
export interface HubFields {
  type: number;
  invocationId?: string;
  target?: string;
  error?: string;
  body: unknown;
}

/** Remembers invocation targets so that stream items and completions are named too. */
export class Targets {
  private readonly byId = new Map<string, string>();
  describe(f: HubFields): ProtocolMessage | null {
    const type = MESSAGE_TYPES[f.type];
    if (!type) return null;
    const id = f.invocationId;
    if (id !== undefined && f.target !== undefined && this.byId.size < 10_000) this.byId.set(id, f.target);
    const name = f.target ?? (id !== undefined ? this.byId.get(id) : undefined);
    const kind = kindOf(f, id);
    return { type, kind, body: f.body, ...(id !== undefined ? { id, channel: id } : {}), ...(name !== undefined ? { name } : {}) };
  }
}

function kindOf(f: HubFields, id: string | undefined): MessageKind {
  switch (f.type) {
    case 1: return id !== undefined ? 'request' : 'data'; // without an id, no completion is expected
    case 2: return 'data';
    case 3: return f.error !== undefined ? 'error' : 'reply';
    case 4: return 'subscribe';
    case 5: return 'unsubscribe';
    case 6: return 'keepalive';
    case 7: return f.error !== undefined ? 'error' : 'control';
    default: return 'control';
  }
}

/** The handshake record: `{"protocol":"json","version":1}` from the client, `{}` or `{"error":…}` back. */
export function handshake(v: unknown): ProtocolMessage | null {
  if (!isRecord(v) || 'type' in v) return null;
  if (typeof v['protocol'] === 'string') return { type: 'Handshake', kind: 'control', name: v['protocol'], body: v };
  const error = str(v['error']);
  return error !== undefined ? { type: 'Handshake', kind: 'error', name: error, body: v } : { type: 'Handshake response', kind: 'control', body: v };
}

export function createSignalrJsonDecoder(): Decoder {
  const targets = new Targets();
  return {
    push(f: FrameInput): FrameDecode {
      const text = frameText(f);
      if (!text.endsWith(RECORD_SEPARATOR)) return { messages: [], error: 'a SignalR record ends with 0x1e' };
      const messages: ProtocolMessage[] = [];
      for (const rec of text.split(RECORD_SEPARATOR).slice(0, -1)) {
        const p = parseJson(rec);
        if (!p.ok || !isRecord(p.value)) return { messages, error: 'a record that is not a JSON object' };
        const v = p.value;
        const m = typeof v['type'] === 'number'
          ? targets.describe({ type: v['type'], invocationId: idOf(v['invocationId']), target: str(v['target']), error: str(v['error']), body: v })
          : handshake(v);
        if (!m) return { messages, error: `unknown message type ${String(v['type'])}` };
        messages.push(m);
      }
      return { messages };
    },
  };
}

export const signalrJson: ProtocolSpec = { id: 'signalr-json', label: 'SignalR (JSON)', create: createSignalrJsonDecoder };
