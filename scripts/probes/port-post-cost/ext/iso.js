// Synchronous cost of runtime.Port.postMessage on the page's thread, per MB, for what a relay
// could send: a one-byte string, a two-byte string, a UTF-8 ArrayBuffer (encode included), a Blob
// (construction included). 64 batches of 256 KiB each, repeated; median of rounds.
(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const port = api.runtime.connect({ name: 'probe' });
  let acked = 0; const types = {};
  port.onMessage.addListener((m) => { acked++; types[m.type] = m.size; });
  const KB = 256 * 1024, N = 64, KB0 = KB, N0 = N;
  const one = 'x'.repeat(KB - 1) + '"';
  const two = 'x'.repeat(KB - 1) + '\u20ac';
  const rope = () => { let s = '12:' + '['.repeat(12); for (let i = 0; i < 4; i++) s += one.slice(i, i + KB / 4); return s; };
  const enc = new TextEncoder();
  const big = 'x'.repeat(4 * KB);
  const small = 'x'.repeat(KB / 16);
  const cases = {
    'one-byte string': () => one + '',
    'one-byte 1 MiB (N/4 posts)': [() => big, N / 4, 4 * KB],
    'one-byte 16 KiB (16N posts)': [() => small, N * 16, KB / 16],
    'one-byte rope (framed batch)': rope,
    'two-byte string': () => two,
    'utf8 ArrayBuffer (encode+post)': () => enc.encode(one).buffer,
    'Blob (new Blob+post)': () => new Blob([one]),
  };
  const out = {};
  for (let round = 0; round < 5; round++) {
    for (const [name, c] of Object.entries(cases)) {
      const [make, N, KB] = typeof c === 'function' ? [c, N0, KB0] : c;
      const before = acked;
      const t0 = performance.now();
      for (let i = 0; i < N; i++) port.postMessage({ i, d: make() });
      const t1 = performance.now();
      while (acked < before + N) await new Promise((r) => setTimeout(r, 1));
      const t2 = performance.now();
      (out[name] ??= { sync: [], delivered: [] });
      out[name].sync.push(((t1 - t0) / (N * KB / 1e6)));
      out[name].delivered.push(((t2 - t0) / (N * KB / 1e6)));
    }
  }
  const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1].toFixed(2);
  const res = {};
  for (const [k, v] of Object.entries(out)) res[k] = `sync ${med(v.sync)} ms/MB, until acked ${med(v.delivered)} ms/MB`;
  res.arrivedAs = types;
  document.documentElement.dataset.result = JSON.stringify(res);
})();
