// The browser half of `cargo xtask bench` (not a test): rubric pages loaded cold the way
// people meet them, beside a static copy of the same rendered form, on a local and an
// emulated slow network; input-to-total latency; the JS heap. Prints Markdown tables.
// xtask/src/bench.rs documents what is measured and how; the comments here say where.
//
// One server here serves dist/ (SPACESCORE_DIST) as the real hosts do: gzip on the wire when
// the request accepts it, the strict CSP, and `Cache-Control: no-cache` with an ETag. Every
// load is made in a fresh browser context (an empty cache), and a response that came from a
// cache anyway is counted and reported, so no load is warm.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import os from 'node:os';
import { launch, CSP } from './lib.mjs';
import { fileURLToPath as toPath } from 'node:url';
const here = path.dirname(toPath(import.meta.url));

const DIST = path.resolve(process.env.SPACESCORE_DIST || path.join(here, '../../dist'));
/** The rubric pages measured: a middling one, and the heaviest. */
const RUBRICS = ['xinxiang/professional', 'inner-mongolia/maker-space'];
/** Cold loads per page and network (fewer only to try the script out). */
const LOADS = Number(process.env.SPACESCORE_BENCH_LOADS || 10);
const INPUTS = 200;
/** How long layout shifts are collected after the scores are live (or the static copy loaded). */
const SETTLE_MS = 500;
const VIEWPORT = { width: 1280, height: 900 };
/** The size table `cargo xtask bench` printed, per rubric: { files: { path: gzip bytes }, total }. */
const SIZES = process.env.SPACESCORE_SIZES ? JSON.parse(process.env.SPACESCORE_SIZES) : null;

// The slow network of the page-speed issue: 150 ms round trip, 1.6 Mbit/s down, and 750 kbit/s
// up (Lighthouse's mobile preset). DevTools adds the latency to every request and shares the
// throughput between the requests in flight; it does not model TCP slow start.
const SLOW = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const NETWORKS = [
  { name: 'local', title: 'Local network (no throttling)', conditions: null },
  { name: 'slow', title: 'Slow network (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up)', conditions: SLOW },
];

// ---------------------------------------------------------------------------------------
// The server.

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8', '.bin': 'application/octet-stream', '.svg': 'image/svg+xml' };
/** What the real hosts compress (GitHub Pages, Netlify, nginx with gzip_types set for wasm). */
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.bin']);
/** The query parameter that asks for the static copy of a page instead of the page. */
const STATIC = 'bench-static';

/** Removes every script from a page, and what only a script uses (module and fetch preloads). */
function withoutScripts(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<link\b[^>]*>/gi, (tag) =>
      /\brel\s*=\s*["']?modulepreload\b/i.test(tag) || (/\brel\s*=\s*["']?preload\b/i.test(tag) && /\bas\s*=\s*["']?(fetch|script)\b/i.test(tag)) ? '' : tag)
    .replace(/(<html\b[^>]*?)\sdata-live="[^"]*"/i, '$1');
}

/** The app's first screen, saved once live, per rubric: the static copy before pages are prerendered. */
const snapshots = new Map();
const bodies = new Map();
function body(key, raw) {
  let b = bodies.get(key);
  if (!b || b.raw !== raw) {
    b = { raw, gzip: zlib.gzipSync(raw, { level: 9 }), etag: `"${crypto.createHash('sha1').update(raw).digest('hex').slice(0, 16)}"` };
    bodies.set(key, b);
  }
  return b;
}
function fileBody(file) {
  const cached = bodies.get(file);
  return cached ?? body(file, fs.readFileSync(file));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let file = path.join(DIST, path.normalize(decodeURIComponent(url.pathname)));
  if (!file.startsWith(DIST)) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
  const ext = path.extname(file);
  let b;
  if (url.searchParams.has(STATIC) && ext === '.html') {
    const snap = snapshots.get(url.searchParams.get('rubric'));
    b = body(`${file}?${STATIC}`, Buffer.from(snap ?? withoutScripts(fs.readFileSync(file, 'utf8'))));
  } else {
    b = fileBody(file);
  }
  const gzip = COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const headers = {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'Cache-Control': 'no-cache',
    ETag: b.etag,
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
  };
  if (req.headers['if-none-match'] === b.etag) { res.writeHead(304, headers); return res.end(); }
  const out = gzip ? b.gzip : b.raw;
  if (gzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = out.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : out);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const BASE = `http://127.0.0.1:${server.address().port}/`;

/** A rubric's page: its prerendered page where the build has one, else the app's `?rubric=`. */
function pageUrl(id) {
  return fs.existsSync(path.join(DIST, 'r', id, 'index.html')) ? new URL(`r/${id}/`, BASE).href : new URL(`index.html?rubric=${id}`, BASE).href;
}
function staticUrl(id) {
  const u = new URL(pageUrl(id));
  u.searchParams.set(STATIC, '');
  return u.href;
}
const prerendered = RUBRICS.every((id) => fs.existsSync(path.join(DIST, 'r', id, 'index.html')));

// ---------------------------------------------------------------------------------------
// One cold load.

// Runs in the page before any of its scripts (CDP injects it, so the CSP does not apply).
const PROBE = `(() => {
  const b = (window.__bench = { typeable: null, shifts: [], wasm: [], nodesLive: null });
  // Layout shifts, with the time they happened and whether input caused them.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.shifts.push({ t: e.startTime, value: e.value, input: e.hadRecentInput });
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  // Form visible and typeable: the first frame with a field's text input in the DOM, laid out,
  // visible and enabled. A frame's animation callbacks run just before it is painted, and not
  // while a stylesheet still blocks rendering.
  const typeable = () => {
    for (const el of document.querySelectorAll('input[id^="f-"]')) {
      if (el.type === 'checkbox' || el.type === 'radio' || el.disabled || el.readOnly) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
    }
    return false;
  };
  const frame = () => { if (typeable()) b.typeable = performance.now(); else requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  // DOM nodes once live: counted when the app marks <html data-live>.
  new MutationObserver((_, obs) => {
    if (document.documentElement && document.documentElement.hasAttribute('data-live')) {
      b.nodesLive = document.getElementsByTagName('*').length;
      obs.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-live'] });
  // When the wasm is compiled and instantiated (streaming compilation overlaps the download).
  for (const name of ['instantiateStreaming', 'instantiate', 'compileStreaming', 'compile']) {
    const f = WebAssembly[name];
    if (typeof f !== 'function') continue;
    WebAssembly[name] = function (...args) {
      const rec = { name, start: performance.now(), end: null };
      b.wasm.push(rec);
      const p = f.apply(this, args);
      p.then(() => { rec.end = performance.now(); }, () => {});
      return p;
    };
  }
})();`;

/** Where a request's URL sits in dist/ (a page is its HTML file). */
function distPath(u) {
  const p = decodeURIComponent(new URL(u).pathname).replace(/^\//, '');
  return p === '' || p.endsWith('/') ? p + 'index.html' : p;
}

/**
 * Loads `url` cold in a fresh context and returns what was measured, all in milliseconds from
 * navigation start (the page's clock): { fcp, typeable, live, bytes, headerBytes, nodes, cls,
 * requests: [{ path, start, end, bytes, headers }], wasm, cached, pending }.
 */
async function coldLoad(browser, url, { conditions, app }) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await ctx.newPage();
    await page.addInitScript(PROBE);
    const cdp = await ctx.newCDPSession(page);
    const requests = new Map();
    const entry = (id) => requests.get(id) ?? requests.set(id, { cached: false }).get(id);
    cdp.on('Network.requestWillBeSent', (e) => Object.assign(entry(e.requestId), { url: e.request.url, type: e.type, sent: e.timestamp, wall: e.wallTime }));
    cdp.on('Network.requestServedFromCache', (e) => { entry(e.requestId).cached = true; });
    cdp.on('Network.responseReceived', (e) => {
      const r = entry(e.requestId);
      r.headers = e.response.encodedDataLength;
      r.status = e.response.status;
      r.cached ||= Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker || e.response.status === 304);
      r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'];
    });
    cdp.on('Network.loadingFinished', (e) => Object.assign(entry(e.requestId), { finished: e.timestamp, total: e.encodedDataLength }));
    cdp.on('Network.loadingFailed', (e) => Object.assign(entry(e.requestId), { finished: e.timestamp, failed: e.errorText, total: 0 }));
    await cdp.send('Network.enable');
    if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);

    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    try {
      await page.goto(url, { waitUntil: 'commit', timeout: 30000 });
      if (app) await page.waitForSelector('html[data-live]', { state: 'attached', timeout: 30000 });
      else await page.waitForFunction(() => window.__bench.typeable !== null && document.readyState === 'complete', null, { timeout: 30000, polling: 50 });
    } catch (e) {
      // Reported, not fatal: one stuck load should not lose the run.
      const state = await page.evaluate(() => ({
        url: location.href,
        fatal: document.querySelector('.fatal')?.textContent ?? null,
        wasm: window.__bench?.wasm,
        typeable: window.__bench?.typeable,
      })).catch(() => null);
      const files = [...requests.values()].filter((r) => r.url).map((r) => `${distPath(r.url)}${r.finished === undefined ? ' (unfinished)' : ''}`);
      return { failed: `${e.message.split('\n')[0]}; state ${JSON.stringify(state)}; requests ${files.join(', ')}`, problems };
    }
    await page.waitForTimeout(SETTLE_MS + 50);
    const m = await page.evaluate(() => {
      const b = window.__bench;
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        timeOrigin: performance.timeOrigin,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        live: performance.getEntriesByName('spacescore:live')[0]?.startTime ?? null,
        typeable: b.typeable,
        load: nav.loadEventEnd,
        shifts: b.shifts,
        wasm: b.wasm,
        nodesLive: b.nodesLive,
        nodes: document.getElementsByTagName('*').length,
      };
    });

    // CDP's clock to the page's: the document request's wall time against the time origin.
    const all = [...requests.values()].filter((r) => r.url && !r.url.startsWith('data:'));
    const doc = all.find((r) => r.type === 'Document');
    const toPage = (ts) => (ts - doc.sent) * 1000 + (doc.wall * 1000 - m.timeOrigin);
    const onWire = all.filter((r) => !r.cached && r.finished !== undefined);
    const typeable = m.typeable === null ? null : Math.max(m.typeable, m.fcp ?? 0);
    const end = (app ? m.live : Math.max(typeable ?? 0, m.load)) + SETTLE_MS;
    return {
      fcp: m.fcp,
      // The form cannot be seen before anything is painted: the frame found by the probe, or
      // the first contentful paint when that frame is the first (its paint comes just after).
      typeable,
      live: m.live,
      bytes: onWire.reduce((s, r) => s + r.total, 0),
      headerBytes: onWire.reduce((s, r) => s + (r.headers ?? 0), 0),
      nodes: app ? m.nodesLive : m.nodes,
      cls: m.shifts.filter((s) => !s.input && s.t <= end).reduce((s, x) => s + x.value, 0),
      lateShifts: m.shifts.filter((s) => !s.input && s.t > end).length,
      requests: onWire.map((r) => ({
        path: distPath(r.url),
        start: toPage(r.sent),
        end: toPage(r.finished),
        bytes: r.total,
        headers: r.headers ?? 0,
        gzip: r.encoding === 'gzip',
        failed: r.failed,
      })),
      wasm: m.wasm,
      cached: all.filter((r) => r.cached).map((r) => distPath(r.url)),
      pending: all.filter((r) => r.finished === undefined).map((r) => distPath(r.url)),
      problems,
    };
  } finally {
    await ctx.close();
  }
}

// ---------------------------------------------------------------------------------------
// Statistics and formatting.

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const present = (xs) => xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x));
const ms = (x) => (x === null || Number.isNaN(x) ? 'n/a' : `${Math.round(x)} ms`);
const ms2 = (x) => `${x.toFixed(2)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
/** "median (min–max)" of a measure over loads, or n/a. */
function spread(xs, fmt = ms) {
  const v = present(xs);
  if (v.length === 0) return 'n/a';
  return `${fmt(median(v))} (${fmt(Math.min(...v))}–${fmt(Math.max(...v))})`;
}
const verdict = (within) => (within ? 'within' : '**OVER**');

// ---------------------------------------------------------------------------------------
// The run.

const browser = await launch();

if (!prerendered) {
  // Before pages are prerendered, the static copy is the app's own first screen, saved as
  // HTML without its scripts.
  for (const id of RUBRICS) {
    const ctx = await browser.newContext({ viewport: VIEWPORT });
    const page = await ctx.newPage();
    await page.goto(pageUrl(id));
    await page.waitForSelector('html[data-live]', { state: 'attached', timeout: 60000 });
    snapshots.set(id, withoutScripts(await page.content()));
    await ctx.close();
  }
}

const loadBefore = os.loadavg()[0];
const failures = [];
const results = {}; // results[network][rubric] = { app: [...loads], static: [...loads] }
const started = Date.now();
for (const net of NETWORKS) {
  results[net.name] = {};
  for (const id of RUBRICS) results[net.name][id] = { app: [], static: [] };
  // One load of each kind first, not counted: the browser's first processes start slower.
  await coldLoad(browser, staticUrl(RUBRICS[0]), { conditions: net.conditions, app: false });
  await coldLoad(browser, pageUrl(RUBRICS[0]), { conditions: net.conditions, app: true });
  // Interleaved, so that both pages meet the same noise of a shared machine.
  for (let i = 0; i < LOADS; i++) {
    for (const id of RUBRICS) {
      for (const [kind, url] of [['static', staticUrl(id)], ['app', pageUrl(id)]]) {
        const load = await coldLoad(browser, url, { conditions: net.conditions, app: kind === 'app' });
        if (load.failed) failures.push(`${net.name}, ${id}${kind === 'app' ? '' : ', static copy'}: ${load.failed}${load.problems.length ? `; errors: ${load.problems.join(' | ')}` : ''}`);
        else results[net.name][id][kind].push(load);
      }
    }
  }
}
const loadSeconds = (Date.now() - started) / 1000;

// Input latency: a value typed into a field, until the total in the DOM shows the new score.
const latencyPage = pageUrl('xinxiang/professional');
const ctx = await browser.newContext({ viewport: VIEWPORT });
const page = await ctx.newPage();
await page.goto(latencyPage);
await page.waitForSelector('html[data-live]', { state: 'attached', timeout: 60000 });
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

// ---------------------------------------------------------------------------------------
// Tables.

const where = prerendered ? 'prerendered page, r/<id>/' : 'page as index.html?rubric=<id> (this build has no prerendered pages)';
const staticWhat = prerendered ? 'the prerendered HTML without its scripts' : "a snapshot of the app's first screen without its scripts";
console.log(`\n## Cold loads in headless Chromium\n`);
console.log(`- pages: each rubric's ${where}, beside its static copy: ${staticWhat};`);
console.log(`- served with gzip -9 on the wire and the strict CSP; ${LOADS} cold loads per page and network, the page and its copy interleaved, each in a fresh browser context (empty cache); viewport ${VIEWPORT.width}×${VIEWPORT.height}, no CPU throttling;`);
console.log(`- times from navigation start, median (min–max); layout shift until live (the copy: loaded) + ${SETTLE_MS} ms, input-driven shifts excluded, median (worst);`);
console.log(`- ${LOADS * RUBRICS.length * 2 * NETWORKS.length + 4} loads in ${loadSeconds.toFixed(0)} s on ${os.cpus().length} shared cores, load average ${loadBefore.toFixed(1)} before and ${os.loadavg()[0].toFixed(1)} after: compare figures within a run, not across runs.`);

const warnings = [];
for (const net of NETWORKS) {
  console.log(`\n### ${net.title}\n`);
  console.log('| page | first contentful paint | form visible and typeable | scores live | bytes on the wire | DOM nodes | layout shift (worst) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const id of RUBRICS) {
    for (const kind of ['app', 'static']) {
      const loads = results[net.name][id][kind];
      const label = kind === 'app' ? `${id}` : `${id}, static copy`;
      console.log(`| ${label} | ${spread(loads.map((l) => l.fcp))} | ${spread(loads.map((l) => l.typeable))} | ${kind === 'app' ? spread(loads.map((l) => l.live)) : 'n/a'} | ${kb(median(loads.map((l) => l.bytes)))} | ${median(present(loads.map((l) => l.nodes)))} | ${median(loads.map((l) => l.cls)).toFixed(4)} (${Math.max(...loads.map((l) => l.cls)).toFixed(4)}) |`);
      for (const l of loads) {
        if (l.cached.length) warnings.push(`${net.name}, ${label}: served from a cache: ${[...new Set(l.cached)].join(', ')}`);
        if (l.pending.length) warnings.push(`${net.name}, ${label}: still downloading when measured: ${[...new Set(l.pending)].join(', ')}`);
        for (const r of l.requests) {
          if (r.failed) warnings.push(`${net.name}, ${label}: ${r.path} failed (${r.failed})`);
          if (!r.gzip && COMPRESSED.has(path.extname(r.path))) warnings.push(`${net.name}, ${label}: ${r.path} came without gzip`);
        }
        for (const p of l.problems) warnings.push(`${net.name}, ${label}: console: ${p}`);
        if (l.lateShifts) warnings.push(`${net.name}, ${label}: ${l.lateShifts} layout shift(s) after the window`);
      }
    }
  }
}

// The slow network's timeline for the app: where the time goes, so the floor shows.
const LABELS = [
  [(p) => p.endsWith('.html'), 'HTML'],
  [(p) => p === 'style.css', 'CSS (style.css)'],
  [(p) => p === 'boot.js', 'boot script (boot.js)'],
  [(p) => p === 'spacescore_web.js', 'JS glue (spacescore_web.js)'],
  [(p) => p === 'spacescore_web_bg.wasm', 'wasm (spacescore_web_bg.wasm)'],
  [(p) => p === 'rubrics/index.json', 'rubric index (rubrics/index.json)'],
  [(p) => p.startsWith('rubrics/') && p.endsWith('.bin'), 'the rubric (rubrics/<id>.bin)'],
];
const label = (p) => (LABELS.find(([f]) => f(p)) ?? [null, p])[1];
for (const id of RUBRICS) {
  const loads = results.slow[id].app;
  console.log(`\n### Where the time goes: ${id} on the slow network (median of ${LOADS} loads)\n`);
  console.log('| step | bytes on the wire | requested | done | the static copy: done |');
  console.log('|---|---:|---:|---:|---:|');
  const steps = (ls) => {
    const out = new Map();
    for (const l of ls) {
      for (const r of l.requests) {
        const s = out.get(label(r.path)) ?? out.set(label(r.path), { bytes: [], start: [], end: [] }).get(label(r.path));
        s.bytes.push(r.bytes); s.start.push(r.start); s.end.push(r.end);
      }
    }
    return out;
  };
  const own = steps(loads);
  const copy = steps(results.slow[id].static);
  const copyDone = (name) => (copy.has(name) ? ms(median(copy.get(name).end)) : '');
  const rows = [...own.entries()].sort((a, b) => median(a[1].start) - median(b[1].start));
  for (const [name, s] of rows) console.log(`| ${name}${s.bytes.length < loads.length ? ` (${s.bytes.length} of ${loads.length} loads)` : ''} | ${kb(median(s.bytes))} | ${ms(median(s.start))} | ${ms(median(s.end))} | ${copyDone(name)} |`);
  const compile = loads.map((l) => l.wasm.find((w) => w.end !== null)).filter(Boolean);
  if (compile.length) console.log(`| wasm compiled and instantiated (${compile[0].name}; compiles while it downloads) | | ${ms(median(compile.map((w) => w.start)))} | ${ms(median(compile.map((w) => w.end)))} | |`);
  const both = (k) => `${ms(median(present(loads.map((l) => l[k]))))} | ${k === 'live' ? '' : ms(median(present(results.slow[id].static.map((l) => l[k]))))}`;
  console.log(`| first contentful paint | | | ${both('fcp')} |`);
  console.log(`| form visible and typeable | | | ${both('typeable')} |`);
  console.log(`| scores live (the mark of the effect after the app's first render, before that frame is painted) | | | ${both('live')} |`);
  const bytes = median(loads.map((l) => l.bytes));
  const transfer = (bytes / SLOW.downloadThroughput) * 1000;
  // What arrived after the scores went live (the icon, fetched after the load event) is not
  // on their path.
  const lastByte = median(loads.map((l) => Math.max(...l.requests.filter((r) => r.end <= l.live).map((r) => r.end))));
  const live = median(loads.map((l) => l.live));
  console.log(`\nFloor: every byte (${kb(bytes)}) at 1.6 Mbit/s takes ${ms(transfer)}; with the HTML's round trip and one more for what it names, nothing can be live before ~${ms(transfer + 2 * SLOW.latency)}. The last byte before live arrived at ${ms(lastByte)}; scores were live ${ms(live - lastByte)} after it.`);
}

// Budgets, beside the measurements.
console.log('\n## Budgets (the page-speed issue)\n');
console.log('| budget | page | measured | allowed | measured ÷ allowed | |');
console.log('|---|---|---:|---:|---:|---|');
/** A budget's row: `ratio` is measured ÷ allowed, `ok` whether the budget is met. */
const row = (budget, id, measured, allowed, ratio, ok) =>
  console.log(`| ${budget} | ${id} | ${measured} | ${allowed} | ${ratio.toFixed(2)} | ${verdict(ok)} |`);
for (const id of RUBRICS) {
  const slow = results.slow[id], local = results.local[id];
  const med = (loads, k) => median(present(loads.map((l) => l[k])));
  {
    const a = med(slow.app, 'typeable'), s = med(slow.static, 'typeable');
    row('slow network: form visible and typeable ≤ 1.3× the static copy', id, `${ms(a)} (${(a / s).toFixed(2)}× the static copy's ${ms(s)})`, `≤ ${ms(1.3 * s)}`, a / (1.3 * s), a <= 1.3 * s);
  }
  {
    const a = med(slow.app, 'live');
    row('slow network: scores live ≤ 1.3 s', id, ms(a), '≤ 1300 ms', a / 1300, a <= 1300);
  }
  {
    const a = med(local.app, 'fcp'), s = med(local.static, 'fcp');
    row('local: first contentful paint ≤ 1.2× the static copy', id, `${ms(a)} (${(a / s).toFixed(2)}× the static copy's ${ms(s)})`, `≤ ${ms(1.2 * s)}`, a / (1.2 * s), a <= 1.2 * s);
  }
  {
    const a = med(local.app, 'live'), s = med(local.static, 'typeable');
    row("local: scores live ≤ 2× the static copy's form visible and typeable", id, `${ms(a)} (${(a / s).toFixed(2)}× the static copy's ${ms(s)})`, `≤ ${ms(2 * s)}`, a / (2 * s), a <= 2 * s);
  }
  {
    const a = median(slow.app.map((l) => l.bytes));
    row('one rubric\'s page ≤ 190 KB gzip on the wire', id, kb(a), '≤ 190.0 KB', a / (190 * 1024), a <= 190 * 1024);
  }
  for (const [net, loads] of [['slow', slow.app], ['local', local.app]]) {
    const a = Math.max(...loads.map((l) => l.cls));
    row(`layout shift < 0.01 (${net} network, worst load)`, id, a.toFixed(4), '< 0.0100', a / 0.01, a < 0.01);
  }
}
const inputMedian = median(latencies);
row('input → updated total ≤ 2 ms median', 'xinxiang/professional', ms2(inputMedian), '≤ 2.00 ms', inputMedian / 2, inputMedian <= 2);

// Bytes on the wire against the size table xtask printed (gzip -9 of the same files).
console.log('\n### Bytes on the wire against the size table (one slow cold load of each page, median)\n');
console.log('| page | requests | response bodies | response headers | on the wire | size table | bodies − table | fetched, not in the table | in the table, not fetched |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|---|');
for (const id of RUBRICS) {
  const loads = results.slow[id].app;
  const fetched = new Map();
  for (const r of loads[0]?.requests ?? []) fetched.set(r.path, (fetched.get(r.path) ?? 0) + r.bytes - r.headers);
  const table = SIZES?.[id];
  const bodiesBytes = median(loads.map((l) => l.bytes - l.headerBytes));
  const extra = table ? [...fetched.keys()].filter((p) => !(p in table.files)).map((p) => `${p} (${kb(fetched.get(p))})`) : [];
  const missing = table ? Object.keys(table.files).filter((p) => !fetched.has(p)) : [];
  console.log(`| ${id} | ${median(loads.map((l) => l.requests.length))} | ${kb(bodiesBytes)} | ${kb(median(loads.map((l) => l.headerBytes)))} | ${kb(median(loads.map((l) => l.bytes)))} | ${table ? kb(table.total) : 'n/a'} | ${table ? kb(bodiesBytes - table.total) : 'n/a'} | ${extra.join(', ') || '–'} | ${missing.join(', ') || '–'} |`);
}
console.log('\nWhen no file is extra or missing, bodies differ from the table only by the gzip implementation (zlib here, flate2 in xtask, both at level 9).');

console.log(`\n## Input event → updated total in the DOM (${INPUTS} inputs, ${latencyPage.replace(BASE, '')}, local)\n`);
console.log('| median | p95 | max |');
console.log('|---:|---:|---:|');
console.log(`| ${ms2(inputMedian)} | ${ms2(pct(latencies, 0.95))} | ${ms2(Math.max(...latencies))} |`);
console.log(`\nJS heap after load and ${INPUTS} inputs: ${(heap.usedSize / 1024 / 1024).toFixed(2)} MB used of ${(heap.totalSize / 1024 / 1024).toFixed(2)} MB (the wasm linear memory is separate)`);

if (warnings.length || failures.length) {
  console.log('\n## Measurement warnings\n');
  for (const f of failures) console.log(`- a load left out: ${f}`);
  for (const w of [...new Set(warnings)]) console.log(`- ${w}`);
}
