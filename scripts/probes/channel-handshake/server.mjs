import http from 'node:http';
export function start() {
  const page = `<!doctype html><script>window.__pageRan=1;</script><body><script>
  window.results = {};
  const r = (k, w) => { try { results[k] = w.__probe ? JSON.parse(JSON.stringify(w.__probe)) : 'none'; } catch (e) { results[k] = 'err ' + e; } };
  r('top', window);
  let f = document.createElement('iframe'); document.body.append(f); r('blankSync', f.contentWindow);
  f = document.createElement('iframe'); f.srcdoc = '<script>window.__pageRan=1<\\/script>'; document.body.append(f); f.onload = () => r('srcdoc', f.contentWindow);
  const s = document.createElement('iframe'); s.sandbox = 'allow-scripts'; s.srcdoc = '<script>window.__pageRan=1;parent.postMessage({sandboxed: window.__probe ? JSON.parse(JSON.stringify(window.__probe)) : "none"}, "*")<\\/script>'; document.body.append(s);
  addEventListener('message', (e) => { if (e.data && e.data.sandboxed) results.sandboxed = e.data.sandboxed; });
  const h = document.createElement('iframe'); h.src = '/child'; document.body.append(h); h.onload = () => r('httpFrame', h.contentWindow);
  const w = window.open(''); r('popupSync', w); setTimeout(() => { r('popupLater', w); w.close(); }, 500);
  const b = URL.createObjectURL(new Blob(['<script>window.__pageRan=1<\\/script>'], {type: 'text/html'}));
  const bf = document.createElement('iframe'); bf.src = b; document.body.append(bf); bf.onload = () => r('blobFrame', bf.contentWindow);
  const d = document.createElement('iframe'); document.body.append(d); d.contentDocument.open(); d.contentDocument.write('<script>window.__pageRan=1<\\/script>'); d.contentDocument.close(); r('docWrite', d.contentWindow);
  setTimeout(() => { r('blankLater', document.querySelector('iframe').contentWindow); window.done = true; }, 1500);
  </script>`;
  const srv = http.createServer((req, res) => { res.setHeader('content-type', 'text/html'); res.end(req.url === '/child' ? '<script>window.__pageRan=1</script>' : page); });
  return new Promise((ok) => srv.listen(0, '127.0.0.1', () => ok(srv)));
}
