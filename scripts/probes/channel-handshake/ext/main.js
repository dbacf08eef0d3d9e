(() => {
  const p = { pageRanBeforeMain: !!window.__pageRan };
  const ch = new MessageChannel();
  const port = ch.port1;
  p.accepted = !window.dispatchEvent(new MessageEvent('probe-hello', { cancelable: true, ports: [port] }));
  const big = 'x'.repeat(1 << 20);
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) port.dispatchEvent(new CustomEvent('b', { detail: big + i }));
  p.msPerMB = (performance.now() - t0) / 20;
  port.addEventListener('state', (e) => { p.iso = JSON.parse(e.detail); });
  port.dispatchEvent(new Event('ask'));
  Object.defineProperty(window, '__probe', { value: p });
})();
