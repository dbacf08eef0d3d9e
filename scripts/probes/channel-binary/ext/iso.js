// Isolated world: takes the hook's port, reads each event's detail and posts it to the background.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const bg = api.runtime.connect({ name: 'probe' });
  const s = { kinds: {}, postMs: {}, bytes: {}, acked: 0, arrivedAs: {} };
  bg.onMessage.addListener((m) => { s.acked++; s.arrivedAs[m.type] = m.size; });
  const onHello = (e) => {
    window.removeEventListener('probe-hello', onHello, true);
    const port = e.ports[0];
    e.preventDefault(); e.stopImmediatePropagation();
    port.addEventListener('b', (ev) => {
      const d = ev.detail;
      const label = ev.type + ':' + Object.prototype.toString.call(d);
      const tag = typeof d === 'string' ? 'string' : 'object';
      s.kinds[label] = (s.kinds[label] ?? 0) + 1;
      let size = -1;
      try { size = typeof d === 'string' ? d.length : d.byteLength; } catch (x) { size = 'throws ' + x; }
      s.bytes[tag] = size;
      const t0 = performance.now();
      try { bg.postMessage({ i: 0, d }); } catch (x) { s.postErr = String(x); }
      s.postMs[tag] = (s.postMs[tag] ?? 0) + performance.now() - t0;
    });
    port.addEventListener('ask', () => port.dispatchEvent(new CustomEvent('state', { detail: JSON.stringify(s) })));
  };
  window.addEventListener('probe-hello', onHello, true);
})();
