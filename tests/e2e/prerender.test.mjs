// End-to-end tests of the prerendered pages (the page-speed issue): every rubric's form is
// static HTML at r/<id>/, on screen and typeable before the app arrives; the app takes over
// that page without a layout shift and without losing anything typed early (values, focus,
// caret), and figures typed early and figures saved earlier never silently overwrite each
// other. Every URL that worked before still does.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath as toPath } from 'node:url';
import { launch, openPage, ready, siteUrl, text, itemScore, SITE } from './lib.mjs';

const here = path.dirname(toPath(import.meta.url));
const root = path.resolve(here, '../..');
const PKG = path.resolve(process.env.SPACESCORE_PKG || path.join(root, 'dist/pkg'));
const api = createRequire(import.meta.url)(path.join(PKG, 'node/spacescore.js'));
const IDS = api.rubrics().filter((r) => r.builtin).map((r) => r.id);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A fresh context whose network is slow enough that the wasm arrives seconds after the
 * prerendered HTML: what a phone on a poor connection sees. */
async function slowPage() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 60 * 1024, uploadThroughput: 60 * 1024,
  });
  return { ctx, page, cdp };
}

const isLive = (page) => page.evaluate(() => document.documentElement.hasAttribute('data-live'));

describe('the prerendered pages', () => {
  test('every rubric has its own page, on screen with its form before the app', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(siteUrl(''));
    for (const id of IDS) {
      assert.ok(await page.$(`a[href="r/${id}/"]`), `the front page links ${id}`);
    }
    for (const id of IDS) {
      const d = api.describe(id);
      await page.goto(siteUrl(`r/${id}/`));
      assert.equal(await text(page, '#rubric-name'), d.name, id);
      assert.equal(await page.$$eval('article[data-item]', (e) => e.length), d.items.length, `${id}: every item, as static HTML`);
      assert.equal(await page.$$eval('[data-row]', (e) => e.length), d.rows.length, `${id}: every form row`);
      assert.ok(await page.$('#summary'), `${id}: the summary`);
    }
    await ctx.close();
  });

  test('what is typed while the app loads keeps every character, the focus and the caret, and is scored', async () => {
    const { ctx, page } = await slowPage();
    await page.goto(siteUrl('r/xinxiang/professional/'), { waitUntil: 'domcontentloaded' });
    await page.fill('#applicant', '某某众创空间');
    await page.fill('#f-incubation_fund', '180');
    await page.click('#f-events');
    await page.keyboard.type('14');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await isLive(page), false, 'typed before the app took over');
    await page.waitForSelector('html[data-live]', { timeout: 60000 });
    assert.equal(await page.inputValue('#applicant'), '某某众创空间', 'the applicant typed early is kept');
    assert.equal(await page.inputValue('#f-incubation_fund'), '180');
    assert.equal(await page.inputValue('#f-events'), '14');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-events', 'the focus is where it was');
    assert.deepEqual(await page.evaluate(() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]), [1, 1], 'and the caret');
    const core = api.score('xinxiang/professional', { incubation_fund: '180', events: '14' });
    assert.equal(await itemScore(page, 'incubation-fund'), core.items.find((i) => i.id === 'incubation-fund').score);
    assert.equal(await text(page, '#score-total'), core.total);
    // Typing goes on where it stopped.
    await page.keyboard.type('0');
    assert.equal(await page.inputValue('#f-events'), '104');
    await ctx.close();
  });

  test('figures typed early win over figures saved earlier, which are kept aside to restore', async () => {
    const { ctx, page, cdp } = await slowPage();
    // Saved earlier, on a fast connection.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await page.goto(siteUrl('r/xinxiang/professional/'));
    await ready(page);
    await page.fill('#f-incubation_fund', '60');
    await page.fill('#f-events', '3');
    await page.waitForFunction(() => localStorage.getItem('spacescore/1/work/xinxiang/professional')?.includes('"60"'));
    // Back on a slow connection, typed before the app is there.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 60 * 1024, uploadThroughput: 60 * 1024 });
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.fill('#f-incubation_fund', '180');
    assert.equal(await isLive(page), false);
    await page.waitForSelector('html[data-live]', { timeout: 60000 });
    assert.equal(await page.inputValue('#f-incubation_fund'), '180', 'what was typed wins');
    assert.equal(await page.inputValue('#f-events'), '3', 'a saved figure not typed over stays');
    assert.match(await text(page, '#notices'), /页面加载完成前填写的数据已保留/);
    await page.click('.notice .notice-action');
    await page.waitForFunction(() => document.getElementById('f-incubation_fund')?.value === '60');
    await ctx.close();
  });

  test('the app takes over without a layout shift', async () => {
    for (const id of ['inner-mongolia/maker-space', 'xinxiang/professional']) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(siteUrl(`r/${id}/`));
      await ready(page);
      await page.waitForTimeout(300);
      const cls = await page.evaluate(() => window.__cls);
      assert.ok(cls < 0.01, `${id}: cumulative layout shift ${cls}`);
      await ctx.close();
    }
  });

  test('old links still work: ?rubric=, share links, and the front page', async () => {
    const work = { format: 'spacescore/1', rubric: 'ningxia/incubator', rubric_version: api.describe('ningxia/incubator').version, values: { mentors: '7' } };
    const fragment = Buffer.from(JSON.stringify(work)).toString('base64url');
    const { page, ctx } = await openPage(browser, siteUrl(`index.html?rubric=ningxia/incubator#d=${fragment}`));
    assert.match(page.url(), /\/r\/ningxia\/incubator\//);
    await page.waitForFunction(() => document.getElementById('f-mentors')?.value === '7');
    // The path names the rubric, so the query no longer repeats it.
    assert.doesNotMatch(page.url(), /rubric=/);
    assert.match(await text(page, '#notices'), /已打开分享链接中的数据/);
    // Choosing another rubric moves to its own page, so a reload opens it prerendered.
    const other = api.describe('xinxiang/professional');
    await page.selectOption('#pick-region', other.region);
    await page.waitForSelector('#pick-type');
    await page.selectOption('#pick-type', other.id);
    await page.waitForFunction(() => location.pathname.endsWith('/r/xinxiang/professional/'));
    assert.doesNotMatch(page.url(), /rubric=/);
    await page.reload();
    await ready(page);
    assert.equal(await text(page, '#rubric-name'), other.name);
    await ctx.close();
    // The front page with nothing named is the list of rubrics, and loads no app.
    const front = await openPage(browser, null);
    await front.page.goto(SITE);
    await front.page.waitForSelector('.landing-list');
    assert.ok(!front.log.requests.some((u) => u.endsWith('.wasm')), 'no wasm for the list');
    await front.ctx.close();
  });
});
