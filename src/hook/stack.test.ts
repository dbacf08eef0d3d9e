import { describe, expect, it } from 'vitest';
import { ownLocation, trimStack } from './stack';

const own = 'chrome-extension://abcdef/assets/index.ts-Bx1.js';
const v8 = `Error
    at Object.stack (${own}:10:20)
    at observe (${own}:30:5)
    at Object.construct (${own}:50:9)
    at connect (http://127.0.0.1:8080/app.js:3:14)
    at http://127.0.0.1:8080/app.js:9:1`;
// Firefox names a MAIN-world content script "<anonymous code>".
const gecko = `pageStack@<anonymous code>:851:29
construct@<anonymous code>:796:13
connect@http://127.0.0.1:8080/app.js:3:14
@http://127.0.0.1:8080/app.js:9:1
`;

describe('stack', () => {
  it('finds the own script location from a stack taken in our code', () => {
    expect(ownLocation(v8)).toBe(own);
    expect(ownLocation(gecko)).toBe('<anonymous code>');
    expect(ownLocation('Error')).toBeNull();
    expect(ownLocation(undefined)).toBeNull();
  });

  it('keeps only the page frames below ours', () => {
    expect(trimStack(v8, own, 4096)).toBe('    at connect (http://127.0.0.1:8080/app.js:3:14)\n    at http://127.0.0.1:8080/app.js:9:1');
    expect(trimStack(gecko, '<anonymous code>', 4096)).toBe('connect@http://127.0.0.1:8080/app.js:3:14\n@http://127.0.0.1:8080/app.js:9:1');
  });

  it('keeps page frames with other locations, eval and srcdoc frames included', () => {
    const s = `Error\n    at Object.construct (${own}:50:9)\n    at eval (eval at frames (http://h/p.js:404:62), <anonymous>:1:1)\n    at about:srcdoc:1:70`;
    expect(trimStack(s, own, 4096)).toBe('    at eval (eval at frames (http://h/p.js:404:62), <anonymous>:1:1)\n    at about:srcdoc:1:70');
  });

  it('caps the length; nothing left is undefined', () => {
    expect(trimStack(gecko, '<anonymous code>', 10)).toHaveLength(10);
    expect(trimStack(`f@${own}:1:1`, own, 10)).toBeUndefined();
  });
});

describe('stack without page-defined built-ins', () => {
  it('never looks up Symbol.split or String/Array/RegExp methods on the prototypes', () => {
    const saved: unknown[] = [String.prototype.split, Array.prototype.join, RegExp.prototype.exec, String.prototype.slice];
    let calls = 0;
    const spy = () => {
      calls++;
      throw new Error('page code ran');
    };
    Object.defineProperty(Object.prototype, Symbol.split, { get: spy, configurable: true });
    String.prototype.split = spy as never;
    Array.prototype.join = spy as never;
    RegExp.prototype.exec = spy as never;
    String.prototype.slice = spy as never;
    let results: unknown[];
    try {
      results = [trimStack(v8, own, 4096), ownLocation(gecko), trimStack(gecko, '<anonymous code>', 10)];
    } finally {
      delete (Object.prototype as Record<symbol, unknown>)[Symbol.split];
      String.prototype.split = saved[0] as typeof String.prototype.split;
      Array.prototype.join = saved[1] as typeof Array.prototype.join;
      RegExp.prototype.exec = saved[2] as typeof RegExp.prototype.exec;
      String.prototype.slice = saved[3] as typeof String.prototype.slice;
    }
    expect(calls).toBe(0);
    expect(results).toEqual(['    at connect (http://127.0.0.1:8080/app.js:3:14)\n    at http://127.0.0.1:8080/app.js:9:1', '<anonymous code>', 'connect@ht']);
  });
});
