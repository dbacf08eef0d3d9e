// WAMP v2 with the JSON serializer (wamp.2.json): arrays whose first item is the message code;
// requests and their answers share a request id, events name their subscription.

import { frameText, idOf, parseJson, str } from './frames';
import type { Decoder, FrameDecode, FrameInput, MessageKind, ProtocolMessage, ProtocolSpec } from './types';

/** code → [name, kind, index of the request id (or -1), index of the name (URI, or -1)]. */
const CODES: Record<number, [string, MessageKind, number, number]> = {
  1: ['HELLO', 'control', -1, 1],
  2: ['WELCOME', 'control', -1, -1],
  3: ['ABORT', 'error', -1, 2],
  4: ['CHALLENGE', 'control', -1, 1],
  5: ['AUTHENTICATE', 'control', -1, -1],
  6: ['GOODBYE', 'control', -1, 2],
  8: ['ERROR', 'error', 2, 4],
  16: ['PUBLISH', 'request', 1, 3],
  17: ['PUBLISHED', 'reply', 1, -1],
  32: ['SUBSCRIBE', 'subscribe', 1, 3],
  33: ['SUBSCRIBED', 'reply', 1, -1],
  34: ['UNSUBSCRIBE', 'unsubscribe', 1, -1],
  35: ['UNSUBSCRIBED', 'reply', 1, -1],
  36: ['EVENT', 'data', -1, -1],
  48: ['CALL', 'request', 1, 3],
  49: ['CANCEL', 'control', 1, -1],
  50: ['RESULT', 'reply', 1, -1],
  64: ['REGISTER', 'request', 1, 3],
  65: ['REGISTERED', 'reply', 1, -1],
  66: ['UNREGISTER', 'request', 1, -1],
  67: ['UNREGISTERED', 'reply', 1, -1],
  68: ['INVOCATION', 'request', 1, -1],
  69: ['INTERRUPT', 'control', 1, -1],
  70: ['YIELD', 'reply', 1, -1],
};

export function createWampDecoder(): Decoder {
  // Events carry only a subscription id: its topic comes from SUBSCRIBE (by request) → SUBSCRIBED.
  const topicByRequest = new Map<string, string>();
  const topicBySubscription = new Map<string, string>();
  return {
    push(f: FrameInput): FrameDecode {
      const p = parseJson(frameText(f));
      const a = p.ok && Array.isArray(p.value) ? p.value : null;
      const def = a && typeof a[0] === 'number' ? CODES[a[0]] : undefined;
      if (!a || !def) return { messages: [], error: 'not a WAMP message' };
      const [type, kind, idAt, nameAt] = def;
      const id = idAt >= 0 ? idOf(a[idAt]) : undefined;
      let name = nameAt >= 0 ? str(a[nameAt]) : undefined;
      let channel: string | undefined;
      if (type === 'SUBSCRIBE' && id !== undefined && name !== undefined && topicByRequest.size < 10_000) topicByRequest.set(id, name);
      if (type === 'SUBSCRIBED' && id !== undefined) {
        const sub = idOf(a[2]);
        const topic = topicByRequest.get(id);
        if (sub !== undefined && topic !== undefined && topicBySubscription.size < 10_000) topicBySubscription.set(sub, topic);
        name = topic;
        channel = sub;
      }
      if (type === 'EVENT' || type === 'UNSUBSCRIBE') {
        channel = idOf(a[type === 'EVENT' ? 1 : 2]);
        if (channel !== undefined) name = topicBySubscription.get(channel);
      }
      const msg: ProtocolMessage = { type, kind, body: a };
      if (name !== undefined) msg.name = name;
      if (id !== undefined) msg.id = id;
      if (channel !== undefined) msg.channel = channel;
      return { messages: [msg] };
    },
  };
}

export const wamp: ProtocolSpec = { id: 'wamp', label: 'WAMP (JSON)', create: createWampDecoder };
