import { describe, expect, it } from 'vitest';
import { createWampDecoder } from './wamp';

// autobahn-js pulls in a crypto stack and a router to talk to; these are the message layouts of
// the WAMP spec (wamp-proto.org, "Basic Profile"), written out.
describe('WAMP JSON', () => {
  it('reads a session: hello, subscribe, event by subscription id, call and error', () => {
    const frames = [
      [1, 'realm1', { roles: { subscriber: {} } }],
      [2, 9129137332, { roles: { broker: {} } }],
      [32, 713845233, {}, 'com.myapp.mytopic1'],
      [33, 713845233, 5512315355],
      [36, 5512315355, 4429313566, {}, [42]],
      [48, 7814135, {}, 'com.myapp.add', [2, 3]],
      [50, 7814135, {}, [5]],
      [48, 7814136, {}, 'com.myapp.nope', []],
      [8, 48, 7814136, {}, 'wamp.error.no_such_procedure'],
    ];
    const d = createWampDecoder();
    const msgs = frames.flatMap((a, i) => d.push({ seq: i + 1, text: JSON.stringify(a) }).messages);
    expect(msgs.map((m) => [m.type, m.kind, m.name, m.id])).toEqual([
      ['HELLO', 'control', 'realm1', undefined],
      ['WELCOME', 'control', undefined, undefined],
      ['SUBSCRIBE', 'subscribe', 'com.myapp.mytopic1', '713845233'],
      ['SUBSCRIBED', 'reply', 'com.myapp.mytopic1', '713845233'],
      ['EVENT', 'data', 'com.myapp.mytopic1', undefined],
      ['CALL', 'request', 'com.myapp.add', '7814135'],
      ['RESULT', 'reply', undefined, '7814135'],
      ['CALL', 'request', 'com.myapp.nope', '7814136'],
      ['ERROR', 'error', 'wamp.error.no_such_procedure', '7814136'],
    ]);
    expect(msgs[4]?.channel).toBe('5512315355');
  });
  it('refuses unknown codes and non-arrays', () => {
    const d = createWampDecoder();
    expect(d.push({ seq: 1, text: '[99]' }).error).toBeDefined();
    expect(d.push({ seq: 2, text: '{"a":1}' }).error).toBeDefined();
  });
});
