import { describe, expect, it } from 'vitest';
import { runDetector } from '../shared-analysis';
import { Scenario } from '../test-scenario';
import { UNIDIR_MIN_MESSAGES_IN } from '../thresholds';
import { detectUnidirectionalWebSockets } from './unidirectional-websocket';

const run = (s: Scenario, now?: number) => runDetector(detectUnidirectionalWebSockets, s.input(now === undefined ? undefined : { now }));

describe('unidirectional-websocket', () => {
  it('finds nothing for chat-like traffic, short samples, or EventSources', () => {
    const chat = new Scenario();
    const a = chat.ws('a', 0).open(1);
    for (let i = 0; i < 200; i++) (i % 3 === 0 ? a.send(i * 200, 'hi') : a.recv(i * 200, 'hello'));
    const few = chat.ws('b', 0, { url: 'ws://h/few' }).open(1);
    for (let i = 0; i < UNIDIR_MIN_MESSAGES_IN - 1; i++) few.recv(i * 1000, 'tick');
    const short = chat.ws('c', 0, { url: 'ws://h/short' }).open(1);
    for (let i = 0; i < 500; i++) short.recv(i * 10, 'tick');
    short.close(5001, 1000);
    const es = chat.es('d', 0).open(1);
    for (let i = 0; i < 500; i++) es.sse(i * 100, String(i));
    expect(run(chat)).toEqual([]);
  });

  it('reports a socket that only listens over a meaningful sample', () => {
    const s = new Scenario();
    const a = s.ws('a', 0).open(1000);
    a.send(1010, '{"subscribe":"prices"}');
    for (let i = 0; i < 300; i++) a.recv(2000 + i * 200, '{"price":101.5,"symbol":"ACME"}');
    const found = run(s);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'unidirectional-websocket', severity: 'info', evidence: { messagesIn: 300, messagesOut: 1, durationMs: 60_800 } });
    expect(found[0]!.message).toBe('WebSocket ws://127.0.0.1:9000/ws received 300 messages and sent only 1 in 1 min 1 s; for a one-way stream, Server-Sent Events would be simpler to operate, with reconnect and resume built in.');
  });
});
