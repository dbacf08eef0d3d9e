// MAIN world: offers a port, then sends 64 × 256 KiB of bytes as an ArrayBuffer detail (a copy of
// the page's bytes, as the hook would make) and as base64 text; times each on this thread.
(() => {
  const ch = new MessageChannel();
  const port = ch.port1;
  const accepted = !window.dispatchEvent(new MessageEvent('probe-hello', { cancelable: true, ports: [port] }));
  const KB = 256 * 1024, N = 64, MB = (N * KB) / 1e6;
  const page = new Uint8Array(KB).map((_, i) => i * 7);
  const b64 = (u8) => (typeof u8.toBase64 === 'function' ? u8.toBase64() : btoa(Array.from(u8, (c) => String.fromCharCode(c)).join('')));
  const out = { accepted, hasToBase64: typeof page.toBase64 === 'function' };
  let t0 = performance.now();
  for (let i = 0; i < N; i++) port.dispatchEvent(new CustomEvent('b', { detail: page.slice().buffer }));
  out.arrayBufferMsPerMB = (performance.now() - t0) / MB;
  t0 = performance.now();
  for (let i = 0; i < N; i++) port.dispatchEvent(new CustomEvent('b', { detail: b64(page) }));
  out.base64MsPerMB = (performance.now() - t0) / MB;
  port.addEventListener('state', (e) => { out.iso = JSON.parse(e.detail); for (const k in out.iso.postMs) out.iso.postMs[k] = (out.iso.postMs[k] / MB).toFixed(2) + ' ms/MB (relay post)'; });
  setTimeout(() => { port.dispatchEvent(new Event('ask')); document.documentElement.dataset.result = JSON.stringify(out); }, 2000);
})();
