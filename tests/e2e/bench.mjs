// The browser half of `cargo xtask bench` (not a test): load time beside a plain static page,
// input-to-total latency, and the JS heap, in Debian's Chromium. Prints Markdown tables.
//
// Both pages are served by one small server here, from dist/ (SPACESCORE_DIST): the app, and
// the reference, a plain static HTML page of the same rendered form with the same stylesheet
// and no script. So the ratio measures what the app adds over static HTML, nothing else.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './lib.mjs';
import { fileURLToPath as toPath } from 'node:url';
const here = path.dirname(toPath(import.meta.url));

const DIST = path.resolve(process.env.SPACESCORE_DIST || path.join(here, '../../dist'));
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; frame-ancestors *";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };
let snapshot = '';
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/reference.html') {
    res.writeHead(200, { 'content-type': TYPES['.html'], 'content-security-policy': CSP });
    return res.end(snapshot);
  }
  const file = path.join(DIST, path.normalize(url.pathname).replace(/^([/\\])+/, '') || 'index.html');
  if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'cache-control': 'no-cache' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const BASE = `http://127.0.0.1:${server.address().port}/`;

const LOADS = 10;
const INPUTS = 200;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const ms = (x) => `${x.toFixed(2)} ms`;

// Records, in the page's own clock, when the form first has an input and a total.
const READY = `
  new MutationObserver((_, obs) => {
    if (!window.__ready && document.querySelector('input[type=text]') && document.querySelector('#score-total')) {
      window.__ready = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });`;

async function coldLoad(browser, url) {
  const ctx = await browser.newContext(); // a fresh context: empty cache and storage
  const page = await ctx.newPage();
  await page.addInitScript(READY);
  await page.goto(url);
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 20000 });
  const t = await page.evaluate(() => window.__ready);
  await ctx.close();
  return t;
}

const browser = await launch();
const app = new URL('index.html?rubric=xinxiang/professional', BASE).href;
const reference = new URL('reference.html', BASE).href;
{
  // The reference: the app's own first screen, saved as static HTML without scripts.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(app);
  await page.waitForSelector('#score-total');
  snapshot = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
  await ctx.close();
}
const appLoads = [];
const staticLoads = [];
for (let i = 0; i < LOADS; i++) {
  staticLoads.push(await coldLoad(browser, reference));
  appLoads.push(await coldLoad(browser, app));
}

// Input latency: a value typed into a field, until the total in the DOM shows the new score.
const ctx = await browser.newContext();
const page = await ctx.newPage();
await page.goto(app);
await page.waitForSelector('#f-events');
const latencies = await page.evaluate(async (n) => {
  const input = document.querySelector('#f-events');
  const total = document.querySelector('#score-total');
  const out = [];
  for (let i = 0; i < n; i++) {
    const changed = new Promise((resolve) => {
      const mo = new MutationObserver(() => { mo.disconnect(); resolve(performance.now()); });
      mo.observe(total, { childList: true, characterData: true, subtree: true });
    });
    const t0 = performance.now();
    input.value = String(3 + (i % 2));
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    out.push((await changed) - t0);
    await new Promise((r) => setTimeout(r, 0));
  }
  return out;
}, INPUTS);
const cdp = await ctx.newCDPSession(page);
const heap = await cdp.send('Runtime.getHeapUsage');
await ctx.close();
await browser.close();
server.close();

const appMedian = median(appLoads);
const staticMedian = median(staticLoads);
const ratio = appMedian / staticMedian;
const inputMedian = median(latencies);
const ok = (b) => (b ? 'within budget' : 'OVER budget');
console.log(`\nPage load in headless Chromium (${LOADS} cold loads each, fresh cache; navigation start → a form with inputs and a total)\n`);
console.log('| page | median | min | max |');
console.log('|---|---:|---:|---:|');
console.log(`| spacescore (xinxiang/professional) | ${ms(appMedian)} | ${ms(Math.min(...appLoads))} | ${ms(Math.max(...appLoads))} |`);
console.log(`| the same form as plain static HTML (reference) | ${ms(staticMedian)} | ${ms(Math.min(...staticLoads))} | ${ms(Math.max(...staticLoads))} |`);
console.log(`\nload ratio: ${ratio.toFixed(2)}× the static page (budget 1.6×: ${ok(ratio <= 1.6)})`);
console.log(`\nInput event → updated total in the DOM (${INPUTS} inputs)\n`);
console.log('| median | p95 | max |');
console.log('|---:|---:|---:|');
console.log(`| ${ms(inputMedian)} | ${ms(pct(latencies, 0.95))} | ${ms(Math.max(...latencies))} |`);
console.log(`\ninput median budget 2 ms: ${ok(inputMedian < 2)}`);
console.log(`\nJS heap after load and ${INPUTS} inputs: ${(heap.usedSize / 1024 / 1024).toFixed(2)} MB used of ${(heap.totalSize / 1024 / 1024).toFixed(2)} MB (the wasm linear memory is separate)`);
