// The rubric studio, end to end in Chromium: an official pastes a seed table (as Word gives
// it: HTML with merged cells, and the same as tab-separated text), fixes one item flagged
// for review, adds two worked examples whose expected scores are worked out by hand from
// the document, exports the file, and opens it on the self-check page, where the examples'
// figures score the totals worked out by hand. Exporting, re-opening and exporting again
// gives the same bytes; a built-in rubric revised shows what changed. axe-core audits every
// state of the studio on the way (the `a11y.test.mjs` rules, in both languages).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath as toPath } from 'node:url';
import { launch, ready, siteUrl, text, audit, assertClean } from './lib.mjs';

const here = path.dirname(toPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// 宁夏 科技“双创”载体绩效评价指标解释, the maker spaces' table: a weights-only table, so every
// item is drafted self-assessed and flagged for review.
const SEED = fs.readFileSync(path.join(root, 'tests/draft/ningxia-maker-space.tsv'), 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The table as Word puts it on the clipboard as HTML: a cell merged down over the rows
 * below it (blank in the text) is one cell with a rowspan. */
function asHtml(tsv) {
  const rows = tsv.replace(/\n$/, '').split('\n').map((r) => r.split('\t'));
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = rows.map((cells, r) => {
    const tds = cells.map((c, k) => {
      if (k === 0 && c === '' && r > 0) return '';
      let span = 1;
      if (k === 0) while (rows[r + span] && rows[r + span][0] === '') span += 1;
      return `<td${span > 1 ? ` rowspan="${span}"` : ''}><p>${esc(c)}</p></td>`;
    });
    return `<tr>${tds.join('')}</tr>`;
  });
  return `<html><body><table>${body.join('\n')}</table></body></html>`;
}

/** Pastes into the paste box as the browser does, with the clipboard's text and HTML. */
async function paste(page, data) {
  await page.evaluate((d) => {
    const dt = new DataTransfer();
    for (const [type, value] of Object.entries(d)) dt.setData(type, value);
    document.querySelector('#paste').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, data);
}

const fileText = (page) => page.evaluate(() => document.querySelector('.file-text')?.textContent ?? '');
const flagged = async (page) => Number((await page.getAttribute('#flagged', 'data-flagged')) ?? 0);

/** Opens every disclosure, so that what they hold is audited too; audits. */
async function auditAll(page, where, found) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  found.push(...(await audit(page, where)));
}

/** Types into a field of the form at its DOM id and waits for the file to say it. */
async function setField(page, id, value) {
  await page.fill(`#${id}`, value);
}

/** Adds `key` to the table whose add-key box has this id prefix, then types `value` in it. */
async function addKey(page, prefix, key, value, fieldId) {
  await page.fill(`#${prefix}-newkey`, key);
  await page.click(`#${prefix}-newkey + button`);
  await page.fill(`#${fieldId}`, value);
}

/** The status of the worked example at `i`. */
const caseStatus = (page, i) => page.getAttribute(`details[data-case="${i}"] .status`, 'data-status');

async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-studio-')), d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

describe('the rubric studio', () => {
  test('paste a seed table, fix a flagged item, add two worked examples, export, score them on the self-check page', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await ctx.addInitScript({ content: AXE });
    const page = await ctx.newPage();
    const errors = [];
    const requests = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('request', (r) => requests.push(r.url()));
    const found = [];

    await page.goto(siteUrl('studio/'));
    await page.waitForSelector('html[data-live] #paste');
    found.push(...(await audit(page, 'studio, nothing open')));

    // The HTML table (merged group cells as rowspans) drafts the same file as the text.
    await paste(page, { 'text/html': asHtml(SEED), 'text/plain': 'not read: the HTML table is' });
    await page.waitForSelector('.file-text', { state: 'attached' });
    const fromHtml = await fileText(page);
    await paste(page, { 'text/plain': SEED });
    await page.waitForSelector('#aside');
    assert.equal(await fileText(page), fromHtml, 'the HTML table and the text draft the same file');
    assert.equal(await page.getAttribute('#check-status', 'data-problems'), '0');
    const before = await flagged(page);
    assert.ok(before > 0, 'a weights-only table is drafted self-assessed and flagged');
    await auditAll(page, 'studio, drafted', found);

    // Fix one flagged item: its English name, then marked reviewed.
    await setField(page, 'e-items-0-name_en', 'Management rules');
    await page.click('details[data-item="item-1"] button.reviewed');
    await page.waitForFunction((n) => Number(document.querySelector('#flagged')?.dataset.flagged ?? 0) === n, before - 1);
    assert.match(await fileText(page), /name_en = "Management rules"/);
    // The rubric's own id, in place of the draft's placeholder.
    await setField(page, 'e-rubrics-0-id', 'studio-test/maker-space');
    await page.waitForFunction(() => document.querySelector('#check-status')?.dataset.problems === '0');

    // Worked example 1. 宁夏's table gives weights only: each item is self-assessed from 0
    // to its weight (管理制度 5, 可自主支配场地 5), and the base score is their sum: 4 + 5 = 9.
    await page.fill('#f-score-item-1', '4');
    await page.fill('#f-score-item-2', '5');
    await page.waitForFunction(() => document.querySelector('#score-total')?.textContent === '9');
    await page.click('#add-case');
    await page.waitForSelector('details[data-case="0"]');
    await setField(page, 'e-cases-0-name', '管理制度自评 4 分、场地自评 5 分');
    await setField(page, 'e-cases-0-clause', '科技“双创”载体绩效评价指标解释 众创空间 基本情况：管理制度（5）、可自主支配场地（5）');
    await addKey(page, 'e-cases-0-expect-items', 'item-1', '4', 'e-cases-0-expect-items-itemx2d1');
    await setField(page, 'e-cases-0-expect-total', '9');
    await page.waitForFunction(() => document.querySelector('details[data-case="0"] .status')?.dataset.status === 'pass');

    // Worked example 2: 管理制度 5 and 创新创业氛围营造 (weight 1) 1: 5 + 1 = 6. Entered
    // first as 7, it fails, saying what the rules give; corrected, it passes.
    await page.fill('#f-score-item-1', '5');
    await page.fill('#f-score-item-2', '');
    await page.fill('#f-score-item-3', '1');
    await page.waitForFunction(() => document.querySelector('#score-total')?.textContent === '6');
    await page.click('#add-case');
    await page.waitForSelector('details[data-case="1"]');
    await setField(page, 'e-cases-1-name', '管理制度自评 5 分、氛围营造自评 1 分');
    await setField(page, 'e-cases-1-clause', '科技“双创”载体绩效评价指标解释 众创空间 基本情况：管理制度（5）、创新创业氛围营造（1）');
    await setField(page, 'e-cases-1-expect-total', '7');
    await page.waitForFunction(() => document.querySelector('details[data-case="1"] .status')?.dataset.status === 'fail');
    assert.match(await text(page, 'details[data-case="1"] .problems'), /6/);
    await auditAll(page, 'studio, an example failing', found);
    await setField(page, 'e-cases-1-expect-total', '6');
    await page.waitForFunction(() => document.querySelector('details[data-case="1"] .status')?.dataset.status === 'pass');
    assert.equal(await caseStatus(page, 0), 'pass');
    assert.equal(await page.getAttribute('#check-status', 'data-problems'), '0');

    // Undo takes back the last edit; redo puts it back.
    await page.click('#undo');
    await page.waitForFunction(() => document.querySelector('details[data-case="1"] .status')?.dataset.status === 'fail');
    await page.click('#redo');
    await page.waitForFunction(() => document.querySelector('details[data-case="1"] .status')?.dataset.status === 'pass');

    // Export; open the export again; export again: the same bytes. The compiled rubric and
    // the bundle are offered too.
    const exported = await download(page, '#export-toml');
    assert.equal(path.basename(exported), 'studio-test-maker-space.toml');
    const toml = fs.readFileSync(exported, 'utf8');
    assert.match(toml, /\[\[cases\]\]/);
    assert.ok(fs.statSync(await download(page, '#export-bin')).size > 0);
    assert.ok(fs.statSync(await download(page, '#export-zip')).size > 0);
    await page.setInputFiles('#open-file', exported);
    await page.waitForFunction(() => document.querySelectorAll('details[data-case]').length === 2 && !document.querySelector('.draft-notes'));
    assert.equal(fs.readFileSync(await download(page, '#export-toml'), 'utf8'), toml);

    // English, then a reload: the work is kept in this browser.
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await auditAll(page, 'studio, English', found);
    await page.reload();
    await page.waitForSelector('html[data-live] .file-text', { state: 'attached' });
    assert.equal(await fileText(page), toml);
    await page.click('#lang-toggle');

    // The self-check page opens the exported file and scores the examples' figures.
    await page.goto(siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    await ready(page);
    await page.setInputFiles('#rubric-file', exported);
    await page.waitForSelector('#opened-badge', { timeout: 20000 });
    await page.fill('#f-score-item-1', '4');
    await page.fill('#f-score-item-2', '5');
    await page.waitForFunction(() => document.querySelector('#score-total')?.textContent === '9');
    await page.fill('#f-score-item-1', '5');
    await page.fill('#f-score-item-2', '');
    await page.fill('#f-score-item-3', '1');
    await page.waitForFunction(() => document.querySelector('#score-total')?.textContent === '6');

    const origin = new URL(siteUrl('')).origin;
    assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')), [], 'no request outside the site');
    assert.deepEqual(errors, []);
    assertClean(found);
    await ctx.close();
  });

  test('a built-in rubric revised: the version bumped shows in what changed; a bad file is named and nothing is lost', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 812 } });
    await ctx.addInitScript({ content: AXE });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const found = [];
    await page.goto(siteUrl('studio/'));
    await page.waitForSelector('html[data-live] #paste');
    // Saved work that cannot be read is kept aside as it was, and said so.
    const broken = '[[items]\nid = "half a file';
    await page.evaluate((t) => localStorage.setItem('spacescore/1/studio/work', t), broken);
    await page.reload();
    await page.waitForSelector('html[data-live] #aside');
    const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('spacescore/1/studio/aside/')).map((k) => localStorage.getItem(k)));
    assert.deepEqual(aside, [broken]);
    await page.click('#dismiss');
    await page.waitForSelector('html[data-live] #open-builtin:not([disabled])');
    await page.selectOption('#builtin', 'inner-mongolia/maker-space');
    await page.click('#open-builtin');
    await page.waitForSelector('#no-change');
    assert.equal(await page.getAttribute('#check-status', 'data-problems'), '0');
    await page.click('#bump');
    await page.waitForSelector('#changes li');
    assert.match(await page.inputValue('#changes-text'), /版本/);
    await auditAll(page, 'studio, revising at 375 px', found);
    // Compared with another document instead: its id and version lines, among others.
    await page.selectOption('#compare-builtin', 'xinxiang/professional');
    await page.click('#compare-open');
    await page.waitForFunction(() => /xinxiang\/professional/.test(document.querySelector('#changes-text')?.value ?? ''));
    const kept = await fileText(page);
    // A file that is not a rubric file: named, and the document stays.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-studio-'));
    fs.writeFileSync(path.join(dir, 'broken.toml'), '[document\ntitle = 1');
    await page.setInputFiles('#open-file', path.join(dir, 'broken.toml'));
    await page.waitForSelector('#message');
    assert.match(await text(page, '#message'), /broken\.toml/);
    assert.equal(await fileText(page), kept);
    await auditAll(page, 'studio, a file refused', found);
    // A new start keeps the revised rubric aside; restored, it is back with its new version.
    await page.evaluate(() => { document.querySelector('details.start').open = true; });
    await page.click('#start-empty');
    await page.waitForSelector('#aside');
    assert.notEqual(await fileText(page), kept);
    await page.click('#restore');
    await page.waitForFunction((k) => document.querySelector('.file-text')?.textContent === k, kept);
    assert.deepEqual(errors, []);
    assertClean(found);
    await ctx.close();
  });
});
