// End-to-end tests of the page's first module (spacescore_live): every rubric's prerendered
// form scores what is typed into it before the app has arrived, exactly as the core scores it
// (the module calls the core; it computes no rule of its own), and the app then takes the page
// over keeping every value, the focus and the caret.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, siteUrl, text, itemScore, figures, enter, shownScores, coreScores, pageFields, inputId, holdBack, jsApi } from './lib.mjs';

const api = jsApi();
const IDS = api.rubrics().filter((r) => r.builtin).map((r) => r.id);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const has = (page, attr) => page.evaluate((a) => document.documentElement.hasAttribute(a), attr);

/** What the page shows of each item's explanation, by item. */
const explanations = (page) => page.$$eval('article[data-item]', (els) =>
  Object.fromEntries(els.map((e) => [e.dataset.item, e.querySelector('.explanation').textContent])));

describe('the first module', () => {
  test('every rubric page scores what is typed before the app arrives, as the core does', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    // The app's module never arrives: what scores is the first module alone.
    await page.route('**/spacescore_web.js', () => {});
    for (const id of IDS) {
      const d = api.describe(id);
      await page.goto(siteUrl(`r/${id}/`));
      await page.waitForSelector('html[data-scoring]');
      // A checklist with nothing ticked is, in the page's markup, a checklist not answered.
      const inputs = Object.fromEntries(Object.entries(figures(d)).filter(([, v]) => !(Array.isArray(v) && v.length === 0)));
      await enter(page, inputs);
      const core = api.score(id, inputs);
      assert.deepEqual(await shownScores(page), coreScores(core), `${id}: every item's score`);
      assert.deepEqual(await explanations(page), Object.fromEntries(core.items.map((i) => [i.id, i.explanation])), `${id}: every explanation`);
      const subtotals = await page.$$eval('section[data-group] .group-subtotal', (els) =>
        els.map((e) => [e.closest('section').dataset.group, e.dataset.subtotal]));
      assert.deepEqual(subtotals, core.groups.filter((g) => subtotals.some(([s]) => s === g.id)).map((g) => [g.id, g.score]), `${id}: the subtotals`);
      if (core.total !== null) {
        assert.equal(await text(page, '#score-total'), core.total, `${id}: the total`);
        assert.equal(await text(page, '#score-base'), core.base, `${id}: the base`);
        assert.equal(await page.$$eval('article.capped .item-score mark.cap', (m) => m.length), core.items.filter((i) => i.capped).length, `${id}: a cap mark on every capped item`);
      } else {
        assert.equal(await text(page, '#warning-count'), `数据一致性提示：${core.warnings.length}`, `${id}: the warnings counted`);
        assert.deepEqual(await page.$$eval('.check-results li', (l) => l.map((e) => e.textContent)), core.warnings.map((w) => w.message), `${id}: the warnings`);
      }
      assert.equal(await text(page, '#missing-count'), core.missing.length ? `待填写：${core.missing.length}` : '已全部填写', `${id}: what is missing`);
      // An unreadable figure: the core's message under its field, the item not scored.
      const count = [...pageFields(d).values()].find((f) => f.kind === 'count');
      await page.fill(inputId(count.field), '3.5场');
      const wrong = api.score(id, { ...inputs, [count.field]: '3.5场' });
      const message = wrong.errors.find((e) => e.field === count.field).message;
      assert.equal(await page.textContent(`${inputId(count.field)}-error:not([hidden])`), message, `${id}: the field's message`);
      assert.equal(await page.getAttribute(inputId(count.field), 'aria-invalid'), 'true');
      assert.equal(await text(page, '#error-count'), `${wrong.errors.length} 项输入有误`, `${id}: the errors counted`);
      assert.deepEqual(await shownScores(page), coreScores(wrong), `${id}: the scores with the unreadable figure`);
      // Corrected, the message goes.
      await page.fill(inputId(count.field), inputs[count.field]);
      assert.equal(await page.$(`${inputId(count.field)}-error:not([hidden])`), null, `${id}: the message goes`);
      assert.equal(await page.$('#error-count'), null, `${id}: and the count`);
      assert.equal(await has(page, 'data-live'), false, `${id}: all of it before the app`);
    }
    assert.deepEqual(errors, []);
    await ctx.close();
  });

  test('typed before any module: scored when the first arrives, kept with focus and caret when the app takes over', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const releaseFirst = await holdBack(page, '**/spacescore_live_bg.wasm');
    const releaseApp = await holdBack(page, '**/spacescore_web_bg.wasm');
    const id = 'xinxiang/professional';
    await page.goto(siteUrl(`r/${id}/`), { waitUntil: 'domcontentloaded' });
    await page.fill('#f-incubation_fund', '180');
    assert.equal(await has(page, 'data-scoring'), false, 'typed before the first module');
    const prerendered = await text(page, '#score-total');
    releaseFirst();
    await page.waitForSelector('html[data-scoring]');
    let core = api.score(id, { incubation_fund: '180' });
    assert.equal(await itemScore(page, 'incubation-fund'), core.items.find((i) => i.id === 'incubation-fund').score);
    assert.equal(await text(page, '#score-total'), core.total);
    assert.notEqual(core.total, prerendered, 'the figure changes the total');
    // Typing goes on, scored at each keystroke.
    await page.click('#f-events');
    await page.keyboard.type('14');
    await page.keyboard.press('ArrowLeft');
    core = api.score(id, { incubation_fund: '180', events: '14' });
    assert.equal(await text(page, '#score-total'), core.total);
    // The advice under each item is the app's: until it arrives, it is marked as not
    // following the figures.
    assert.ok(await page.$('.next-step[aria-busy="true"]'), 'the advice waits for the app');
    assert.equal(await has(page, 'data-live'), false);
    releaseApp();
    await page.waitForSelector('html[data-live]');
    assert.equal(await page.inputValue('#f-incubation_fund'), '180');
    assert.equal(await page.inputValue('#f-events'), '14');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-events', 'the focus is where it was');
    assert.deepEqual(await page.evaluate(() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]), [1, 1], 'and the caret');
    assert.equal(await text(page, '#score-total'), core.total);
    assert.equal(await page.$('[aria-busy="true"]'), null, 'the app draws its own advice');
    await page.keyboard.type('0');
    assert.equal(await page.inputValue('#f-events'), '104');
    core = api.score(id, { incubation_fund: '180', events: '104' });
    await page.waitForFunction((t) => document.getElementById('score-total')?.textContent === t, core.total);
    await ctx.close();
  });
});
