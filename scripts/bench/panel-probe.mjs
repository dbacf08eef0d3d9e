// Functions that run INSIDE the panel page (serialised by puppeteer: each is self-contained).
// They prefer the panel's own performance marks (ri:first-rows, ri:filter-first, ri:filter-done)
// and fall back to watching the DOM when a build of the panel does not set them.

/** Time from navigation start to the first message row (clicking the connection if needed). */
export function firstRows(timeoutMs) {
  return new Promise((resolve) => {
    let clickedAt = null;
    const deadline = performance.now() + timeoutMs;
    const tick = () => {
      const markEntry = performance.getEntriesByName('ri:first-rows')[0];
      if (markEntry) return resolve({ ms: markEntry.startTime, via: 'mark ri:first-rows', clickedAt });
      if (document.querySelector('[data-testid="message-row"]')) return resolve({ ms: performance.now(), via: 'first message-row in the DOM', clickedAt });
      const conn = document.querySelector('[data-testid="connection-row"]');
      if (conn && clickedAt === null) {
        clickedAt = performance.now();
        conn.click();
      }
      if (performance.now() > deadline) return resolve({ ms: null, via: 'timeout', clickedAt });
      setTimeout(tick, 2);
    };
    tick();
  });
}

/** Scrolls the message list in `steps` frames (half page steps, then long jumps); rAF deltas. */
export function scrollFrames(steps) {
  const list = document.querySelector('[data-testid="message-list"]');
  if (!list) return Promise.resolve({ error: 'no [data-testid="message-list"]' });
  // The list itself or its nearest scrolling ancestor.
  let scroller = document.scrollingElement;
  for (let e = list; e; e = e.parentElement) {
    const o = getComputedStyle(e).overflowY;
    if ((o === 'auto' || o === 'scroll') && e.scrollHeight > e.clientHeight) {
      scroller = e;
      break;
    }
  }
  return new Promise((resolve) => {
    const deltas = [];
    let last = null;
    let i = 0;
    scroller.scrollTop = scroller.scrollHeight;
    const frame = (now) => {
      if (last !== null) deltas.push(now - last);
      last = now;
      if (i >= steps) {
        return resolve({ deltas, scrollHeight: scroller.scrollHeight, rows: document.querySelectorAll('[data-testid="message-row"]').length });
      }
      const max = scroller.scrollHeight - scroller.clientHeight;
      // First half: scroll up by half a screen per frame (reading); second half: jump anywhere.
      scroller.scrollTop = i < steps / 2 ? Math.max(0, scroller.scrollTop - scroller.clientHeight / 2) : Math.floor(max * (((i * 7919) % steps) / steps));
      i += 1;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** Types `query` into the filter at once and waits for the panel to say it is done (or the DOM to show only matches). */
export function filterTime(query, timeoutMs) {
  const input = document.querySelector('[data-testid="filter-input"]');
  if (!input) return Promise.resolve({ error: 'no [data-testid="filter-input"] in this build of the panel' });
  performance.clearMarks('ri:filter-first');
  performance.clearMarks('ri:filter-done');
  return new Promise((resolve) => {
    const t0 = performance.now();
    const deadline = t0 + timeoutMs;
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const tick = () => {
      const done = performance.getEntriesByName('ri:filter-done')[0];
      const first = performance.getEntriesByName('ri:filter-first')[0];
      if (done) return resolve({ ms: done.startTime - t0, firstMs: first ? first.startTime - t0 : null, via: 'marks ri:filter-first/done' });
      const rows = [...document.querySelectorAll('[data-testid="message-row"]')];
      const onlyMatches = rows.length > 0 && rows.every((r) => r.textContent.includes(query));
      if (onlyMatches && performance.getEntriesByName('ri:filter-first').length === 0) {
        return resolve({ ms: performance.now() - t0, firstMs: null, via: 'DOM shows only matching rows' });
      }
      if (performance.now() > deadline) return resolve({ ms: null, via: 'timeout' });
      setTimeout(tick, 2);
    };
    tick();
  });
}
