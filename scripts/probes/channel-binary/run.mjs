// What an ArrayBuffer detail on the private port costs vs base64 text, and whether it crosses the worlds.
// Usage: node scripts/probes/channel-binary/run.mjs chromium|firefox
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
const name = process.argv[2];
const srv = createServer((q, r) => { r.setHeader('content-type', 'text/html'); r.end('<!doctype html><p>probe'); });
await new Promise((r) => srv.listen(0, '127.0.0.1', r));
const browser = await puppeteer.launch(name === 'chromium'
  ? { browser: 'chrome', executablePath: '/usr/bin/chromium', headless: true, pipe: true, enableExtensions: true, args: ['--no-sandbox'] }
  : { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
await browser.installExtension(new URL('./ext', import.meta.url).pathname);
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${srv.address().port}/`);
await page.waitForFunction(() => document.documentElement.dataset.result, { timeout: 60000 });
console.log(name, JSON.stringify(JSON.parse(await page.evaluate(() => document.documentElement.dataset.result)), null, 1));
await browser.close(); srv.close();
