// JSON-RPC 2.0 over WebSocket: requests, notifications, responses and batches; Ethereum's
// eth_subscribe / eth_subscription notifications named by their subscription.

import { frameText, idOf, isRecord, parseJson, str } from './frames';
import type { Decoder, FrameDecode, FrameInput, ProtocolMessage, ProtocolSpec } from './types';

export function createJsonRpcDecoder(): Decoder {
  // A response carries only the id: its method comes from the request.
  const methods = new Map<string, string>();
  // eth_subscribe's first param says what is subscribed to (newHeads, logs…).
  const subscribeKinds = new Map<string, string>();
  // eth_subscribe's result is the subscription id its notifications carry.
  const subscriptions = new Map<string, string>();
  const one = (v: unknown): ProtocolMessage | null => {
    if (!isRecord(v) || v['jsonrpc'] !== '2.0') return null;
    const id = idOf(v['id']);
    const method = str(v['method']);
    if (method !== undefined) {
      if (id !== undefined && methods.size < 10_000) methods.set(id, method);
      const first = Array.isArray(v['params']) ? str(v['params'][0]) : undefined;
      if (method === 'eth_subscribe' && id !== undefined && first !== undefined) subscribeKinds.set(id, first);
      if (method === 'eth_subscription' && isRecord(v['params'])) {
        const sub = str(v['params']['subscription']);
        return { type: 'notification', kind: 'data', name: sub !== undefined ? (subscriptions.get(sub) ?? method) : method, body: v, ...(sub !== undefined ? { channel: sub } : {}) };
      }
      const kind = method === 'eth_subscribe' ? 'subscribe' : method === 'eth_unsubscribe' ? 'unsubscribe' : id !== undefined ? 'request' : 'data';
      return { type: id !== undefined ? 'request' : 'notification', kind, name: method, body: v, ...(id !== undefined ? { id } : {}) };
    }
    if (!('result' in v) && !('error' in v)) return null;
    const asked = id !== undefined ? methods.get(id) : undefined;
    if (asked === 'eth_subscribe' && id !== undefined && typeof v['result'] === 'string' && subscriptions.size < 10_000) {
      subscriptions.set(v['result'], subscribeKinds.get(id) ?? 'eth_subscription');
    }
    const error = 'error' in v;
    const message = error && isRecord(v['error']) ? str(v['error']['message']) : undefined;
    return { type: error ? 'error' : 'result', kind: error ? 'error' : 'reply', body: v, ...(id !== undefined ? { id } : {}), ...(asked !== undefined || message !== undefined ? { name: asked ?? message } : {}) };
  };
  return {
    push(f: FrameInput): FrameDecode {
      const p = parseJson(frameText(f));
      if (!p.ok) return { messages: [], error: 'not JSON' };
      const list = Array.isArray(p.value) ? p.value : [p.value];
      const messages = list.map(one);
      if (list.length === 0 || messages.some((m) => m === null)) return { messages: messages.filter((m): m is ProtocolMessage => m !== null), error: 'not a JSON-RPC 2.0 message' };
      return { messages: messages as ProtocolMessage[] };
    },
  };
}

export const jsonRpc: ProtocolSpec = { id: 'json-rpc', label: 'JSON-RPC 2.0', create: createJsonRpcDecoder };
