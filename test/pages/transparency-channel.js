// The channel probe: what a page script that has read our built source can do to the channel
// between hook and relay. It runs as the page's first external script, listens for every event
// name ever used by that channel on the window and the document, then offers a port of its own as
// the hook would, dispatches the old channel events, and exchanges messages on a WebSocket. The
// e2e test compares everything it saw with and without the extension.
(function () {
  'use strict';
  // The names a page reads in our bundles (current and earlier versions; transparency.e2e.test.ts
  // checks that the current handshake name is among them).
  const NAMES = ['realtime-inspector:handshake:v2', 'realtime-inspector:batch:v1', 'realtime-inspector:flush:v1', 'realtime-inspector:hook-installed:v1'];
  window.__channelNames = NAMES;
  const heard = [];
  for (const name of NAMES) {
    for (const [label, target] of [['window', window], ['document', document]]) {
      target.addEventListener(name, (e) => heard.push([label, name, e.constructor.name, typeof e.detail, e.ports ? e.ports.length : null]), true);
    }
  }

  window.__channel = async function () {
    const dispatched = {};
    // Offer a port as the hook does: with the extension, would anyone take it and talk on it?
    const forged = new MessageChannel();
    const onForged = [];
    for (const type of ['batch', 'flush', 'message']) forged.port1.addEventListener(type, (e) => onForged.push(type), true);
    forged.port2.onmessage = () => onForged.push('port2 message');
    const offer = new MessageEvent(NAMES[0], { cancelable: true, ports: [forged.port1] });
    dispatched.offerTaken = !window.dispatchEvent(offer);
    // The old channel: a forged batch, a flush request and the hook's installed ping.
    for (const name of NAMES.slice(1)) {
      const e = new CustomEvent(name, { cancelable: true, detail: '[{"k":"create","c":1,"t":1,"kind":"websocket","url":"ws://forged/","frameUrl":"https://bank.example/"}]' });
      dispatched[name] = !window.dispatchEvent(e);
    }
    // Traffic: batches flow while the page listens.
    const ws = new WebSocket('ws://' + location.host + '/echo?t=channel');
    await new Promise((resolve) => (ws.onopen = resolve));
    for (let i = 0; i < 50; i++) ws.send('m' + i);
    await new Promise((resolve) => {
      let n = 0;
      ws.onmessage = () => ++n === 50 && resolve();
    });
    ws.close();
    await new Promise((resolve) => (ws.onclose = resolve));
    // Batches go out 50 ms after their first record at the latest (LIMITS.batchFlushMs).
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { heard, dispatched, onForged };
  };
})();
