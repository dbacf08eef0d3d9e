import { describe, expect, it } from 'vitest';
import { createActionCableDecoder } from './actioncable';

// @rails/actioncable needs a browser (window, document); these are the frames of the Action
// Cable protocol as its server (actioncable/lib/action_cable/connection) and client write them.
describe('Action Cable', () => {
  it('reads a subscription, its confirmation, pings, channel messages and actions', () => {
    const id = '{"channel":"ChatChannel","room":"1"}';
    const frames = [
      ['in', '{"type":"welcome"}'],
      ['out', JSON.stringify({ command: 'subscribe', identifier: id })],
      ['in', JSON.stringify({ identifier: id, type: 'confirm_subscription' })],
      ['in', '{"type":"ping","message":1733043600}'],
      ['in', JSON.stringify({ identifier: id, message: { body: 'hi' } })],
      ['out', JSON.stringify({ command: 'message', identifier: id, data: JSON.stringify({ text: 'yo', action: 'speak' }) })],
      ['in', JSON.stringify({ identifier: '{"channel":"AdminChannel"}', type: 'reject_subscription' })],
      ['in', '{"type":"disconnect","reason":"unauthorized","reconnect":false}'],
    ] as const;
    const d = createActionCableDecoder();
    const msgs = frames.flatMap(([direction, text], i) => d.push({ seq: i + 1, direction, text }).messages);
    expect(msgs.map((m) => [m.type, m.kind, m.name])).toEqual([
      ['welcome', 'control', undefined],
      ['subscribe', 'subscribe', 'ChatChannel'],
      ['confirm_subscription', 'reply', 'ChatChannel'],
      ['ping', 'keepalive', undefined],
      ['message', 'data', 'ChatChannel'],
      ['message', 'data', 'ChatChannel#speak'],
      ['reject_subscription', 'error', 'AdminChannel'],
      ['disconnect', 'error', 'unauthorized'],
    ]);
    expect(msgs[5]?.body).toMatchObject({ data: { text: 'yo' } });
    expect(msgs[1]?.channel).toBe(msgs[4]?.channel);
  });
  it('refuses other JSON', () => {
    expect(createActionCableDecoder().push({ seq: 1, text: '{"type":"next"}' }).error).toBeDefined();
  });
});
