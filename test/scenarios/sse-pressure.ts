// EventSources that the server holds open after one event. `page.html?n=K` opens K of them; two
// tabs with n=3 hold all 6 HTTP/1.1 connections of the origin (`connection-limit-pressure`).
// `stall.html` opens 6, then a 7th, and closes the first one 1.2 s later so the 7th can open
// (`stalled-connect`, waited ≥ STALL_MIN_WAIT_MS).
import { html, sseEvent, sseHeaders, startServer, type TestServer } from '../harness/servers';
import { page } from './kit';

export const STALL_RELEASE_MS = 1200;

const OPEN_N = page(`
const n = Number(new URLSearchParams(location.search).get('n'));
let opened = 0;
window.streams = [];
for (let i = 0; i < n; i++) {
  const es = new EventSource('/held?tab=' + encodeURIComponent(location.search) + '&i=' + i);
  window.streams.push(es);
  es.onopen = () => { count(); if (++opened === n) window.scenario.done = true; };
  es.onmessage = count;
}
`);

const STALL = page(`
let opened = 0;
const streams = [];
const open = (i) => {
  const es = new EventSource('/held?i=' + i);
  streams.push(es);
  es.onmessage = count;
  es.onopen = () => {
    count();
    if (i === 6) { window.scenario.done = true; return; }
    if (++opened === 6) {
      open(6);
      // The scenario's own clock: hold the origin full long enough to count as a stall.
      setTimeout(() => streams[0].close(), ${STALL_RELEASE_MS});
    }
  };
};
for (let i = 0; i < 6; i++) open(i);
`);

export function startSsePressureServer(): Promise<TestServer> {
  return startServer({
    routes: {
      '/page.html': html(OPEN_N),
      '/stall.html': html(STALL),
      '/held': (_req, res) => {
        sseHeaders(res);
        res.write(sseEvent({ data: 'held' }));
      },
    },
  });
}
