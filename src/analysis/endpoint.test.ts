import { describe, expect, it } from 'vitest';
import { endpointKey, hostPort, shortUrl } from './endpoint';

describe('endpointKey', () => {
  it('ignores volatile parameters and parameter order', () => {
    expect(endpointKey('wss://h.example/ws?room=1&token=abc&ts=1')).toBe(endpointKey('wss://h.example/ws?t=9&room=1&access_token=zz'));
    expect(endpointKey('ws://h/x?_=123&nonce=5&sig=q&lastEventId=41')).toBe('ws://h/x');
  });

  it('keeps parameters that select a different endpoint', () => {
    expect(endpointKey('wss://h/ws?room=1')).not.toBe(endpointKey('wss://h/ws?room=2'));
    expect(endpointKey('wss://h/a')).not.toBe(endpointKey('wss://h/b'));
    expect(endpointKey('wss://h:1/a')).not.toBe(endpointKey('wss://h:2/a'));
  });

  it('treats any JWT-looking value and extra names as volatile', () => {
    expect(endpointKey('ws://h/x?credential=eyJhbGciOi.eyJzdWIi.c2ln')).toBe('ws://h/x');
    expect(endpointKey('ws://h/x?mytok=1', ['MyTok'])).toBe('ws://h/x');
  });

  it('returns unparsable URLs unchanged', () => {
    expect(endpointKey('not a url')).toBe('not a url');
  });
});

describe('shortUrl and hostPort', () => {
  it('hides the query', () => {
    expect(shortUrl('wss://h.example:8443/ws?token=secret')).toBe('wss://h.example:8443/ws?…');
    expect(shortUrl('http://h/feed')).toBe('http://h/feed');
  });
  it('keeps the short, harmless parameters that tell two connections on one path apart', () => {
    expect(shortUrl('http://127.0.0.1:9000/gap?n=1')).not.toBe(shortUrl('http://127.0.0.1:9000/gap?n=2'));
    expect(shortUrl('http://h/gap?n=1&token=abc')).toBe('http://h/gap?n=1&…');
    expect(shortUrl('ws://h/ws?room=lobby&ts=170000&api_key=k&client_secret=s&sessionId=q')).toBe('ws://h/ws?room=lobby&…');
    expect(shortUrl(`ws://h/ws?room=${'x'.repeat(40)}`)).toBe('ws://h/ws?…');
    expect(shortUrl('ws://h/ws?x=eyJhbGciOi.eyJzdWIiOjF9.sig')).toBe('ws://h/ws?…');
  });
  it('fills default ports', () => {
    expect(hostPort('wss://h.example/ws')).toBe('h.example:443');
    expect(hostPort('ws://127.0.0.1:9000/ws')).toBe('127.0.0.1:9000');
  });
});
