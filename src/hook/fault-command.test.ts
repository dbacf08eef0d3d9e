import { describe, expect, it } from 'vitest';
import { faultCommand } from '../contracts/fault';
import { createFaultTargets, parseFaultCommand } from './fault-command';

const n = { jsonParse: JSON.parse, isArray: Array.isArray };

describe('fault commands in the hook', () => {
  it('reads what the background wrote, every slot', () => {
    const text = faultCommand('f1', 3, { kind: 'messages', mode: 'delay', count: 4, match: 'tick', delayMs: 250 }, 0);
    expect({ ...parseFaultCommand(n, text) }).toEqual({ id: 'f1', c: 3, kind: 'messages', mode: 'delay', count: 4, delayMs: 250, match: 'tick', data: '', outageMs: 0 });
    expect(parseFaultCommand(n, faultCommand('f2', 1, { kind: 'drop', refuseMs: 5000 }, 5000))).toMatchObject({ kind: 'drop', outageMs: 5000 });
  });

  it('ignores anything else, without throwing', () => {
    for (const bad of [42, '', '{', '{"a":1}', '[1,"f",1,"drop"]', '[2,"f",1,"drop","",0,0,"","",0]', '[1,"f",1,"explode","",0,0,"","",0]', '[1,"f",-1,"drop","",0,0,"","",0]', '[1,"f",1,"messages","burn",0,0,"","",0]']) {
      expect(parseFaultCommand(n, bad)).toBeNull();
    }
  });

  it('never reads the page’s Array.prototype: no destructuring, no missing index', () => {
    const spy = Object.getOwnPropertyDescriptor(Array.prototype, Symbol.iterator)!;
    let iterated = 0;
    Object.defineProperty(Array.prototype, Symbol.iterator, { configurable: true, writable: true, value: function (this: unknown[]) { iterated++; return spy.value.call(this); } });
    try {
      parseFaultCommand(n, faultCommand('f', 1, { kind: 'inject', data: 'x' }, 0));
    } finally {
      Object.defineProperty(Array.prototype, Symbol.iterator, spy);
    }
    expect(iterated).toBe(0);
  });

  it('targets: a command reaches its connection until it is unregistered', () => {
    const t = createFaultTargets();
    const got: string[] = [];
    t.register(2, (c) => got.push(c.id));
    const cmd = parseFaultCommand(n, faultCommand('f', 2, { kind: 'disarm' }, 0))!;
    t.apply(cmd);
    t.apply({ ...cmd, c: 3 });
    t.unregister(2);
    t.apply(cmd);
    expect(got).toEqual(['f']);
  });
});
