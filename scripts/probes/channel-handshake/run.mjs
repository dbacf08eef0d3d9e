// Measures, per frame kind, the order of the isolated relay and the MAIN-world hook (relay declared
// first), whether a page script ran before either, and whether a string detail crosses the worlds
// on a handed-over MessagePort (and its cost per MiB). Usage: node scripts/probes/channel-handshake/run.mjs chromium|firefox
import puppeteer from 'puppeteer-core';
import { start } from './server.mjs';
const name = process.argv[2];
const srv = await start();
const port = srv.address().port;
const browser = await puppeteer.launch(name === 'chromium'
  ? { browser: 'chrome', executablePath: '/usr/bin/chromium', headless: true, pipe: true, enableExtensions: true, args: ['--no-sandbox'] }
  : { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
await browser.installExtension(new URL('./ext', import.meta.url).pathname);
const page = await browser.newPage(); page.on('pageerror', (e) => console.log('pageerror', e.message)); page.on('console', (m) => console.log('console', m.text()));
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForFunction(() => window.done, { timeout: 10000 }).catch(() => {});
console.log(name, JSON.stringify(await page.evaluate(() => results), null, 1));
await browser.close(); srv.close();
