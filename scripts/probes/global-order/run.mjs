// Firefox resolves globals lazily: does what a document_start script touches change the order of
// Object.getOwnPropertyNames(window) in the page's first script, and does listing the names first
// (before touching any) keep the order the page sees without the extension?
// Usage: node scripts/probes/global-order/run.mjs
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
const srv = createServer((q, r) => { r.setHeader('content-type', 'text/html'); r.end('<!doctype html><script>window.__names = Object.getOwnPropertyNames(window);</script>'); });
await new Promise((r) => srv.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${srv.address().port}/`;
async function names(withExt, query) {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
  try {
    if (withExt) await browser.installExtension(new URL('./ext', import.meta.url).pathname);
    const page = await browser.newPage();
    await page.goto(base + query);
    return await page.evaluate(() => window.__names);
  } finally { await browser.close(); }
}
const without = await names(false, '?touch');
const touched = await names(true, '?touch');
const enumerated = await names(true, '?enumerate');
const firstDiff = (a, b) => { for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return `${i}: ${a[i]} vs ${b[i]}`; return 'none'; };
console.log(JSON.stringify({ count: [without.length, touched.length, enumerated.length],
  touchedSameOrder: touched.join() === without.join(), touchedFirstDiff: firstDiff(touched, without),
  enumeratedSameOrder: enumerated.join() === without.join(), enumeratedFirstDiff: firstDiff(enumerated, without) }, null, 1));
srv.close();
