// Shared helpers of the browser tests: launching Debian's Chromium through playwright-core
// (never a downloaded browser), the URLs the xtask servers listen on, and small page helpers.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath as toPath } from 'node:url';
const here = path.dirname(toPath(import.meta.url));

export const SITE = process.env.SPACESCORE_SITE ?? 'http://127.0.0.1:8080/';
export const WIDGET_ORIGIN =
  process.env.SPACESCORE_WIDGET_ORIGIN ?? SITE.replace('127.0.0.1', 'localhost').replace(/\/$/, '');
export const HOST = process.env.SPACESCORE_HOST ?? 'http://127.0.0.1:8081/';
export const ARTIFACTS = process.env.SPACESCORE_ARTIFACTS ?? path.join(here, 'artifacts');
/** The built site's JS API package, and the site itself (its parent folder). */
export const PKG = path.resolve(process.env.SPACESCORE_PKG || path.join(here, '../../dist/pkg'));
export const DIST = path.dirname(PKG);

/** The JS API's Node build: the core, as the tests' reference. */
export function jsApi() {
  return createRequire(import.meta.url)(path.join(PKG, 'node/spacescore.js'));
}

/** Launches Chromium. Its contexts load every page from the network, as a first visit does:
 * the service worker is blocked unless a test asks for it (`serviceWorkers: 'allow'`, the
 * offline tests), so that no test is served a page kept by an earlier load of its own. */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ serviceWorkers: 'block', ...options });
  return browser;
}

/** Holds back every request matching `pattern` on `page` until the returned function is
 * called: a module that has not arrived yet. */
export async function holdBack(page, pattern) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route(pattern, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** A page that records console errors, CSP violations and every request. */
export async function openPage(browser, url, { width = 1280, height = 900, context } = {}) {
  const ctx = context ?? (await browser.newContext({ viewport: { width, height }, acceptDownloads: true }));
  const page = await ctx.newPage();
  const log = { errors: [], requests: [], csp: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (/Content.Security.Policy|Refused to/i.test(m.text())) log.csp.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => log.requests.push(r.url()));
  if (url) {
    await page.goto(url);
    await ready(page);
  }
  return { page, ctx, log };
}

/** Waits until the app is live: it has taken over the prerendered page (or drawn its own)
 * and scores what is typed. The prerendered form is on screen before that. */
export async function ready(page) {
  await page.waitForSelector('html[data-live] #summary', { timeout: 20000 });
}

export function siteUrl(query = '') {
  return new URL(query, SITE).href;
}

/** The DOM id of a field's input. */
export function inputId(field) {
  return '#f-' + field.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** Types into a field's input, replacing what was there. */
export async function type(page, field, value) {
  await page.fill(inputId(field), value);
}

/** An item's score as shown ("" while it cannot be scored). */
export async function itemScore(page, item) {
  return page.getAttribute(`article[data-item="${item}"] .item-score`, 'data-score');
}

export async function text(page, selector) {
  return (await page.textContent(selector))?.trim();
}

/** The policy `cargo xtask serve` sends (xtask/src/serve.rs): the tests serve under it too. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; frame-ancestors *";

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml' };

/** Serves `dir` on a free port of 127.0.0.1 with the strict CSP, for tests that need a copy
 * of the site of their own; resolves to { url, close }. */
export async function serveDir(dir) {
  const http = await import('node:http');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    if (file.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Copies a folder recursively. */
export function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

export function artifact(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** Every field a rubric's page shows: item inputs and aids, form rows, veto questions. */
export function pageFields(d) {
  const fields = new Map();
  for (const item of d.items) for (const i of [...item.inputs, ...item.aids]) fields.set(i.field, i);
  for (const row of d.rows) fields.set(row.input.field, row.input);
  return fields;
}

/** Deterministic, valid figures for every field (seeded by its position). */
export function figures(d, seed = 7) {
  const inputs = {};
  let n = seed;
  const next = () => (n = (n * 1103515245 + 12345) % 2147483648);
  for (const [field, f] of pageFields(d)) {
    const r = next();
    switch (f.kind) {
      case 'count': inputs[field] = String(r % (f.max ? Number(f.max) + 1 : 40)); break;
      case 'amount': inputs[field] = `${r % 900}.${r % 10}`; break;
      case 'signed-amount': inputs[field] = `-${r % 50}`; break;
      case 'percent': inputs[field] = String(r % 101); break;
      case 'score': inputs[field] = String((r % (Number(f.max) * 2 + 1)) / 2); break;
      case 'bool': inputs[field] = r % 3 === 0; break;
      case 'checklist': inputs[field] = f.options.filter((_, i) => (r >> i) % 2 === 1); break;
      case 'choice': inputs[field] = [f.options[r % f.options.length]]; break;
    }
  }
  // Veto questions: yes/no answered "no"; a counted veto (Qinhuangdao) gets a safe count.
  for (const v of d.vetoes) {
    for (const f of v.inputs) if (!(f in inputs)) inputs[f] = v.inputs.length === 1 && /^(veto_|nx_)/.test(f) ? false : '12';
  }
  return inputs;
}

/** Enters inputs the way a person would: typing, clicking yes/no, ticking boxes. */
export async function enter(page, inputs) {
  for (const [field, value] of Object.entries(inputs)) {
    const id = inputId(field);
    if (typeof value === 'boolean') {
      await page.click(`${id}-${value ? 'yes' : 'no'}`);
    } else if (Array.isArray(value)) {
      for (const option of value) await page.check(`${id}-${option}`);
    } else {
      await page.fill(id, value);
    }
  }
}

export async function shownScores(page) {
  return page.$$eval('article[data-item]', (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.item, e.querySelector('.item-score').dataset.score])));
}

export function coreScores(report) {
  return Object.fromEntries(report.items.map((i) => [i.id, i.score ?? '']));
}


/** Runs axe on the page; its violations, one readable entry each (rule, impact, help, the
 * first nodes and why they fail), prefixed by `where`. */
export async function audit(page, where) {
  const violations = await page.evaluate(async () => {
    // Groups below the first screen are laid out only when scrolled to (content-visibility:
    // auto), and axe cannot measure the contrast of text the browser has not laid out: lay
    // them all out. No colour changes.
    document.querySelectorAll('.group').forEach((g) => g.style.setProperty('content-visibility', 'visible'));
    const r = await window.axe.run(document, {
      resultTypes: ['violations'],
      rules: { 'target-size': { enabled: true }, 'duplicate-id': { enabled: true }, 'duplicate-id-active': { enabled: true } },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      count: v.nodes.length,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
  return violations.map((v) => {
    const nodes = v.nodes.map((n) => `      ${n.target}\n        ${n.summary.split('\n').slice(1, 3).join(' ').trim()}`);
    return `${where}: ${v.id} (${v.impact}, ${v.count} node${v.count > 1 ? 's' : ''}): ${v.help}\n${nodes.join('\n')}`;
  });
}

/** Asserts that no audit found anything, listing every violation found. */
export function assertClean(found) {
  assert.equal(found.length, 0, `${found.length} axe violation(s):\n${found.join('\n')}`);
}
