// The browser half of `cargo xtask bench` (not a test): rubric pages loaded cold the way
// people meet them, beside the same page as it was before its first module (the app alone)
// and a static copy of the same rendered form, on a local network, an emulated slow one, and
// the slow one with the CPU slowed 4×; the offline second visit; input-to-total latency; the
// JS heap. Prints Markdown tables. xtask/src/bench.rs documents what is measured and how; the
// comments here say where.
//
// One server here serves dist/ (SPACESCORE_DIST) as hosts that serve precompressed files do
// (nginx brotli_static and gzip_static): a file's .br copy when the request accepts brotli,
// else its .gz copy, the strict CSP, and `Cache-Control: no-cache` with an ETag. Every load is
// made in a fresh browser context (an empty cache), and a response that came from a cache
// anyway is counted and reported, so no load is warm.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import os from 'node:os';
import { launch, CSP } from './lib.mjs';
import { fileURLToPath as toPath } from 'node:url';
import { createRequire } from 'node:module';
const here = path.dirname(toPath(import.meta.url));

const DIST = path.resolve(process.env.SPACESCORE_DIST || path.join(here, '../../dist'));
/** The rubric pages measured, a middling one and the heaviest, each with the figure typed at
 * first sight: a field, what is typed, and the item it scores. */
const TYPED = {
  'xinxiang/professional': { field: 'incubation_fund', value: '180', item: 'incubation-fund' },
  'inner-mongolia/maker-space': { field: 'mentors', value: '7', item: 'mentor-count' },
};
const RUBRICS = Object.keys(TYPED);
const api = createRequire(import.meta.url)(path.join(DIST, 'pkg/node/spacescore.js'));
// What the item shows once the figure is scored, by the core itself; it must differ from the
// empty form's.
for (const [id, t] of Object.entries(TYPED)) {
  t.score = api.score(id, { [t.field]: t.value }).items.find((i) => i.id === t.item).score;
  if (t.score === api.score(id, {}).items.find((i) => i.id === t.item).score) throw new Error(`${id}: ${t.field} = ${t.value} does not change ${t.item}`);
}
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
  { name: 'local', title: 'Local network (no throttling)', conditions: null, cpu: 1 },
  { name: 'slow', title: 'Slow network (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up)', conditions: SLOW, cpu: 1 },
  // What a mid-range phone sees: the same slow network, the CPU slowed 4× (CDP
  // Emulation.setCPUThrottlingRate).
  { name: 'slow4x', title: 'Slow network and the CPU slowed 4× (a mid-range phone)', conditions: SLOW, cpu: 4 },
];
/** The pages loaded: the page, the page as it was before its first module, its static copy. */
const KINDS = ['page', 'app', 'static'];
const KIND_LABEL = { page: '', app: ', app alone (before the first module)', static: ', static copy' };

// ---------------------------------------------------------------------------------------
// The server.

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8', '.bin': 'application/octet-stream', '.svg': 'image/svg+xml' };
/** What the hosts compress (nginx with gzip_types and brotli_types set for wasm). */
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.bin', '.svg']);
/** The query parameters that ask for the static copy of a page, and for the page as it was
 * before its first module. */
const STATIC = 'bench-static';
const APP = 'bench-app';

/** Removes every script from a page, and what only a script uses (module and fetch preloads). */
function withoutScripts(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<link\b[^>]*>/gi, (tag) =>
      /\brel\s*=\s*["']?modulepreload\b/i.test(tag) || (/\brel\s*=\s*["']?preload\b/i.test(tag) && /\bas\s*=\s*["']?(fetch|script)\b/i.test(tag)) ? '' : tag)
    .replace(/(<html\b[^>]*?)\sdata-live="[^"]*"/i, '$1');
}

/** The page as it was before its first module: the app's module and wasm preloaded in place of
 * the first module's (and the rubric list, as then), and `data-app-only`, which tells boot.js
 * to load the app at once, without the first module and without the service worker. */
function appAlone(html) {
  let prefix = null;
  const out = html
    .replace(/<link\b[^>]*>/gi, (tag) => tag.replace(/href="([^"]*)spacescore_live(_bg\.wasm|\.js)"/, (_, pre, rest) => {
      prefix = pre;
      return `href="${pre}spacescore_web${rest}"`;
    }))
    .replace(/<div id="app"/, '<div id="app" data-app-only');
  if (prefix === null) throw new Error('the page preloads no first module: nothing to compare with');
  return out.replace('</head>', `<link rel="preload" href="${prefix}rubrics/index.json" as="fetch" crossorigin>\n</head>`);
}

/** The app's first screen, saved once live, per rubric: the static copy before pages are prerendered. */
const snapshots = new Map();
const bodies = new Map();
/** A response body with its compressed forms: the build's own .br and .gz copies when `file`
 * has them, else compressed here at the same settings (brotli 11, gzip -9). */
function body(key, raw, file = null) {
  let b = bodies.get(key);
  if (!b || b.raw !== raw) {
    const copy = (ext) => (file && fs.existsSync(`${file}.${ext}`) ? fs.readFileSync(`${file}.${ext}`) : null);
    b = {
      raw,
      br: copy('br') ?? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 22 } }),
      gzip: copy('gz') ?? zlib.gzipSync(raw, { level: 9 }),
      etag: `"${crypto.createHash('sha1').update(raw).digest('hex').slice(0, 16)}"`,
    };
    bodies.set(key, b);
  }
  return b;
}
function fileBody(file) {
  const cached = bodies.get(file);
  return cached ?? body(file, fs.readFileSync(file), file);
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
  } else if (url.searchParams.has(APP) && ext === '.html') {
    b = body(`${file}?${APP}`, Buffer.from(appAlone(fs.readFileSync(file, 'utf8'))));
  } else {
    b = fileBody(file);
  }
  const accepts = req.headers['accept-encoding'] ?? '';
  const encoding = !COMPRESSED.has(ext) ? null : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
  const headers = {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'Cache-Control': 'no-cache',
    ETag: b.etag,
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
  };
  if (req.headers['if-none-match'] === b.etag) { res.writeHead(304, headers); return res.end(); }
  const out = encoding ? b[encoding] : b.raw;
  if (encoding) headers['Content-Encoding'] = encoding;
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
/** The URL of a rubric's page of one kind: the page, the app alone, the static copy. */
function kindUrl(id, kind) {
  const u = new URL(pageUrl(id));
  if (kind === 'static') u.searchParams.set(STATIC, '');
  if (kind === 'app') u.searchParams.set(APP, '');
  return u.href;
}
const prerendered = RUBRICS.every((id) => fs.existsSync(path.join(DIST, 'r', id, 'index.html')));

// ---------------------------------------------------------------------------------------
// One load.

/** Runs in the page before any of its scripts (CDP injects it, so the CSP does not apply).
 * `typed`: the figure typed at first sight ({ input, value, item, score }). */
const probe = (typed) => `(() => {
  const t = ${JSON.stringify(typed)};
  const b = (window.__bench = { typeable: null, typed: null, scored: null, shifts: [], wasm: [], nodesLive: null });
  // Layout shifts, with the time they happened and whether input caused them.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.shifts.push({ t: e.startTime, value: e.value, input: e.hadRecentInput });
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {}
  // Form visible and typeable: the first frame with a field's text input in the DOM, laid out,
  // visible and enabled. A frame's animation callbacks run just before it is painted, and not
  // while a stylesheet still blocks rendering. In that frame a person types a figure, the way
  // a person does at first sight: it is scored when its item shows the core's score for it
  // (checked in every frame after, so up to a frame before that frame is painted).
  const typeable = () => {
    for (const el of document.querySelectorAll('input[id^="f-"]')) {
      if (el.type === 'checkbox' || el.type === 'radio' || el.disabled || el.readOnly) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
    }
    return false;
  };
  const scored = () => {
    if (b.scored !== null) return;
    if (document.querySelector('article[data-item="' + t.item + '"] .item-score')?.dataset.score === t.score) b.scored = performance.now();
    else requestAnimationFrame(scored);
  };
  const frame = () => {
    if (!typeable()) return requestAnimationFrame(frame);
    b.typeable = performance.now();
    requestAnimationFrame(type);
  };
  // The figure goes into its own field, in the first frame that field is there (the HTML may
  // still be arriving when the first field shows).
  const type = () => {
    const input = document.getElementById(t.input);
    if (!input || input.getBoundingClientRect().height === 0) return requestAnimationFrame(type);
    input.value = t.value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    b.typed = performance.now();
    scored();
  };
  requestAnimationFrame(frame);
  // DOM nodes once the app has taken over: counted when it marks <html data-live>.
  new MutationObserver((_, obs) => {
    if (document.documentElement && document.documentElement.hasAttribute('data-live')) {
      b.nodesLive = document.getElementsByTagName('*').length;
      obs.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-live'] });
  // When each wasm is compiled and instantiated (streaming compilation overlaps the download).
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

/** A fresh browser context, the service worker allowed as in a person's browser. */
const freshContext = () => browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'allow' });

/**
 * Loads `url` in a new page of `ctx` and returns what was measured, all in milliseconds from
 * navigation start (the page's clock): { fcp, typeable, scored, firstModule, live, bytes,
 * bytesBeforeScored, headerBytes, nodes, cls, requests: [{ path, start, end, bytes, headers }],
 * wasm, cached, pending }. `kind` is 'page', 'app' or 'static'.
 */
async function measure(ctx, url, { id, conditions, cpu, kind }) {
  const app = kind !== 'static';
  const page = await ctx.newPage();
  const t = TYPED[id];
  await page.addInitScript(probe({ input: `f-${t.field}`, value: t.value, item: t.item, score: t.score }));
  const cdp = await ctx.newCDPSession(page);
  const requests = new Map();
  const entry = (rid) => requests.get(rid) ?? requests.set(rid, { cached: false }).get(rid);
  cdp.on('Network.requestWillBeSent', (e) => Object.assign(entry(e.requestId), { url: e.request.url, type: e.type, sent: e.timestamp, wall: e.wallTime }));
  cdp.on('Network.requestServedFromCache', (e) => { entry(e.requestId).cached = true; });
  cdp.on('Network.responseReceived', (e) => {
    const r = entry(e.requestId);
    r.headers = e.response.encodedDataLength;
    r.status = e.response.status;
    r.fromServiceWorker = Boolean(e.response.fromServiceWorker);
    r.cached ||= Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker || e.response.status === 304);
    r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'];
  });
  cdp.on('Network.loadingFinished', (e) => Object.assign(entry(e.requestId), { finished: e.timestamp, total: e.encodedDataLength }));
  cdp.on('Network.loadingFailed', (e) => Object.assign(entry(e.requestId), { finished: e.timestamp, failed: e.errorText, total: 0 }));
  await cdp.send('Network.enable');
  if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });

  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: 30000 });
    if (app) {
      await page.waitForSelector('html[data-live]', { state: 'attached', timeout: 60000 });
      await page.waitForFunction(() => window.__bench.scored !== null, null, { timeout: 60000, polling: 50 });
    } else {
      await page.waitForFunction(() => window.__bench.typeable !== null && document.readyState === 'complete', null, { timeout: 30000, polling: 50 });
    }
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
      firstModule: performance.getEntriesByName('spacescore:scoring')[0]?.startTime ?? null,
      typeable: b.typeable,
      scored: b.scored,
      load: nav.loadEventEnd,
      shifts: b.shifts,
      wasm: b.wasm,
      nodesLive: b.nodesLive,
      nodes: document.getElementsByTagName('*').length,
    };
  });
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

  // CDP's clock to the page's: the document request's wall time against the time origin.
  const all = [...requests.values()].filter((r) => r.url && !r.url.startsWith('data:'));
  const doc = all.find((r) => r.type === 'Document');
  const toPage = (ts) => (ts - doc.sent) * 1000 + (doc.wall * 1000 - m.timeOrigin);
  const onWire = all.filter((r) => !r.cached && r.finished !== undefined);
  const typeable = m.typeable === null ? null : Math.max(m.typeable, m.fcp ?? 0);
  const scored = m.scored === null ? null : Math.max(m.scored, typeable ?? 0);
  const end = (app ? m.live : Math.max(typeable ?? 0, m.load)) + SETTLE_MS;
  await page.close();
  return {
    fcp: m.fcp,
    // The form cannot be seen before anything is painted: the frame found by the probe, or
    // the first contentful paint when that frame is the first (its paint comes just after).
    typeable,
    scored,
    firstModule: m.firstModule,
    live: m.live,
    bytes: onWire.reduce((s, r) => s + r.total, 0),
    bytesBeforeScored: scored === null ? null : onWire.filter((r) => toPage(r.finished) <= scored).reduce((s, r) => s + r.total, 0),
    headerBytes: onWire.reduce((s, r) => s + (r.headers ?? 0), 0),
    nodes: app ? m.nodesLive : m.nodes,
    cls: m.shifts.filter((x) => !x.input && x.t <= end).reduce((a, x) => a + x.value, 0),
    lateShifts: m.shifts.filter((x) => !x.input && x.t > end).length,
    requests: onWire.map((r) => ({
      path: distPath(r.url),
      start: toPage(r.sent),
      end: toPage(r.finished),
      bytes: r.total,
      headers: r.headers ?? 0,
      encoding: r.encoding ?? null,
      failed: r.failed,
    })),
    fromServiceWorker: all.filter((r) => r.fromServiceWorker).length,
    wasm: m.wasm,
    cached: all.filter((r) => r.cached && !r.fromServiceWorker).map((r) => distPath(r.url)),
    pending: all.filter((r) => r.finished === undefined).map((r) => distPath(r.url)),
    problems,
  };
}

/** A cold load: a fresh context (an empty cache, no service worker yet). */
async function coldLoad(id, kind, net) {
  const ctx = await freshContext();
  try {
    return await measure(ctx, kindUrl(id, kind), { id, conditions: net.conditions, cpu: net.cpu, kind });
  } finally {
    await ctx.close();
  }
}

/** The second visit with no network: the page loaded once (its service worker has kept the
 * site), then the browser offline. The app alone keeps no copy: its second visit does not
 * open, and `failed` says so. */
async function offlineVisit(id, kind, cpu) {
  const ctx = await freshContext();
  try {
    const first = await ctx.newPage();
    await first.goto(kindUrl(id, kind));
    await first.waitForSelector('html[data-live]', { state: 'attached', timeout: 60000 });
    if (kind === 'page') await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
    else await first.waitForTimeout(SETTLE_MS);
    await first.close();
    await ctx.setOffline(true);
    return await measure(ctx, kindUrl(id, kind), { id, conditions: null, cpu, kind });
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
const results = {}; // results[network][rubric][kind] = [...loads]
const started = Date.now();
const failed = (where, load) => failures.push(`${where}: ${load.failed}${load.problems.length ? `; errors: ${load.problems.join(' | ')}` : ''}`);
for (const net of NETWORKS) {
  results[net.name] = {};
  for (const id of RUBRICS) results[net.name][id] = Object.fromEntries(KINDS.map((k) => [k, []]));
  // One load of each kind first, not counted: the browser's first processes start slower.
  for (const kind of KINDS) await coldLoad(RUBRICS[0], kind, net);
  // Interleaved, so that every kind of page meets the same noise of a shared machine.
  for (let i = 0; i < LOADS; i++) {
    for (const id of RUBRICS) {
      for (const kind of KINDS) {
        const load = await coldLoad(id, kind, net);
        if (load.failed) failed(`${net.name}, ${id}${KIND_LABEL[kind]}`, load);
        else results[net.name][id][kind].push(load);
      }
    }
  }
}
// The second visit, offline: the page at full speed and with the CPU slowed 4×; the app
// alone once (it keeps no copy).
const OFFLINE = [1, 4];
const offline = {}; // offline[rubric][cpu] = [...loads]; offline[rubric].app = the app alone's attempt
for (const id of RUBRICS) {
  offline[id] = { app: await offlineVisit(id, 'app', 1) };
  for (const cpu of OFFLINE) {
    offline[id][cpu] = [];
    for (let i = 0; i < Math.max(3, LOADS >> 1); i++) {
      const load = await offlineVisit(id, 'page', cpu);
      if (load.failed) failed(`offline second visit, ${id}, CPU ÷${cpu}`, load);
      else offline[id][cpu].push(load);
    }
  }
}
const loadSeconds = (Date.now() - started) / 1000;

// Input latency: a value typed into a field, until the total in the DOM shows the new score;
// in the app, and in the first module alone (the app held back).
const latencyPage = pageUrl('xinxiang/professional');
async function latency(firstModuleOnly) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  const page = await ctx.newPage();
  if (firstModuleOnly) await page.route('**/spacescore_web.js', () => {});
  await page.goto(latencyPage);
  await page.waitForSelector(firstModuleOnly ? 'html[data-scoring]' : 'html[data-live]', { state: 'attached', timeout: 60000 });
  const out = await page.evaluate(async (n) => {
    const input = document.querySelector('#f-events');
    const total = document.querySelector('#score-total');
    const times = [];
    for (let i = 0; i < n; i++) {
      const changed = new Promise((resolve) => {
        const mo = new MutationObserver(() => { mo.disconnect(); resolve(performance.now()); });
        mo.observe(total, { childList: true, characterData: true, subtree: true });
      });
      const t0 = performance.now();
      input.value = String(3 + (i % 2));
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      times.push((await changed) - t0);
      await new Promise((r) => setTimeout(r, 0));
    }
    return times;
  }, INPUTS);
  const heap = firstModuleOnly ? null : await (await ctx.newCDPSession(page)).send('Runtime.getHeapUsage');
  await ctx.close();
  return { times: out, heap };
}
const { times: latencies, heap } = await latency(false);
const { times: firstLatencies } = await latency(true);
// The district page with files of 199 (below where the table starts drawing only the rows in
// view: the reference, measured in this run), 2,000 and 20,000 spaces: the longest task from
// giving the file to the table shown, the time to draw it, and a sort by total (click to the
// next frame), median of 5.
const districtRows = [];
{
  const DISTRICT_ROWS = [199, 2000, 20000];
  for (const n of DISTRICT_ROWS) {
    const file = path.join(os.tmpdir(), `spacescore-bench-district-${process.pid}-${n}.csv`);
    const lines = ['name,incubation_fund,events'];
    for (let i = 0; i < n; i++) lines.push(`空间${i},${(i * 37) % 500},${i % 60}`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const ctx = await browser.newContext({ viewport: VIEWPORT });
    const page = await ctx.newPage();
    await page.goto(`${BASE}district/?rubric=xinxiang/professional`);
    await page.waitForSelector('html[data-live]', { timeout: 60000 });
    await page.waitForFunction(() => document.querySelector('#rubric-name') && !document.querySelector('#rubric-loading'), null, { timeout: 60000 });
    await page.evaluate(() => {
      window.longest = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longest = Math.max(window.longest, e.duration); }).observe({ type: 'longtask' });
    });
    const t0 = Date.now();
    await page.setInputFiles('#batch-file', file);
    await page.waitForSelector('#results', { timeout: 120000 });
    const shown = Date.now() - t0;
    const longest = await page.evaluate(() => window.longest);
    const sorts = [];
    for (let i = 0; i < 5; i++) {
      sorts.push(await page.evaluate(async () => {
        const t = performance.now();
        document.querySelector('#sort-total').click();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t;
      }));
    }
    const drawn = await page.$$eval('#results tbody tr:not(.spacer)', (trs) => trs.length);
    districtRows.push(`| ${n.toLocaleString('en')} | ${ms(shown)} | ${ms(longest)} | ${ms(median(sorts))} | ${drawn} |`);
    await ctx.close();
    fs.rmSync(file, { force: true });
  }
}

await browser.close();
server.close();

// ---------------------------------------------------------------------------------------
// Statistics of loads.

const med = (loads, k) => median(present(loads.map((l) => l[k])));
const encodings = (loads) => [...new Set(loads.flatMap((l) => l.requests.map((r) => r.encoding).filter(Boolean)))].join(', ') || 'none';

// ---------------------------------------------------------------------------------------
// Tables.

const where = prerendered ? 'prerendered page, r/<id>/' : 'page as index.html?rubric=<id> (this build has no prerendered pages)';
const staticWhat = prerendered ? 'the prerendered HTML without its scripts' : "a snapshot of the app's first screen without its scripts";
console.log(`\n## Cold loads in headless Chromium\n`);
console.log(`- pages: each rubric's ${where}, which loads its first module, then the app; beside it the same page as it was before the first module (the app alone, its module and wasm preloaded: the reference) and its static copy: ${staticWhat};`);
console.log(`- served as hosts serve precompressed files (a file's .br copy to a browser that accepts brotli, else .gz) and the strict CSP; ${LOADS} cold loads per page and condition, the three kinds interleaved, each in a fresh browser context (empty cache); viewport ${VIEWPORT.width}×${VIEWPORT.height};`);
console.log(`- a figure is typed in the first frame the form is typeable (${Object.entries(TYPED).map(([id, t]) => `${id}: ${t.field} = ${t.value}`).join('; ')}): *scored* is the first frame its item shows the core's score for it;`);
console.log(`- times from navigation start, median (min–max); *bytes before scored*: every response finished by then; *all bytes*: until the app took over + ${SETTLE_MS} ms; layout shift until then, input-driven shifts excluded, median (worst);`);
console.log(`- ${LOADS * RUBRICS.length * KINDS.length * NETWORKS.length + KINDS.length * NETWORKS.length} cold loads and ${RUBRICS.length * (1 + OFFLINE.length * Math.max(3, LOADS >> 1))} offline visits in ${loadSeconds.toFixed(0)} s on ${os.cpus().length} shared cores, load average ${loadBefore.toFixed(1)} before and ${os.loadavg()[0].toFixed(1)} after: compare figures within a run, not across runs.`);

const warnings = [];
const check = (loads, where) => {
  for (const l of loads) {
    if (l.cached.length) warnings.push(`${where}: served from a cache: ${[...new Set(l.cached)].join(', ')}`);
    if (l.pending.length) warnings.push(`${where}: still downloading when measured: ${[...new Set(l.pending)].join(', ')}`);
    for (const r of l.requests) {
      if (r.failed) warnings.push(`${where}: ${r.path} failed (${r.failed})`);
      if (!r.encoding && COMPRESSED.has(path.extname(r.path))) warnings.push(`${where}: ${r.path} came uncompressed`);
    }
    for (const p of l.problems) warnings.push(`${where}: console: ${p}`);
    if (l.lateShifts) warnings.push(`${where}: ${l.lateShifts} layout shift(s) after the window`);
  }
};
for (const net of NETWORKS) {
  console.log(`\n### ${net.title}\n`);
  console.log('| page | first contentful paint | form visible and typeable | figure typed at first sight scored | app took over | bytes before scored | all bytes | DOM nodes | layout shift (worst) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const id of RUBRICS) {
    for (const kind of KINDS) {
      const loads = results[net.name][id][kind];
      const label = `${id}${KIND_LABEL[kind]}`;
      const app = kind !== 'static';
      console.log(`| ${label} | ${spread(loads.map((l) => l.fcp))} | ${spread(loads.map((l) => l.typeable))} | ${app ? spread(loads.map((l) => l.scored)) : 'n/a'} | ${app ? spread(loads.map((l) => l.live)) : 'n/a'} | ${app ? kb(med(loads, 'bytesBeforeScored')) : 'n/a'} | ${kb(median(loads.map((l) => l.bytes)))} | ${median(present(loads.map((l) => l.nodes)))} | ${median(loads.map((l) => l.cls)).toFixed(4)} (${Math.max(...loads.map((l) => l.cls)).toFixed(4)}) |`);
      check(loads, `${net.name}, ${label}`);
    }
  }
  console.log(`\nEncodings on the wire: ${encodings(RUBRICS.flatMap((id) => KINDS.flatMap((k) => results[net.name][id][k])))}.`);
}

console.log('\n### The second visit, offline (the page loaded once, then the browser offline)\n');
console.log('| page | CPU | first contentful paint | form visible and typeable | figure typed at first sight scored | app took over | served by the service worker | bytes on the wire |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const id of RUBRICS) {
  for (const cpu of OFFLINE) {
    const loads = offline[id][cpu];
    console.log(`| ${id} | ${cpu === 1 ? 'full speed' : `slowed ${cpu}×`} | ${spread(loads.map((l) => l.fcp))} | ${spread(loads.map((l) => l.typeable))} | ${spread(loads.map((l) => l.scored))} | ${spread(loads.map((l) => l.live))} | ${median(loads.map((l) => l.fromServiceWorker))} requests | ${kb(median(loads.map((l) => l.bytes)))} |`);
    check(loads, `offline, ${id}, CPU ÷${cpu}`);
  }
  const ref = offline[id].app;
  console.log(`| ${id}${KIND_LABEL.app} | full speed | ${ref.failed ? `does not open (${ref.failed.split(';')[0].replace(/\s+/g, ' ').slice(0, 60)})` : `opened: ${ms(ref.typeable)}`} | | | | | |`);
}

// Where the time goes, on the slow network, for the page: when each file was requested and
// finished, so the floor shows.
const LABELS = [
  [(p) => p.endsWith('.html'), 'HTML'],
  [(p) => p === 'style.css', 'CSS (style.css)'],
  [(p) => p === 'boot.js', 'boot script (boot.js)'],
  [(p) => p === 'spacescore_live.js', 'first module, JS glue (spacescore_live.js)'],
  [(p) => p === 'spacescore_live_bg.wasm', 'first module, wasm (spacescore_live_bg.wasm)'],
  [(p) => p === 'spacescore_web.js', 'app, JS glue (spacescore_web.js)'],
  [(p) => p === 'spacescore_web_bg.wasm', 'app, wasm (spacescore_web_bg.wasm)'],
  [(p) => p === 'rubrics/index.json', 'rubric index (rubrics/index.json)'],
  [(p) => p.startsWith('rubrics/') && p.endsWith('.bin'), 'the rubric (rubrics/<id>.bin)'],
];
const label = (p) => (LABELS.find(([f]) => f(p)) ?? [null, p])[1];
for (const [netName, kind] of [['slow', 'page'], ['slow', 'app']]) {
  for (const id of RUBRICS) {
    const loads = results[netName][id][kind];
    console.log(`\n### Where the time goes: ${id}${KIND_LABEL[kind]} on the slow network (median of ${loads.length} loads)\n`);
    console.log('| step | bytes on the wire | requested | done |');
    console.log('|---|---:|---:|---:|');
    const steps = new Map();
    for (const l of loads) {
      for (const r of l.requests) {
        const st = steps.get(label(r.path)) ?? steps.set(label(r.path), { bytes: [], start: [], end: [] }).get(label(r.path));
        st.bytes.push(r.bytes); st.start.push(r.start); st.end.push(r.end);
      }
    }
    const rows = [...steps.entries()].sort((a, b) => median(a[1].start) - median(b[1].start));
    for (const [name, st] of rows) console.log(`| ${name}${st.bytes.length < loads.length ? ` (${st.bytes.length} of ${loads.length} loads)` : ''} | ${kb(median(st.bytes))} | ${ms(median(st.start))} | ${ms(median(st.end))} |`);
    const compiled = (i) => loads.map((l) => l.wasm.filter((w) => w.end !== null)[i]).filter(Boolean);
    for (let i = 0; i < 2; i++) {
      const c = compiled(i);
      if (c.length) console.log(`| wasm module ${i + 1} compiled and instantiated (${c[0].name}; compiles while it downloads) | | ${ms(median(c.map((w) => w.start)))} | ${ms(median(c.map((w) => w.end)))} |`);
    }
    console.log(`| first contentful paint | | | ${ms(med(loads, 'fcp'))} |`);
    console.log(`| form visible and typeable (the figure typed) | | | ${ms(med(loads, 'typeable'))} |`);
    if (kind === 'page') console.log(`| first module scoring (its mark) | | | ${ms(med(loads, 'firstModule'))} |`);
    console.log(`| figure typed at first sight scored | | | ${ms(med(loads, 'scored'))} |`);
    console.log(`| app took over (its mark, in the effect after its first render) | | | ${ms(med(loads, 'live'))} |`);
    const before = med(loads, 'bytesBeforeScored');
    const scored = med(loads, 'scored');
    const transfer = (before / SLOW.downloadThroughput) * 1000;
    const lastByte = median(loads.map((l) => Math.max(...l.requests.filter((r) => r.end <= l.scored).map((r) => r.end))));
    console.log(`\nFloor for the typed figure: the bytes before it is scored (${kb(before)}) at 1.6 Mbit/s take ${ms(transfer)}; with the HTML's round trip and one more for what it names, it cannot be scored before ~${ms(transfer + 2 * SLOW.latency)}. The last of those bytes arrived at ${ms(lastByte)}; the figure was scored ${ms(scored - lastByte)} after it.`);
  }
}

// The aims of the issue, beside the measurements.
console.log('\n## Aims\n');
console.log('| aim | page | measured | allowed | measured ÷ allowed | |');
console.log('|---|---|---:|---:|---:|---|');
/** An aim's row: `ratio` is measured ÷ allowed, `ok` whether it is met. */
const row = (aim, id, measured, allowed, ratio, ok) =>
  console.log(`| ${aim} | ${id} | ${measured} | ${allowed} | ${ratio.toFixed(2)} | ${verdict(ok)} |`);
for (const id of RUBRICS) {
  const slow = results.slow[id], local = results.local[id];
  {
    const a = med(slow.page, 'scored');
    row('slow network: the figure typed at first sight scored ≤ 1.3 s', id, `${ms(a)} (the app alone: ${ms(med(slow.app, 'scored'))})`, '≤ 1300 ms', a / 1300, a <= 1300);
  }
  {
    const a = med(slow.page, 'bytesBeforeScored');
    row('slow network: on the wire before it is scored ≤ 150 KB', id, `${kb(a)} (the app alone: ${kb(med(slow.app, 'bytesBeforeScored'))})`, '≤ 150.0 KB', a / (150 * 1024), a <= 150 * 1024);
  }
  {
    const a = median(slow.page.map((l) => l.bytes));
    row('everything the page loads ≤ 320 KB', id, `${kb(a)} (the app alone: ${kb(median(slow.app.map((l) => l.bytes)))})`, '≤ 320.0 KB', a / (320 * 1024), a <= 320 * 1024);
  }
  {
    const a = med(local.page, 'fcp'), st = med(local.static, 'fcp');
    row('local: first contentful paint ≤ 1.2× the static copy', id, `${ms(a)} (${(a / st).toFixed(2)}× the static copy's ${ms(st)})`, `≤ ${ms(1.2 * st)}`, a / (1.2 * st), a <= 1.2 * st);
  }
  {
    const a = med(slow.page, 'typeable'), st = med(slow.static, 'typeable');
    row('slow network: form visible and typeable ≤ 1.3× the static copy', id, `${ms(a)} (${(a / st).toFixed(2)}× the static copy's ${ms(st)})`, `≤ ${ms(1.3 * st)}`, a / (1.3 * st), a <= 1.3 * st);
  }
  for (const net of NETWORKS) {
    const a = Math.max(...results[net.name][id].page.map((l) => l.cls));
    row(`layout shift < 0.01 (${net.name}, worst load)`, id, a.toFixed(4), '< 0.0100', a / 0.01, a < 0.01);
  }
  {
    const a = med(results.slow4x[id].page, 'scored');
    console.log(`| (no aim) slow network, CPU slowed 4×: the figure typed at first sight scored | ${id} | ${ms(a)} (the app alone: ${ms(med(results.slow4x[id].app, 'scored'))}) | | | |`);
  }
}
const inputMedian = median(latencies);
row('input → updated total ≤ 2 ms median', 'xinxiang/professional', ms2(inputMedian), '≤ 2.00 ms', inputMedian / 2, inputMedian <= 2);

// Bytes on the wire against the size table xtask printed (the same .gz and .br files).
console.log('\n### Bytes on the wire against the size table (slow cold loads of each page, median)\n');
console.log('| page | requests | response bodies | response headers | on the wire | size table (brotli) | bodies − table | fetched, not in the table | in the table, not fetched |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|---|');
for (const id of RUBRICS) {
  const loads = results.slow[id].page;
  const fetched = new Map();
  for (const r of loads[0]?.requests ?? []) fetched.set(r.path, (fetched.get(r.path) ?? 0) + r.bytes - r.headers);
  const table = SIZES?.[id];
  const bodiesBytes = median(loads.map((l) => l.bytes - l.headerBytes));
  const extra = table ? [...fetched.keys()].filter((p) => !(p in table.files)).map((p) => `${p} (${kb(fetched.get(p))})`) : [];
  const missing = table ? Object.keys(table.files).filter((p) => !fetched.has(p)) : [];
  console.log(`| ${id} | ${median(loads.map((l) => l.requests.length))} | ${kb(bodiesBytes)} | ${kb(median(loads.map((l) => l.headerBytes)))} | ${kb(median(loads.map((l) => l.bytes)))} | ${table ? kb(table.total) : 'n/a'} | ${table ? kb(bodiesBytes - table.total) : 'n/a'} | ${extra.join(', ') || '–'} | ${missing.join(', ') || '–'} |`);
}
console.log('\nWhen no file is extra or missing, bodies and the table are the same .br files.');

console.log(`\n## Input event → updated total in the DOM (${INPUTS} inputs, ${latencyPage.replace(BASE, '')}, local)\n`);
console.log('| scored by | median | p95 | max |');
console.log('|---|---:|---:|---:|');
console.log(`| the app | ${ms2(inputMedian)} | ${ms2(pct(latencies, 0.95))} | ${ms2(Math.max(...latencies))} |`);
console.log(`| the first module (the app held back) | ${ms2(median(firstLatencies))} | ${ms2(pct(firstLatencies, 0.95))} | ${ms2(Math.max(...firstLatencies))} |`);
console.log(`\nJS heap after load and ${INPUTS} inputs: ${(heap.usedSize / 1024 / 1024).toFixed(2)} MB used of ${(heap.totalSize / 1024 / 1024).toFixed(2)} MB (the wasm linear memory is separate)`);

// The district page's table (measured before the browser closed).
{
  console.log('\n## The district page: a file of N spaces (local, 1280×900)\n');
  console.log('| spaces | given → table shown | longest task | sort by total (median of 5) | rows drawn |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const r of districtRows) console.log(r);
  console.log('\n199 spaces is the reference: below 200 the table draws every row. Aims: 20,000 rows read without a task over 200 ms, sorted in under 300 ms.');
}

if (warnings.length || failures.length) {
  console.log('\n## Measurement warnings\n');
  for (const f of failures) console.log(`- a load left out: ${f}`);
  for (const w of [...new Set(warnings)]) console.log(`- ${w}`);
}
