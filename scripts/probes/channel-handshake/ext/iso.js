(() => {
  const s = { got: 0, chars: 0, ms: 0, err: null, portKind: null };
  const onHello = (e) => {
    window.removeEventListener('probe-hello', onHello, true);
    try {
      const port = e.ports && e.ports[0];
      s.portKind = String(port && Object.prototype.toString.call(port));
      port.addEventListener('b', (ev) => { const d = ev.detail; s.got++; s.chars += typeof d === 'string' ? d.length : -1; });
      port.addEventListener('ask', () => { port.dispatchEvent(new CustomEvent('state', { detail: JSON.stringify(s) })); });
      e.preventDefault();
      e.stopImmediatePropagation();
    } catch (x) { s.err = String(x); }
  };
  window.addEventListener('probe-hello', onHello, true);
})();
