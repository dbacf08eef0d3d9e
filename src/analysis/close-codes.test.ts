import { describe, expect, it } from 'vitest';
import { closeCodeName, describeCloseCode } from './close-codes';

describe('closeCodeName', () => {
  it('names every code of RFC 6455 and the IANA registry', () => {
    const names = [];
    for (let c = 1000; c <= 1015; c++) names.push(closeCodeName(c));
    expect(names).toEqual([
      'normal closure', 'going away', 'protocol error', 'unsupported data', 'reserved', 'no status received',
      'abnormal closure', 'invalid payload data', 'policy violation', 'message too big', 'mandatory extension',
      'internal server error', 'service restart', 'try again later', 'bad gateway', 'TLS handshake failure',
    ]);
  });

  it('names the ranges', () => {
    expect(closeCodeName(3000)).toBe('registered (library or framework)');
    expect(closeCodeName(3999)).toBe('registered (library or framework)');
    expect(closeCodeName(4000)).toBe('application-defined');
    expect(closeCodeName(4999)).toBe('application-defined');
    expect(closeCodeName(1016)).toBe('reserved');
    expect(closeCodeName(999)).toBe('unused');
    expect(closeCodeName(5000)).toBe('invalid');
    expect(closeCodeName(1000.5)).toBe('invalid');
  });

  it('describes a code with its number', () => {
    expect(describeCloseCode(1001)).toBe('1001 (going away)');
  });
});
