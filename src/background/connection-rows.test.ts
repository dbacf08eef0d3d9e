import { describe, expect, it } from 'vitest';
import { newConnectionRow, trustedFrameUrl } from './connection-rows';

describe('trustedFrameUrl', () => {
  it('keeps the URL the hook saw when the page moved within its origin (history.pushState)', () => {
    expect(trustedFrameUrl('http://127.0.0.1:8080/chat/room/2?x=1', 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/chat/room/2?x=1');
  });

  it('replaces a URL of another origin (a forged record) with the frame URL our relay saw', () => {
    expect(trustedFrameUrl('https://bank.example/account', 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/');
    expect(trustedFrameUrl('http://127.0.0.1:9999/', 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/');
  });

  it('accepts an opaque URL only when it is the frame URL itself', () => {
    expect(trustedFrameUrl('about:srcdoc', 'about:srcdoc')).toBe('about:srcdoc');
    expect(trustedFrameUrl('about:blank', 'about:srcdoc')).toBe('about:srcdoc');
    expect(trustedFrameUrl('data:text/html,x', 'about:blank')).toBe('about:blank');
    expect(trustedFrameUrl('not a url', 'http://a/')).toBe('http://a/');
  });

  it('is what a new connection row stores', () => {
    const ctx = { id: 'c1', pageId: 'p', tabId: 1, sourceId: 's', frameId: 0, sourceFrameUrl: 'http://a/' };
    const forged = newConnectionRow({ k: 'create', c: 1, t: 0, kind: 'websocket', url: 'ws://a/x', frameUrl: 'http://evil/' }, ctx);
    expect(forged.frameUrl).toBe('http://a/');
    const moved = newConnectionRow({ k: 'create', c: 2, t: 0, kind: 'websocket', url: 'ws://a/x', frameUrl: 'http://a/next' }, ctx);
    expect(moved.frameUrl).toBe('http://a/next');
  });
});
