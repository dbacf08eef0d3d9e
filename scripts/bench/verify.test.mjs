import { describe, expect, it } from 'vitest';
import { checkStoredSession } from './verify.mjs';

const b64 = (n) => Buffer.from(Uint32Array.of(n).buffer).toString('base64') + 'eHh4';
const log = (messages, { gap = false } = {}) => {
  const events = [{ connectionId: 'c1', seq: 1, type: 'open' }];
  for (const m of messages) events.push({ connectionId: 'c1', seq: events.length + (gap && events.length === 2 ? 2 : 1), type: 'message', ...m });
  return JSON.stringify({ connections: [{ id: 'c1', kind: 'websocket', url: 'ws://h/ws' }, { id: 'c2', kind: 'websocket', url: 'ws://x/ws' }], events });
};
const spec = {
  kind: 'websocket',
  url: 'ws://h/ws',
  segments: [
    { dir: 'out', literal: 'go bin-small 2' },
    { dir: 'in', from: 1, to: 2, binary: true, size: 100 },
  ],
};
const good = [
  { direction: 'out', data: 'go bin-small 2', size: 14 },
  { direction: 'in', data: b64(1), binary: true, size: 100 },
  { direction: 'in', data: b64(2), binary: true, size: 100 },
];

describe('checkStoredSession', () => {
  it('accepts a complete log', async () => {
    expect(await checkStoredSession(spec, log(good))).toEqual({ ok: true, events: 4, messages: 3 });
  });

  it('finds a missing message, a wrong order, a seq gap and a truncated payload', async () => {
    expect((await checkStoredSession(spec, log(good.slice(0, 2)))).error).toMatch(/recorded 2 messages, expected 3/);
    expect((await checkStoredSession(spec, log([good[0], good[2], good[1]]))).error).toMatch(/#2 .* expected in #1/);
    expect((await checkStoredSession(spec, log(good, { gap: true }))).error).toMatch(/seq not contiguous/);
    expect((await checkStoredSession(spec, log([good[0], good[1], { ...good[2], truncated: true }]))).error).toMatch(/truncated/);
  });

  it('needs exactly one matching connection', async () => {
    expect((await checkStoredSession({ ...spec, url: 'ws://none/ws' }, log(good))).error).toMatch(/found 0/);
  });

  it('with { none: true }, accepts only a log without any connection', async () => {
    expect(await checkStoredSession({ none: true }, JSON.stringify({ connections: [], events: [] }))).toEqual({ ok: true, events: 0, messages: 0 });
    expect((await checkStoredSession({ none: true }, log(good))).error).toMatch(/expected no recorded connection, found 2 \(websocket ws:\/\/h\/ws\)/);
  });
});
