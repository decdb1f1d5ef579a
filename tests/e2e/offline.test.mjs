// End-to-end tests of the service worker (sw.js): a page seen once opens and scores on the
// next visit with no network at all; a new build takes over on the next load and says so
// once; a widget in a frame installs nothing unless its host asked for it (offline=1).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { launch, siteUrl, text, ready, serveDir, copyDir, jsApi, HOST, SITE, DIST } from './lib.mjs';

const api = jsApi();

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A context whose pages may register the service worker. */
const allowing = () => browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'allow' });

/** Waits until the page is controlled by the service worker, which has kept its files. */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });

/** Polls `check` (an async function of the page's, whose result is awaited there) until it
 * is true. Playwright's waitForFunction takes a promise for a true value, so it cannot. */
async function until(target, check, arg, timeout = 20000) {
  const end = Date.now() + timeout;
  while (!(await target.evaluate(check, arg))) {
    if (Date.now() > end) throw new Error(`not true within ${timeout} ms: ${check}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The build a page was served from. */
const buildOf = (page) => page.getAttribute('meta[name="spacescore-build"]', 'content');

const UPDATED = /本页面已更新到新版本/;

describe('the service worker', () => {
  test('a page seen once opens and scores with no network, and keeps what was typed', async () => {
    const ctx = await allowing();
    const id = 'xinxiang/professional';
    const first = await ctx.newPage();
    await first.goto(siteUrl(`r/${id}/`));
    await ready(first);
    await first.fill('#f-incubation_fund', '180');
    await controlled(first);
    await first.close();

    await ctx.setOffline(true);
    const page = await ctx.newPage();
    const failed = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    await page.goto(siteUrl(`r/${id}/`));
    await ready(page);
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-scoring')), true, 'the first module scored the form too');
    assert.equal(await page.inputValue('#f-incubation_fund'), '180', 'the figure typed on the first visit');
    await page.fill('#f-events', '14');
    const core = api.score(id, { incubation_fund: '180', events: '14' });
    await page.waitForFunction((t) => document.getElementById('score-total')?.textContent === t, core.total);
    assert.deepEqual(failed, [], 'nothing the page needs is missing offline');
    assert.doesNotMatch(await text(page, '#notices'), UPDATED, 'the same build: nothing to say');
    // The front page forwards to the rubric used last, offline too.
    await page.goto(SITE);
    await page.waitForURL(/\/r\/xinxiang\/professional\//);
    await ready(page);
    // A rubric never shown here was not kept.
    await assert.rejects(page.goto(siteUrl('r/ningxia/incubator/')));
    await ctx.close();
  });

  test('a new build takes over on the next load and says so once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-sw-'));
    copyDir(DIST, dir);
    const site = await serveDir(dir);
    const ctx = await allowing();
    const url = new URL('r/xinxiang/professional/', site.url).href;
    try {
      const page = await ctx.newPage();
      await page.goto(url);
      await ready(page);
      await controlled(page);
      const old = await buildOf(page);
      assert.doesNotMatch(await text(page, '#notices'), UPDATED, 'a first visit has nothing to say');

      const next = rebuild(dir, 'a1b2c3d4e5f60718');
      // The next visit is still the build this browser kept; the browser finds the new
      // service worker, which keeps the new build's files and takes over.
      await page.goto(url);
      await ready(page);
      assert.equal(await buildOf(page), old);
      assert.doesNotMatch(await text(page, '#notices'), UPDATED);
      await until(page, async (v) => {
        const keys = await caches.keys();
        return keys.includes(`spacescore-${v}`) && keys.length === 1;
      }, next);
      // The load after it is the new build, which says so, once.
      await page.goto(url);
      await ready(page);
      assert.equal(await buildOf(page), next);
      assert.match(await text(page, '#notices'), /本页面已更新到新版本（a1b2c3d4）。/);
      await page.goto(url);
      await ready(page);
      assert.doesNotMatch(await text(page, '#notices'), UPDATED, 'said once');
    } finally {
      await ctx.close();
      await site.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a widget in a frame installs nothing unless its host asks for it', async () => {
    for (const [offline, expected] of [[null, 0], ['1', 1]]) {
      const ctx = await allowing();
      const page = await ctx.newPage();
      // The widget from the host's own site (another port), so that the browser's rules for
      // third-party storage, which may refuse a worker to a frame from another site anyway,
      // are not what is tested: boot.js's own rule is.
      const q = new URLSearchParams({ widget: SITE.replace(/\/$/, ''), rubric: 'xinxiang/professional' });
      if (offline) q.set('offline', offline);
      await page.goto(new URL(`iframe.html?${q}`, HOST).href);
      const frame = await (await page.waitForSelector('iframe.spacescore-frame')).contentFrame();
      await frame.waitForSelector('html[data-live] #summary', { timeout: 20000 });
      const registered = () => frame.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
      if (expected) await until(frame, async () => (await navigator.serviceWorker.getRegistrations()).length > 0);
      else await page.waitForTimeout(1000);
      assert.equal(await registered(), expected, `offline=${offline}: ${expected} service worker(s)`);
      await ctx.close();
    }
  });
});

/** Makes `dir` (a copy of dist/) a new build, `version`, as `cargo xtask dist` would have:
 * every page stamped with it, and sw.js naming it with the pages' new hashes. */
function rebuild(dir, version) {
  const swPath = path.join(dir, 'sw.js');
  const sw = fs.readFileSync(swPath, 'utf8');
  const line = sw.split('\n').find((l) => l.startsWith('const BUILD = '));
  const build = JSON.parse(line.slice('const BUILD = '.length, -1));
  for (const rel of Object.keys(build.files).filter((f) => f.endsWith('.html'))) {
    const file = path.join(dir, rel);
    const html = fs.readFileSync(file, 'utf8').replace(`content="${build.version}"`, `content="${version}"`);
    fs.writeFileSync(file, html);
    build.files[rel] = crypto.createHash('sha256').update(html).digest('hex');
  }
  build.version = version;
  fs.writeFileSync(swPath, sw.replace(line, `const BUILD = ${JSON.stringify(build)};`));
  return version;
}
