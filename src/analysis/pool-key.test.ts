import { describe, expect, it } from 'vitest';
import { analyzeSession } from './analyze';
import { siteOf } from './site';
import { Scenario } from './test-scenario';

/** Tab A holds 4 streams to the stream origin, tab B opens 3 more; the pages' URLs differ. */
function twoTabs(pageA: string, pageB: string, frameB = pageB): Scenario {
  const s = new Scenario();
  for (let i = 0; i < 4; i++) s.es(`a${i}`, i, { tabId: 1, pageId: 'pa', frameId: 0, frameUrl: pageA, url: `http://127.0.0.1:7000/held?a${i}` }).open(10 + i);
  for (let i = 0; i < 3; i++) {
    s.es(`b${i}`, 100 + i, { tabId: 2, pageId: 'pb', frameId: frameB === pageB ? 0 : 5, frameUrl: frameB, url: `http://127.0.0.1:7000/held?b${i}` }).open(i < 2 ? 110 + i : 3000);
  }
  if (frameB !== pageB) s.es('top', 90, { tabId: 2, pageId: 'pb', frameId: 0, frameUrl: pageB, url: 'http://127.0.0.1:7001/other' }).open(95);
  return s;
}
const kinds = (s: Scenario) => analyzeSession(s.input()).findings.map((f) => f.kind).filter((k) => k === 'stalled-connect' || k === 'connection-limit-pressure').sort();

describe('connection pools per top-level site', () => {
  it('two tabs of one site share the pool of 6, even on two ports', () => {
    expect(kinds(twoTabs('http://127.0.0.1:8000/', 'http://127.0.0.1:8000/b'))).toEqual(['connection-limit-pressure', 'stalled-connect']);
    expect(kinds(twoTabs('http://127.0.0.1:8000/', 'http://127.0.0.1:8001/'))).toEqual(['connection-limit-pressure', 'stalled-connect']);
    expect(kinds(twoTabs('https://app.example.com/', 'https://www.example.com/'))).toEqual(['connection-limit-pressure', 'stalled-connect']);
  });

  it('two tabs of different sites do not take connections from each other', () => {
    expect(kinds(twoTabs('http://127.0.0.1:8000/', 'http://127.0.0.2:8000/'))).toEqual([]);
    expect(kinds(twoTabs('http://localhost:8000/', 'http://127.0.0.1:8000/'))).toEqual([]);
    expect(kinds(twoTabs('https://a.example.com/', 'https://b.example.org/'))).toEqual([]);
  });

  it('keeps a cross-site iframe apart from its top frame (Chromium; counting apart never invents pressure)', () => {
    expect(kinds(twoTabs('http://127.0.0.1:8000/', 'http://127.0.0.1:8000/b', 'http://127.0.0.2:9000/frame'))).toEqual([]);
  });

  it('names sites by scheme and registrable domain, port ignored', () => {
    expect(siteOf('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1');
    expect(siteOf('https://a.b.example.co.uk/')).toBe('https://example.co.uk');
    expect(siteOf('https://me.github.io/app')).toBe('https://me.github.io');
    expect(siteOf('wss://live.example.com/ws')).toBe('https://example.com');
    expect(siteOf('not a url')).toBeUndefined();
  });
});
