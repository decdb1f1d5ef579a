// End-to-end tests of the embed in Chromium: a portal page served from one origin
// (127.0.0.1:HOST) embeds the widget served from another (localhost:SITE) with the strict
// Content-Security-Policy on every widget response (cargo xtask test starts both servers).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, openPage, HOST, WIDGET_ORIGIN, SITE, siteUrl, inputId } from './lib.mjs';
import { fileURLToPath as toPath } from 'node:url';
const here = path.dirname(toPath(import.meta.url));

const root = path.resolve(here, '../..');
const PKG = path.resolve(process.env.SPACESCORE_PKG || path.join(root, 'dist/pkg'));
const api = createRequire(import.meta.url)(path.join(PKG, 'node/spacescore.js'));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function hostUrl(page, params) {
  return new URL(`${page}?${new URLSearchParams({ widget: WIDGET_ORIGIN, ...params })}`, HOST).href;
}

/** Opens a host page and waits for the widget inside it to render. */
async function openHost(page, params) {
  const opened = await openPage(browser, null, { width: 1100, height: 800 });
  await opened.page.goto(hostUrl(page, params));
  const frame = opened.page.frameLocator('iframe.spacescore-frame');
  await frame.locator('html[data-live] #summary').waitFor({ timeout: 20000 });
  return { ...opened, frame };
}

const frameHeight = (page) => page.$eval('iframe.spacescore-frame', (f) => f.getBoundingClientRect().height);

// The example rubric of docs/, served by the portal on its own origin for data-rubric-src.
const EXAMPLE = path.join(root, 'docs/examples/shili.toml');
fs.mkdirSync(path.join(here, 'hosts/generated'), { recursive: true });
fs.copyFileSync(EXAMPLE, path.join(here, 'hosts/generated/shili.toml'));

describe('the embed', () => {
  test('a locked widget reports results with the right totals to the portal', async () => {
    const { page, frame, ctx, log } = await openHost('embed.html', { rubric: 'xinxiang/professional', lock: 'true', lang: 'zh', accent: '#c8102e' });
    const inputs = { incubation_fund: '180', events: '14', graduates_hired: '7', graduate_startups: '1' };
    for (const [field, value] of Object.entries(inputs)) await frame.locator(inputId(field)).fill(value);
    const core = api.score('xinxiang/professional', inputs);
    await page.waitForFunction((total) => window.__results.some((r) => r.total === total), core.total);
    const last = await page.evaluate(() => window.__results.at(-1));
    assert.equal(last.type, 'spacescore:result');
    assert.equal(last.rubric, 'xinxiang/professional');
    assert.equal(last.rubric_version, core.rubric_version);
    assert.equal(last.base, core.base);
    assert.equal(last.bonus, core.bonus);
    assert.equal(last.total, core.total);
    assert.equal(last.grade, null);
    assert.equal(last.vetoed, false);
    assert.deepEqual(last.missing, core.missing);
    assert.deepEqual(last.items, core.items.map((i) => ({ id: i.id, score: i.score, max: i.max })));
    // Every message came from the widget's origin, and only result and height messages.
    const kinds = new Set(await page.evaluate(() => window.__messages.map((m) => m.origin + ' ' + m.data.type)));
    assert.deepEqual([...kinds].sort(), [`${WIDGET_ORIGIN} spacescore:height`, `${WIDGET_ORIGIN} spacescore:result`]);
    // Locked: no region or type choice inside the widget.
    assert.equal(await frame.locator('#pick-region').count(), 0);
    assert.equal(await frame.locator('.masthead').count(), 0, 'no page chrome inside a portal');
    // The accent colour reached the widget through the CSSOM.
    const accent = await frame.locator('html').evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
    assert.equal(accent, '#c8102e');
    assert.deepEqual(log.csp, [], 'no CSP violation');
    assert.deepEqual(log.errors, [], 'no console errors');
    await ctx.close();
  });

  test('the iframe takes the height of its content, growing and shrinking', async () => {
    const { page, frame, ctx } = await openHost('embed.html', { rubric: 'xinxiang/professional', lock: 'true' });
    const fits = async () => {
      const inner = await frame.locator('html').evaluate(() => document.documentElement.scrollHeight);
      const outer = await frameHeight(page);
      return Math.abs(inner - outer) <= 2;
    };
    await page.waitForFunction(() => {
      const f = document.querySelector('iframe.spacescore-frame');
      return f && f.getBoundingClientRect().height > 700;
    });
    assert.ok(await fits(), 'no inner scroll bar after load');
    const start = await frameHeight(page);
    // Ask to reset: a confirmation appears, the content grows.
    await frame.locator('#reset').click();
    await page.waitForFunction((h) => document.querySelector('iframe.spacescore-frame').getBoundingClientRect().height > h, start);
    const grown = await frameHeight(page);
    assert.ok(grown > start, `grew from ${start} to ${grown}`);
    assert.ok(await fits());
    await frame.locator('#reset-no').click();
    await page.waitForFunction((h) => document.querySelector('iframe.spacescore-frame').getBoundingClientRect().height < h, grown);
    assert.ok(Math.abs((await frameHeight(page)) - start) <= 2, 'shrank back');
    // English wraps differently: the frame follows, still without an inner scroll bar.
    await frame.locator('#lang-toggle').click();
    await frame.locator('#summary-title:text("Score summary")').waitFor();
    const deadline = Date.now() + 5000;
    while (!(await fits()) && Date.now() < deadline) await page.waitForTimeout(50);
    assert.ok(await fits());
    await ctx.close();
  });

  test('a portal that is not the named parent receives nothing, and its requests are ignored', async () => {
    const { page, frame, ctx, log } = await openHost('embed.html', { rubric: 'inner-mongolia/maker-space', parent: 'https://portal.example.gov.cn' });
    await frame.locator(inputId('site_area')).fill('600');
    await frame.locator('article[data-item="service-area"] .item-score[data-score="2"]').waitFor();
    await page.evaluate(() => document.querySelector('iframe.spacescore-frame').contentWindow.postMessage({ type: 'spacescore:get' }, '*'));
    await page.waitForTimeout(500);
    assert.deepEqual(await page.evaluate(() => window.__messages), [], 'nothing is posted to another origin');
    assert.deepEqual(await page.evaluate(() => window.__results), []);
    assert.deepEqual(log.csp, []);
    await ctx.close();
  });

  test('the named parent can ask for the current result again', async () => {
    const { page, frame, ctx } = await openHost('embed.html', { rubric: 'inner-mongolia/maker-space' });
    await frame.locator(inputId('site_area')).fill('3000');
    await page.waitForFunction(() => window.__results.some((r) => r.total === '3'));
    const before = await page.evaluate(() => window.__results.length);
    await page.evaluate(() => document.querySelector('iframe.spacescore-frame').contentWindow.postMessage({ type: 'spacescore:get' }, '*'));
    await page.waitForFunction((n) => window.__results.length > n, before);
    assert.equal(await page.evaluate(() => window.__results.at(-1).total), '3');
    await ctx.close();
  });

  test('without a lock the choice shows; a plain iframe with URL options works the same', async () => {
    const unlocked = await openHost('embed.html', { rubric: 'ningxia/incubator' });
    assert.equal(await unlocked.frame.locator('#pick-region').count(), 1);
    await unlocked.ctx.close();

    const { page, frame, ctx, log } = await openHost('iframe.html', { rubric: 'ningxia/maker-space', lock: '1', lang: 'en' });
    assert.equal(await frame.locator('#pick-region').count(), 0);
    assert.equal(await frame.locator('#summary-title').textContent(), 'Score summary');
    await frame.locator(inputId('score.management-rules')).fill('4.5');
    await page.waitForFunction(() => window.__results.some((r) => r.total === '4.5'));
    assert.ok((await frameHeight(page)) > 300, 'sized by its height messages');
    assert.deepEqual(log.csp, []);
    await ctx.close();
  });

  test('the example portal page works under the strict CSP', async () => {
    const { page, ctx, log } = await openPage(browser, null);
    await page.goto(siteUrl('embed-example.html'));
    const frame = page.frameLocator('iframe.spacescore-frame');
    await frame.locator('#summary').waitFor();
    await frame.locator(inputId('incubation_fund')).fill('180');
    await page.waitForFunction(() => document.getElementById('host-total').textContent === '7');
    assert.deepEqual(log.csp, []);
    assert.deepEqual(log.errors, []);
    assert.ok(log.requests.every((u) => u.startsWith(SITE)), 'everything from the site itself');
    await ctx.close();
  });

  test("data-rubric-src: the portal's own rubric file, fetched by the portal and checked in the widget", async () => {
    const loaded = api.load(fs.readFileSync(EXAMPLE, 'utf8'), 'shili.toml');
    const id = Array.isArray(loaded) ? loaded[0] : loaded;
    const { page, frame, ctx, log } = await openHost('embed.html', { 'rubric-src': '/generated/shili.toml', lock: 'true' });
    await frame.locator('#opened-badge').waitFor();
    assert.equal(await frame.locator('#rubric-name').textContent(), api.describe(id).name);
    const field = api.describe(id).items.flatMap((i) => i.inputs).find((i) => i.kind === 'count').field;
    await frame.locator(inputId(field)).fill('9');
    const core = api.score(id, { [field]: '9' });
    await page.waitForFunction((total) => window.__results.some((r) => r.total === total), core.total);
    assert.equal(await page.evaluate(() => window.__results.at(-1).rubric), id);
    // The widget fetched nothing from the portal: the portal posted the file.
    assert.ok(!log.requests.some((u) => u.includes(WIDGET_ORIGIN) && u.endsWith('shili.toml')));
    assert.deepEqual(log.csp, []);
    await ctx.close();
  });
});
