import { describe, expect, it } from 'vitest';
import type { ConnectionRow } from '../contracts/model';
import type { BackgroundToRelay } from '../contracts/protocol';
import { Faults } from './faults';

const conn = (over: Partial<ConnectionRow> = {}) => ({ id: 'c1', localId: 4, tabId: 2, kind: 'websocket', url: 'ws://127.0.0.1:9/feed?t=1', state: 'open', ...over }) as ConnectionRow;

function setup(target: { conn: ConnectionRow; endpoint: { postMessage(m: BackgroundToRelay): void } | null } | undefined, refuse = async () => 16_000) {
  const refused: Array<[number, string, number]> = [];
  const faults = new Faults(
    { faultTarget: () => target },
    {
      refuse: async (tabId, filter, ms) => {
        refused.push([tabId, filter, ms]);
        return refuse();
      },
    },
    () => 1000,
  );
  return { faults, refused };
}

describe('applying a fault (background)', () => {
  it('puts the refusal in force, then sends the command to the connection’s relay', async () => {
    const posted: BackgroundToRelay[] = [];
    const { faults, refused } = setup({ conn: conn(), endpoint: { postMessage: (m) => posted.push(m) } });
    const res = await faults.apply({ type: 'ri:fault', urlIncludes: '/feed', action: { kind: 'drop', refuseMs: 2000 } });
    expect(res).toMatchObject({ ok: true, connectionId: 'c1', refusedUntil: 3000 });
    expect(refused).toEqual([[2, '^(ws|http)://127\\.0\\.0\\.1:9\\/feed([?#]|$)', 2000]]);
    expect(posted).toHaveLength(1);
    const cmd = JSON.parse((posted[0] as { command: string }).command) as unknown[];
    expect(cmd.slice(2, 4)).toEqual([4, 'drop']);
    expect(cmd[9]).toBe(2000);
  });

  it('says why it cannot: no connection, a fetch stream, no relay port, a refused rule', async () => {
    const action = { kind: 'drop', refuseMs: 10 } as const;
    expect(await setup(undefined).faults.apply({ type: 'ri:fault', urlIncludes: 'x', action })).toMatchObject({ ok: false });
    expect(await setup({ conn: conn({ kind: 'fetch-stream' }), endpoint: null }).faults.apply({ type: 'ri:fault', connectionId: 'c1', action })).toMatchObject({ ok: false, error: expect.stringContaining('streamed fetch') });
    expect(await setup({ conn: conn(), endpoint: null }).faults.apply({ type: 'ri:fault', connectionId: 'c1', action })).toMatchObject({ ok: false, error: expect.stringContaining('not connected') });
    const posted: unknown[] = [];
    const broken = setup({ conn: conn(), endpoint: { postMessage: (m) => posted.push(m) } }, async () => Promise.reject(new Error('quota')));
    expect(await broken.faults.apply({ type: 'ri:fault', connectionId: 'c1', action })).toMatchObject({ ok: false, error: expect.stringContaining('quota') });
    expect(posted).toEqual([]);
  });
});
