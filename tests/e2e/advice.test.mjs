// End-to-end tests of 提分空间 in the page (the advice issue): each item card's next step,
// the summary's panel (top suggestions linking to their items, room per group, the points
// missing to the next grade), and what-if scenarios kept, compared, saved, exported and
// restored. What the page says is what the core's advisor says (the JS API's advise()).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath as toPath } from 'node:url';
import { launch, openPage, ready, siteUrl, type, text } from './lib.mjs';

const here = path.dirname(toPath(import.meta.url));
const root = path.resolve(here, '../..');
const PKG = path.resolve(process.env.SPACESCORE_PKG || path.join(root, 'dist/pkg'));
const api = createRequire(import.meta.url)(path.join(PKG, 'node/spacescore.js'));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const nextStep = (page, item) => page.textContent(`article[data-item="${item}"] .next-step`);

describe('提分空间', () => {
  test('each item card says its next step, as the advisor does', async () => {
    const id = 'inner-mongolia/maker-space';
    const { page, ctx } = await openPage(browser, siteUrl(`r/${id}/`));
    await type(page, 'workstations', '35');
    const advice = api.advise(id, { workstations: '35' });
    const first = advice.suggestions.find((s) => s.item === 'workstations');
    await page.waitForFunction((t) => document.querySelector('article[data-item="workstations"] .next-step')?.textContent.includes(t), first.explanation);
    assert.match(first.explanation, /35 → 40/);
    // An item at its maximum says so; a self-assessed one says how much room it has.
    for (const item of advice.items.filter((i) => i.standing !== 'open').slice(0, 3)) {
      assert.ok((await nextStep(page, item.item)).includes(item.explanation), item.item);
    }
    await ctx.close();
  });

  test('the summary lists the top suggestions, each a link to its item, and the room per group', async () => {
    const id = 'xinxiang/professional';
    const inputs = { incubation_fund: '180', events: '8' };
    const { page, ctx } = await openPage(browser, siteUrl(`r/${id}/`));
    for (const [f, v] of Object.entries(inputs)) await type(page, f, v);
    const advice = api.advise(id, inputs);
    const panel = '.summary .advice';
    await page.waitForFunction(([sel, t]) => document.querySelector(`${sel} .suggestions li`)?.textContent === t, [panel, advice.suggestions[0].explanation]);
    const links = await page.$$eval(`${panel} .suggestions a`, (as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    assert.deepEqual(links, advice.suggestions.slice(0, 5).map((s) => [`#item-${s.item}`, s.explanation]));
    await page.click(`${panel} .group-headroom summary`);
    const groups = await page.textContent(`${panel} .group-headroom ul`);
    for (const g of advice.groups.filter((g) => g.headroom !== '0')) assert.ok(groups.includes(g.name), g.name);
    await ctx.close();
  });

  test('where the document publishes grades, the points missing to the next one', async () => {
    const id = 'qinhuangdao/maker-space';
    const d = api.describe(id);
    const self = d.items.filter((i) => i.self_assessed).slice(0, 6);
    const inputs = Object.fromEntries(self.map((i) => [`score.${i.id}`, String(Math.floor(Number(i.max) / 2))]));
    const { page, ctx } = await openPage(browser, siteUrl(`r/${id}/`));
    for (const [f, v] of Object.entries(inputs)) await type(page, f, v);
    const advice = api.advise(id, inputs);
    assert.ok(advice.next_grade, 'Qinhuangdao publishes grades');
    await page.waitForFunction((t) => document.querySelector('.summary .advice .next-grade')?.textContent === t, advice.next_grade.explanation);
    await ctx.close();
  });

  test('a what-if scenario: kept, compared per item and in total, saved, exported, restored', async () => {
    const id = 'inner-mongolia/maker-space';
    const { page, ctx } = await openPage(browser, siteUrl(`r/${id}/`));
    await type(page, 'workstations', '35');
    await page.click('#scenario-keep-summary');
    await page.waitForSelector('#scenario-totals-summary');
    await type(page, 'workstations', '40');
    const before = api.score(id, { workstations: '35' });
    const now = api.score(id, { workstations: '40' });
    await page.waitForFunction((t) => document.querySelector('#score-total')?.textContent === t, now.total);
    assert.match(await text(page, '#scenario-totals-summary'), new RegExp(`方案 A：${before.total} → 现在：${now.total}（\\+1）`));
    assert.match(await page.textContent('article[data-item="workstations"] .vs-scenario'), /方案 A：2 → 3（\+1）/);
    // In English the page's own name for it is English too, with English brackets.
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await text(page, '#scenario-totals-summary'), /^Scenario A: .* \(\+1\)$/);
    assert.match(await page.textContent('article[data-item="workstations"] .vs-scenario'), /Scenario A: 2 → 3 \(\+1\)/);
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    // Saved with the figures: a reload keeps it.
    await page.reload();
    await ready(page);
    assert.match(await text(page, '#scenario-totals-summary'), /方案 A/);
    // Exported with the figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(exported.scenarios, [{ name: '方案 A', values: { workstations: '35' } }]);
    // Back to the scenario's figures; the current ones are kept aside.
    await page.click('#scenario-restore-summary');
    await page.waitForFunction(() => document.getElementById('f-workstations')?.value === '35');
    await page.waitForSelector('.notice .notice-action');
    await page.click('#scenario-drop-summary');
    await page.waitForSelector('#scenario-totals-summary', { state: 'detached' });
    await ctx.close();
  });

  test('on a phone the panel follows the form', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('r/xinxiang/professional/'), { width: 375, height: 800 });
    assert.ok(await page.isVisible('.advice-form'));
    assert.ok(!(await page.isVisible('.summary .advice-summary')));
    await ctx.close();
  });
});
