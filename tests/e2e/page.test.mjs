// End-to-end tests of the self-check page in Chromium (playwright-core, /usr/bin/chromium),
// against dist/ served on 127.0.0.1 with the strict CSP (cargo xtask test starts the server
// and sets SPACESCORE_SITE). The core's own results come from the JS API (dist/pkg): the page
// must show exactly what the core computes for the same inputs.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { launch, openPage, ready, siteUrl, inputId, type, itemScore, text, artifact, SITE, figures, enter, shownScores, coreScores, pageFields } from './lib.mjs';
import { fileURLToPath as toPath } from 'node:url';
const here = path.dirname(toPath(import.meta.url));

const root = path.resolve(here, '../..');
const PKG = path.resolve(process.env.SPACESCORE_PKG || path.join(root, 'dist/pkg'));
const api = createRequire(import.meta.url)(path.join(PKG, 'node/spacescore.js'));
const IDS = api.rubrics().map((r) => r.id);
const CLI = path.resolve(process.env.SPACESCORE_CLI || path.join(root, 'target/debug/spacescore'));

/** The cells of one CSV line (RFC 4180; the CLI quotes a cell only when it must). */
function csvCells(line) {
  const cells = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]);
  return cells.slice(0, -1).map((c) => (c.startsWith('"') ? c.slice(1, -1).replaceAll('""', '"') : c));
}

/** The text of the file `name` in the zip archive `buf` (a .xlsx or .docx), found by its
 * central directory. */
function unzipped(buf, name) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(end + 16);
  for (let n = buf.readUInt16LE(end + 10); n > 0; n--) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + nameLen + extra + comment;
  }
  throw new Error(`${name} is not in the archive`);
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('the page', () => {
  test('every rubric opens from its URL with its document', async () => {
    for (const id of IDS) {
      const d = api.describe(id);
      const { page, ctx, log } = await openPage(browser, siteUrl(`index.html?rubric=${id}`));
      assert.equal(await text(page, '#rubric-name'), d.name, id);
      assert.equal(await text(page, '#doc-title'), `《${d.title}》`, id);
      if (d.document_number) assert.equal(await text(page, '#doc-number'), d.document_number);
      if (d.year) assert.equal(await text(page, '#doc-year'), d.year);
      assert.equal(await page.$$eval('article[data-item]', (e) => e.length), d.items.length, `${id}: every item is shown`);
      assert.equal(await page.$$eval('[data-row]', (e) => e.length), d.rows.length, `${id}: every form row is shown`);
      const selfItems = d.items.filter((i) => i.self_assessed).map((i) => i.id);
      for (const item of selfItems) {
        assert.ok(await page.$(`[data-item="${item}"] .badge.self`), `${id} ${item} is marked self-assessed`);
      }
      assert.deepEqual(log.errors, [], `${id}: no console errors`);
      assert.ok(page.url().includes(`/r/${id}/`), page.url());
      await ctx.close();
    }
  });

  test('an unknown rubric in the URL opens a known one and says so', async () => {
    const { page, ctx, log } = await openPage(browser, siteUrl('index.html?rubric=atlantis/<script>'));
    assert.match(await text(page, '#notices'), /链接中的评价表“atlantis\/<script>”不在本站/);
    assert.ok(IDS.some((id) => page.url().includes(`rubric=${id}`)), page.url());
    assert.deepEqual(log.errors, []);
    await ctx.close();
  });

  test('the region and type pickers choose the rubric and update the URL', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    assert.equal(await page.$('#pick-type'), null, 'Inner Mongolia has one type');
    await page.selectOption('#pick-region', '新乡');
    await page.waitForSelector('#pick-type');
    await page.selectOption('#pick-type', 'xinxiang/professional');
    await page.waitForFunction(() => location.pathname.endsWith('/r/xinxiang/professional/') && !location.search.includes('rubric='));
    assert.equal(await text(page, '#rubric-name'), api.describe('xinxiang/professional').name);
    assert.ok(await page.$('[data-item="same-industry"]'), 'the professional column has item 10');
    await ctx.close();
  });

  test('typed figures give exactly the core\'s scores, for every rubric', async () => {
    for (const id of IDS) {
      const d = api.describe(id);
      const inputs = figures(d);
      const { page, ctx, log } = await openPage(browser, siteUrl(`index.html?rubric=${id}`));
      await enter(page, inputs);
      const core = api.score(id, inputs);
      assert.deepEqual(await shownScores(page), coreScores(core), id);
      if (core.total !== null) {
        assert.equal(await text(page, '#score-total'), core.total, `${id} total`);
        assert.equal(await text(page, '#score-base'), core.base, `${id} base`);
      } else {
        assert.equal(await text(page, '#warning-count'), `数据一致性提示：${core.warnings.length}`);
        for (const f of core.figures) {
          assert.equal(await text(page, `[data-figure="${f.id}"] .figure-value`), f.display, `${id} ${f.id}`);
        }
      }
      if (core.total !== null) {
        for (const g of core.groups) {
          assert.equal(await page.getAttribute(`[data-group="${g.id}"] .group-subtotal`, 'data-subtotal'), g.score, `${id} ${g.id}`);
        }
      }
      assert.deepEqual(log.errors, [], id);
      await ctx.close();
    }
  });

  test('a cap shows, with the reason', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    await type(page, 'resident_companies', '12');
    await type(page, 'resident_teams', '9');
    assert.equal(await itemScore(page, 'residents'), '15');
    assert.ok(await page.isVisible('[data-item="residents"] .cap'));
    assert.match(await text(page, '[data-item="residents"] .explanation'), /合计 16 分，超过本项上限，按最高 15 分计/);
    await type(page, 'resident_teams', '4');
    assert.equal(await itemScore(page, 'residents'), '14');
    assert.equal(await page.$('[data-item="residents"] .cap'), null, 'no cap mark below the cap');
    await ctx.close();
  });

  test('a bad value shows its message, keeps its text and leaves the other scores intact', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=xinxiang/comprehensive'));
    await type(page, 'incubation_fund', '180');
    await type(page, 'events', '4');
    const before = await text(page, '#score-total');
    await type(page, 'events', '3.5场');
    const error = page.locator('#f-events-error');
    assert.ok(await error.isVisible());
    assert.match(await error.textContent(), /创新创业活动场次/);
    assert.equal(await page.getAttribute('#f-events-error', 'role'), 'alert');
    assert.equal(await page.inputValue('#f-events'), '3.5场', 'what was typed is kept exactly');
    assert.equal(await page.getAttribute('#f-events', 'aria-invalid'), 'true');
    assert.equal(await itemScore(page, 'events'), '', 'the item shows no score');
    assert.equal(await itemScore(page, 'incubation-fund'), '7', 'other items still score');
    assert.equal(await text(page, '#score-total'), String(Number(before) - 4));
    for (const [typed, message] of [['-3', /不能为负数/], ['2.5', /整数/], ['abc', /无法识别/], ['1e3', /科学计数法/]]) {
      await type(page, 'events', typed);
      assert.match(await error.textContent(), message, typed);
    }
    await type(page, 'score.regional', '11');
    assert.match(await text(page, '#f-score-regional-error'), /不能超过满分 10 分/);
    await type(page, 'events', '１２');
    assert.equal(await itemScore(page, 'events'), '10', 'full-width digits are read');
    assert.ok(!(await error.isVisible()));
    await ctx.close();
  });

  test('a reload keeps everything, per rubric', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=xinxiang/professional'));
    await type(page, 'incubation_fund', '180');
    await type(page, 'events', 'abc');
    await page.click('#f-tech_platform-yes');
    await page.check('#f-mentor_categories-marketing');
    const total = await text(page, '#score-total');
    await page.reload();
    await ready(page);
    assert.equal(await page.inputValue('#f-incubation_fund'), '180');
    assert.equal(await page.inputValue('#f-events'), 'abc', 'even unreadable text survives a reload');
    assert.ok(await page.isChecked('#f-tech_platform-yes'));
    assert.ok(await page.isChecked('#f-mentor_categories-marketing'));
    assert.equal(await text(page, '#score-total'), total);
    // Another rubric has its own figures; coming back restores these.
    await page.goto(siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    await ready(page);
    assert.equal(await text(page, '#score-total'), '0');
    await page.goto(siteUrl('index.html?rubric=xinxiang/professional'));
    await ready(page);
    assert.equal(await page.inputValue('#f-incubation_fund'), '180');
    await ctx.close();
  });

  test('two tabs on one rubric: figures typed in one are never lost when the other saves', async () => {
    const ctx = await browser.newContext();
    const url = siteUrl('index.html?rubric=inner-mongolia/maker-space');
    const a = await openPage(browser, url, { context: ctx });
    const b = await openPage(browser, url, { context: ctx });
    await type(a.page, 'site_area', '600');
    await a.page.waitForFunction(() => (localStorage.getItem('spacescore/1/work/inner-mongolia/maker-space') ?? '').includes('600'));
    // Tab B had the form empty; it types its own figure and saves over tab A's.
    await type(b.page, 'mentors', '8');
    await a.page.waitForFunction(() => document.querySelector('#notices').textContent.includes('另一个标签页修改了本评价表的数据'));
    // Tab A still shows its own figures; B's are kept aside.
    assert.equal(await a.page.inputValue('#f-site_area'), '600');
    assert.equal(await a.page.inputValue('#f-mentors'), '');
    const aside = await a.page.evaluate(() => {
      const tab = sessionStorage.getItem('spacescore/1/tab');
      return localStorage.getItem(`spacescore/1/work/inner-mongolia/maker-space/other-tab-${tab}`);
    });
    assert.ok(aside.includes('"mentors":"8"'), aside);
    // Tab A types again (saving over B's figures): B's figures are still there to restore,
    // and one notice stands for the other tab however often it saved.
    await type(a.page, 'site_area', '700');
    assert.equal(await a.page.$$eval('#notices .notice-action', (b) => b.length), 1);
    await a.page.click('#notices .notice-action');
    await a.page.waitForFunction(() => document.querySelector('#f-mentors').value === '8');
    assert.match(await text(a.page, '#notices'), /已另存/);
    assert.deepEqual(a.log.errors, []);
    assert.deepEqual(b.log.errors, []);
    await ctx.close();
  });

  test('corrupted saved data is kept aside and the person is told', async () => {
    const ctx = await browser.newContext();
    await ctx.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('spacescore/1/work/inner-mongolia/maker-space', '{"format": "spacescore/1", "values": [garbage');
        sessionStorage.setItem('seeded', '1');
      }
    });
    const { page, log } = await openPage(browser, siteUrl('index.html?rubric=inner-mongolia/maker-space'), { context: ctx });
    assert.match(await text(page, '#notices'), /无法读取，已原样另存/);
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('/kept-')));
    assert.equal(kept.length, 1);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), kept[0]), '{"format": "spacescore/1", "values": [garbage');
    assert.equal(await text(page, '#score-total'), '0');
    await type(page, 'site_area', '600');
    assert.equal(await itemScore(page, 'service-area'), '2', 'the form works');
    assert.deepEqual(log.errors, []);
    await ctx.close();
  });

  test('a share link restores the same scores, and a hostile one cannot break the page', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=ningxia/incubator'));
    const d = api.describe('ningxia/incubator');
    const inputs = figures(d, 11);
    await enter(page, inputs);
    await page.click('#share');
    const link = await page.inputValue('#share-link');
    assert.ok(link.startsWith(SITE) && link.includes('#d='), link);
    const expected = await shownScores(page);
    const total = await text(page, '#score-total');
    await ctx.close();

    const fresh = await openPage(browser, link);
    assert.deepEqual(await shownScores(fresh.page), expected);
    assert.equal(await text(fresh.page, '#score-total'), total);
    assert.match(await text(fresh.page, '#notices'), /分享链接/);
    assert.ok(!fresh.page.url().includes('#d='), 'the figures leave the address bar once opened');
    await fresh.ctx.close();

    const encode = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const hostile = [
      ['#d=%%%not-base64', /分享链接无法读取/],
      ['#d=' + encode({ format: 'evil/9', rubric: 'x', rubric_version: '1', values: {} }), /无法读取/],
      ['#d=' + encode({ format: 'spacescore/1', rubric: 'ningxia/incubator', rubric_version: '1999.1',
        values: { 'score.site-area': '99', mentors: 'x'.repeat(5000), __proto__x: '1', events: ['a'] } }), /旧版本/],
    ];
    for (const [fragment, message] of hostile) {
      const { page: p, ctx: c, log } = await openPage(browser, siteUrl('index.html?rubric=ningxia/incubator') + fragment);
      assert.match(await text(p, '#notices'), message, fragment.slice(0, 40));
      assert.deepEqual(log.errors, [], 'no crash');
      await c.close();
    }
    // A stale link still opens: out-of-range values are kept as typed and flagged.
    const stale = await openPage(browser, siteUrl('index.html?rubric=ningxia/incubator') + hostile[2][0]);
    assert.match(await text(stale.page, '#notices'), /未导入：.*mentors/);
    assert.equal(await stale.page.inputValue('#f-score-site-area'), '99');
    assert.match(await text(stale.page, '#f-score-site-area-error'), /不能超过满分 4 分/);
    await stale.ctx.close();
  });

  test('export and import round-trip the figures', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=qinhuangdao/maker-space'));
    const inputs = figures(api.describe('qinhuangdao/maker-space'), 5);
    await enter(page, inputs);
    const expected = await shownScores(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const file = artifact('export.json');
    await download.saveAs(file);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(saved.format, 'spacescore/1');
    assert.equal(saved.rubric, 'qinhuangdao/maker-space');
    await ctx.close();

    const fresh = await openPage(browser, siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    await fresh.page.setInputFiles('#import-file', file);
    await fresh.page.waitForSelector('[data-item="site-area"]');
    assert.ok(fresh.page.url().includes('/r/qinhuangdao/maker-space/'), 'switched to the file\'s rubric');
    assert.deepEqual(await shownScores(fresh.page), expected);
    // A broken file is refused with a message and changes nothing.
    const broken = artifact('broken.json');
    fs.writeFileSync(broken, '{ not json');
    await fresh.page.setInputFiles('#import-file', broken);
    await fresh.page.waitForFunction(() => document.querySelector('#notices').textContent.includes('文件无法导入'));
    assert.deepEqual(await shownScores(fresh.page), expected);
    await fresh.ctx.close();
  });

  test('the applicant\'s filing: the name is saved and exported; .xlsx read back by spacescore batch, .docx holding the name and the total', async () => {
    // No service worker, so that a failed load of the export module can be staged here.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, serviceWorkers: 'block' });
    const { page, ctx, log } = await openPage(browser, siteUrl('r/qinhuangdao/maker-space/'), { context });
    const d = api.describe('qinhuangdao/maker-space');
    const inputs = figures(d, 5);
    await enter(page, inputs);
    const name = '秦皇岛市<示例>“创客”空间 & Co.';
    await page.fill('#applicant', name);
    const total = await text(page, '#score-total');
    assert.equal(total, String(api.score('qinhuangdao/maker-space', inputs).total), 'the page\'s total is the core\'s');
    // The export module is not loaded before an export is asked for.
    assert.deepEqual(log.requests.filter((u) => u.includes('/filing')), []);

    // A module that cannot be loaded: said in the page's language, the figures kept, and
    // the next click tries again.
    await page.route('**/filing/**', (r) => r.abort());
    await page.click('#export-xlsx');
    await page.waitForFunction(() => document.querySelector('#notices').textContent.includes('申报材料未能导出'));
    assert.equal(await page.inputValue('#applicant'), name);
    assert.equal(await text(page, '#score-total'), total);
    await page.unroute('**/filing/**');

    // The JSON export names the applicant; a reload keeps the name.
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const jsonFile = artifact('filing.json');
    await json.saveAs(jsonFile);
    assert.equal(JSON.parse(fs.readFileSync(jsonFile, 'utf8')).applicant, name);
    await page.reload();
    await ready(page);
    assert.equal(await page.inputValue('#applicant'), name, 'kept with the saved work');

    const save = async (selector, file) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      assert.ok(dl.suggestedFilename().endsWith(path.extname(file)), dl.suggestedFilename());
      const out = artifact(file);
      await dl.saveAs(out);
      return out;
    };
    const xlsx = await save('#export-xlsx', 'filing.xlsx');
    const docx = await save('#export-docx', 'filing.docx');

    // spacescore batch reads the workbook as a district file: the page's total, the name.
    const run = spawnSync(CLI, ['--lang', 'en', 'batch', 'qinhuangdao/maker-space', xlsx], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const [header, row, ...rest] = run.stdout.trimEnd().split(/\r?\n/).map(csvCells);
    assert.deepEqual(rest, [], run.stdout);
    const cell = (col) => row[header.indexOf(col)];
    assert.equal(cell('total'), total, run.stdout);
    assert.equal(cell('name'), name, run.stdout);
    // The same bytes as the CLI writes for the exported figures and name.
    // The same sheets and document as the CLI writes for the exported figures and name (the
    // archives differ only in their creation dates).
    for (const [file, part] of [[xlsx, 'xl/worksheets/sheet1.xml'], [xlsx, 'xl/worksheets/sheet2.xml'], [docx, 'word/document.xml']]) {
      const ext = path.extname(file);
      const cliFile = artifact(`filing-cli${ext}`);
      fs.rmSync(cliFile, { force: true });
      const made = spawnSync(CLI, ['--lang', 'zh', 'score', 'qinhuangdao/maker-space', jsonFile, `-${ext.replace('.', '-')}`, '-o', cliFile], { encoding: 'utf8' });
      assert.equal(made.status, 0, made.stderr);
      assert.equal(unzipped(fs.readFileSync(file), part), unzipped(fs.readFileSync(cliFile), part), `${part}: the page's is the CLI's`);
    }

    // The Word document holds the name and the total.
    const xml = unzipped(fs.readFileSync(docx), 'word/document.xml');
    const escaped = name.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    assert.ok(xml.includes(escaped), 'the .docx names the applicant');
    assert.match(xml.replace(/<[^>]+>/g, ' '), new RegExp(`总分[^0-9]*${total.replace('.', '\\.')}(?![0-9])`), 'the .docx holds the total');
    assert.deepEqual(log.errors.filter((e) => !/ERR_FAILED|net::/.test(e)), []);
    await ctx.close();
  });

  test('reset asks first', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    await type(page, 'site_area', '600');
    await page.click('#reset');
    assert.ok(await page.isVisible('[role="alertdialog"]'));
    await page.click('#reset-no');
    assert.equal(await page.inputValue('#f-site_area'), '600');
    await page.click('#reset');
    await page.click('#reset-yes');
    assert.equal(await page.inputValue('#f-site_area'), '');
    assert.equal(await text(page, '#score-total'), '0');
    await ctx.close();
  });

  test('vetoes and grade bands show in the summary', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=qinhuangdao/maker-space'));
    const d = api.describe('qinhuangdao/maker-space');
    for (const item of d.items) await type(page, `score.${item.id}`, item.max);
    assert.equal(await text(page, '#score-total'), '100');
    assert.equal(await text(page, '#grade'), '优秀');
    await page.click('#f-bad_credit-yes');
    assert.equal(await text(page, '#grade'), '合格', '第十九条 caps the grade');
    await type(page, 'resident_teams', '3');
    await type(page, 'resident_tech_companies', '6');
    assert.equal(await text(page, '#grade'), '不合格');
    assert.match(await text(page, '#veto-status'), /一票否决：实际常驻科技型企业或团队数量不足10家/);
    await ctx.close();
  });

  test('the print view renders the self-evaluation table', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    await type(page, 'site_area', '3000');
    await type(page, 'mentors', '7');
    await page.fill('#applicant', '示例众创空间');
    await page.emulateMedia({ media: 'print' });
    // The print view is drawn when printing begins (here: print media).
    await page.waitForSelector('.print-view');
    assert.ok(await page.isVisible('.print-view'));
    assert.ok(!(await page.isVisible('#summary')), 'the form is hidden in print');
    const d = api.describe('inner-mongolia/maker-space');
    assert.equal(await page.$$eval('.print-table tbody tr', (r) => r.length), d.items.length);
    assert.equal(await text(page, '.print-score[data-item="service-area"]'), '3');
    assert.equal(await text(page, '#print-total'), '6');
    assert.match(await text(page, '.print-meta'), /\d{4}-\d{2}-\d{2}/);
    assert.equal(await text(page, '#print-applicant'), '示例众创空间');
    await page.pdf({ path: artifact('print.pdf') });
    await ctx.close();
  });

  test('the English toggle switches every label', async () => {
    for (const { id } of api.rubrics()) {
      const { page, ctx } = await openPage(browser, siteUrl(`index.html?rubric=${id}`));
      const d = api.describe(id);
      await enter(page, figures(d, 3));
      const count = [...pageFields(d).values()].find((f) => f.kind === 'count');
      await type(page, count.field, 'abc');
      await page.click('#lang-toggle');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      // Everything visible is English, except quotations of the source, marked lang="zh-CN".
      const leftovers = await page.evaluate(() => {
        const out = [];
        const walk = (node) => {
          if (node.nodeType === Node.ELEMENT_NODE) {
            if (node.closest('[lang="zh-CN"]') && node.getAttribute('lang') === 'zh-CN') return;
            if (getComputedStyle(node).display === 'none') return;
          }
          if (node.nodeType === Node.TEXT_NODE && /[\u3400-\u9fff]/.test(node.textContent)) {
            out.push(node.parentElement.outerHTML.slice(0, 160));
          }
          node.childNodes.forEach(walk);
        };
        walk(document.body);
        return out;
      });
      assert.deepEqual(leftovers, [], `${id}: Chinese left in English mode`);
      assert.equal(await text(page, '#lang-toggle'), '中文');
      await page.reload();
      await ready(page);
      assert.match(await text(page, '#summary-title'), /^(Score|Form) summary$/, 'the choice is remembered');
      await page.click('#lang-toggle');
      assert.match(await text(page, '#summary-title'), /^(得分|填报)汇总$/);
      await ctx.close();
    }
  });

  test('keyboard and screen-reader basics: labels, focus, live regions', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=xinxiang/comprehensive'));
    const unlabelled = await page.$$eval('input, select', (els) =>
      els.filter((e) => e.type !== 'file' && e.labels.length === 0 && !e.closest('fieldset')).map((e) => e.id));
    assert.deepEqual(unlabelled, []);
    await page.focus('#f-incubation_fund');
    await page.keyboard.type('180');
    assert.equal(await itemScore(page, 'incubation-fund'), '7');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.tagName + '#' + document.activeElement.id);
    assert.ok(!focused.startsWith('BODY') && focused !== 'INPUT#f-incubation_fund', `Tab moves to the next control (${focused})`);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    assert.equal(await page.getAttribute('.totals', 'aria-live'), 'polite');
    await ctx.close();
  });

  test('usable at 375 px, and screenshots of a filled form', async () => {
    for (const [width, height] of [[1280, 900], [375, 812]]) {
      const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=xinxiang/professional'), { width, height });
      await enter(page, figures(api.describe('xinxiang/professional'), 9));
      await type(page, 'events', '3.5');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at ${width}px (${overflow}px too wide)`);
      assert.ok(await page.isVisible('#score-total'), `the total is in view at ${width}px`);
      const box = await page.locator('#summary').boundingBox();
      assert.ok(box.y < height && box.y + 20 > 0, `the summary is on screen at ${width}px`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: artifact(`filled-${width}.png`) });
      await page.screenshot({ path: artifact(`filled-${width}-full.png`), fullPage: true });
      await ctx.close();
    }
  });

  test('every rubric fits a 375 px screen', async () => {
    for (const id of IDS) {
      const { page, ctx } = await openPage(browser, siteUrl(`index.html?rubric=${id}`), { width: 375, height: 812 });
      await enter(page, figures(api.describe(id), 4));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${id}: ${overflow}px too wide at 375 px`);
      await ctx.close();
    }
  });

  test('no request leaves 127.0.0.1', async () => {
    // A rubric's own (prerendered) page: its requests are the page itself.
    const { page, ctx, log } = await openPage(browser, siteUrl('r/ningxia/national-maker-space/'));
    await page.waitForSelector('[data-live]');
    await enter(page, figures(api.describe('ningxia/national-maker-space'), 2));
    await page.click('#share');
    await page.emulateMedia({ media: 'print' });
    const outside = log.requests.filter((u) => !u.startsWith(SITE) && !u.startsWith('blob:') && !u.startsWith('data:'));
    assert.deepEqual(outside, []);
    // The page, its stylesheet and icon, boot.js, the first module and the app (JS and wasm
    // each), the rubric and the list of rubrics.
    assert.ok(new Set(log.requests).size <= 10, `a handful of requests for the page itself: ${log.requests.join(' ')}`);
    assert.deepEqual(log.csp, [], 'no CSP violation');
    await ctx.close();
  });
});
