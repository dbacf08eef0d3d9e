// Rails Action Cable (actioncable-v1-json): the server's typed messages (welcome, ping,
// confirm/reject_subscription, disconnect), channel messages by identifier, the client's commands.

import { frameText, isRecord, parseJson, str } from './frames';
import type { Decoder, FrameDecode, FrameInput, MessageKind, ProtocolMessage, ProtocolSpec } from './types';

const SERVER_TYPES: Record<string, MessageKind> = {
  welcome: 'control',
  ping: 'keepalive',
  confirm_subscription: 'reply',
  reject_subscription: 'error',
  disconnect: 'control',
};
const COMMANDS: Record<string, MessageKind> = { subscribe: 'subscribe', unsubscribe: 'unsubscribe', message: 'data' };

/** The channel named in an identifier (itself a JSON string: {"channel":"ChatChannel","room":"1"}). */
export function channelOf(identifier: string | undefined): string | undefined {
  if (identifier === undefined) return undefined;
  const p = parseJson(identifier);
  return p.ok && isRecord(p.value) ? (str(p.value['channel']) ?? identifier) : identifier;
}

export function createActionCableDecoder(): Decoder {
  return {
    push(f: FrameInput): FrameDecode {
      const p = parseJson(frameText(f));
      if (!p.ok || !isRecord(p.value)) return { messages: [], error: 'not an Action Cable message' };
      const v = p.value;
      const identifier = str(v['identifier']);
      const channel = identifier !== undefined ? { channel: identifier } : {};
      const name = channelOf(identifier);
      const type = str(v['type']);
      const command = str(v['command']);
      let msg: ProtocolMessage | null = null;
      if (type !== undefined && SERVER_TYPES[type]) {
        // A disconnect with a reason other than a plain close is the server refusing the client.
        const kind = type === 'disconnect' && v['reason'] === 'unauthorized' ? 'error' : SERVER_TYPES[type];
        msg = { type, kind, body: v, ...channel, ...(name !== undefined ? { name } : type === 'disconnect' && typeof v['reason'] === 'string' ? { name: v['reason'] } : {}) };
      } else if (command !== undefined && COMMANDS[command]) {
        // A `message` command carries its data as a JSON string with the action to perform.
        const data = command === 'message' && typeof v['data'] === 'string' ? parseJson(v['data']) : { ok: false as const };
        const action = data.ok && isRecord(data.value) ? str(data.value['action']) : undefined;
        msg = { type: command, kind: COMMANDS[command], body: data.ok ? { ...v, data: data.value } : v, ...channel, name: action ? `${name}#${action}` : (name ?? command) };
      } else if (identifier !== undefined && 'message' in v) {
        msg = { type: 'message', kind: 'data', body: v, ...channel, ...(name !== undefined ? { name } : {}) };
      }
      return msg ? { messages: [msg] } : { messages: [], error: 'not an Action Cable message' };
    },
  };
}

export const actionCable: ProtocolSpec = { id: 'actioncable', label: 'Action Cable', create: createActionCableDecoder };
