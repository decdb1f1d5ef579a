// End-to-end tests of the district page (dist/district/) in Chromium, under the strict CSP:
// the hostile spreadsheets of tests/sheets.rs (written into a temporary folder by
// spacescore-fixtures) and a file of figures for every rubric go through the page and through
// `spacescore batch`, and the page must give what the CLI gives: the same message for a file
// it refuses, the same summary, notes and row problems, the same total on every row of the
// table, and a CSV download byte for byte the CLI's output. The self-check page never loads
// the district's code, and the district page loads the rubric checker only for a rubric file.
// axe-core audits each of its states, in both languages, at 1280 and 375 px (as
// a11y.test.mjs audits the self-check pages).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath as toPath } from 'node:url';
import { launch, openPage, siteUrl, figures } from './lib.mjs';

const here = path.dirname(toPath(import.meta.url));
const root = path.resolve(here, '../..');
const PKG = path.resolve(process.env.SPACESCORE_PKG || path.join(root, 'dist/pkg'));
const CLI = path.resolve(process.env.SPACESCORE_CLI || path.join(root, 'target/debug/spacescore'));
const FIXTURES = path.resolve(process.env.SPACESCORE_FIXTURES || path.join(root, 'target/debug/spacescore-fixtures'));
const require = createRequire(import.meta.url);
const api = require(path.join(PKG, 'node/spacescore.js'));
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const IDS = api.rubrics().map((r) => r.id);

// Where the page's messages differ from the CLI's: they name the page's controls instead of
// the command's options (spacescore_sheets::Door). The page speaks Chinese first, and so does
// `spacescore batch --lang zh`.
const DOOR = [
  ['加上 --allow-unknown 可将这些列原样复制到结果中。', '勾选“复制非字段列”可将这些列原样复制到结果中。'],
  [/`spacescore template [^`]+` 可生成表头/g, '本页的“模板”可生成表头'],
];
const MAX_ROWS = 20000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-district-'));
let browser;
let manifest;
before(async () => {
  const made = spawnSync(FIXTURES, [dir], { encoding: 'utf8' });
  assert.equal(made.status, 0, `spacescore-fixtures: ${made.stderr}`);
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `spacescore` with `args` in the fixtures' folder (so that its messages name a file
 * as the page does, by its name): { code, out, err }. `batch` speaks Chinese, as the page
 * does first; the rest (templates with ids, to fill in by id) English. */
function cli(args) {
  const lang = args[0] === 'batch' ? 'zh' : 'en';
  const r = spawnSync(CLI, ['--lang', lang, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The CLI's message for a refused file, as the page words it. */
function asPage(err) {
  let m = err.replace(/^spacescore 出错：/, '').trimEnd();
  for (const [from, to] of DOOR) m = m.replaceAll(from, to);
  return m;
}

/** Parses CSV text (RFC 4180) into rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** The district page with rubric `id` loaded. */
async function district(id, options = {}) {
  const opened = await openPage(browser, null, options);
  await opened.page.goto(siteUrl(`district/?rubric=${id}`));
  await opened.page.waitForSelector('html[data-live]');
  await opened.page.waitForFunction((want) => location.search.includes(`rubric=${want}`) && document.querySelector('#rubric-name') && !document.querySelector('#rubric-loading'), id);
  return opened;
}

/** Gives the page `file` and waits until it has read it (a table or a refusal). */
async function give(page, file) {
  await page.setInputFiles('#batch-file', file);
  await page.waitForFunction((name) => document.querySelector('#file-name')?.textContent === name && (document.querySelector('#file-refused') || document.querySelector('#file-summary')), path.basename(file));
}

async function waitRead(page) {
  await page.waitForFunction(() => document.querySelector('#file-refused') || document.querySelector('#file-summary'));
}

/** Downloads what clicking `selector` offers: its bytes. */
async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Asserts the page shows what `spacescore batch` printed for the same file. */
async function sameAsCli(page, name, run) {
  if (run.code !== 0) {
    assert.ok(await page.$('#file-refused'), `${name}: refused, as the CLI did:\n${run.err}`);
    assert.equal(await page.textContent('#file-message'), asPage(run.err), `${name}: the CLI's message`);
    assert.equal(await page.$('#results'), null, `${name}: no table`);
    return;
  }
  const refused = await page.$('#file-message');
  assert.equal(refused, null, `${name}: the CLI scored it, the page says: ${refused && (await refused.textContent())}`);
  const lines = run.err.trimEnd().split('\n');
  assert.equal(await page.textContent('#file-summary'), lines.at(-1), `${name}: the summary line`);
  const notes = await page.$$eval('#file-notes li', (els) => els.map((e) => e.textContent));
  assert.deepEqual(notes, lines.slice(0, -1), `${name}: notes and row problems`);
  // Every row's total in the table is the CLI's.
  const [header, ...rows] = parseCsv(run.out);
  const at = (h) => header.indexOf({ row: '行', total: '总分', problem: '未评分原因' }[h]);
  const shown = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => ({
    row: tr.dataset.row,
    total: tr.querySelector('[data-col="total"]')?.dataset.value ?? null,
    problem: tr.querySelector('[data-col="problem"]')?.textContent ?? null,
  })));
  assert.equal(shown.length, rows.length, `${name}: one table row per result row`);
  for (const [i, r] of rows.entries()) {
    assert.equal(shown[i].row, r[at('row')], `${name}: row numbers`);
    if (r[at('problem')] !== '') {
      assert.ok(shown[i].problem.includes(r[at('problem')]), `${name}: row ${r[0]}'s problem`);
    } else if (at('total') >= 0) {
      assert.equal(shown[i].total, r[at('total')], `${name}: row ${r[0]}'s total`);
    }
  }
  // The download is the CLI's output, after a byte-order mark for Excel.
  const csv = await download(page, '#download-csv');
  assert.ok(csv.bytes.subarray(0, 3).equals(BOM), `${name}: a UTF-8 byte-order mark`);
  assert.equal(csv.bytes.subarray(3).toString('utf8'), run.out, `${name}: the CSV download is the CLI's output`);
}

/** axe-core's violations on the page as it is, each as one line (the page must have axe). */
async function violations(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      resultTypes: ['violations'],
      rules: { 'target-size': { enabled: true }, 'duplicate-id': { enabled: true }, 'duplicate-id-active': { enabled: true } },
    });
    return r.violations.map((x) => `${x.id} (${x.impact}): ${x.help} — ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Writes, for the subject rubric, a JSON input of seed `seed`'s figures (`name`), and an
 * applicant's filing made from it by `spacescore score --xlsx` (`filing-SEED.xlsx`). */
function filings(seeds) {
  const d = api.describe(manifest.rubric);
  for (const seed of seeds) {
    fs.writeFileSync(path.join(dir, `export-${seed}.json`), JSON.stringify(figures(d, seed)));
    const made = cli(['score', manifest.rubric, `export-${seed}.json`, '--xlsx', '--name', `空间${seed}`, '-o', `filing-${seed}.xlsx`]);
    assert.equal(made.code, 0, made.err);
  }
}

/** A CSV file of `n` spaces for the subject rubric (two of its fields filled). */
function bigFile(name, n) {
  const [a, b] = manifest.fields;
  const lines = [`name,${a},${b}`];
  for (let i = 0; i < n; i++) lines.push(`空间${i},${(i * 37) % 5000},${i % 60}`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Slows the page's processor `rate` times (1: full speed), so that a run can be seen. */
async function throttle(ctx, page, rate) {
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** Waits until the page is scoring the file `name` and knows its rows. */
async function scoringOf(page, name) {
  await page.waitForFunction((n) => document.querySelector('#file-name')?.textContent === n && document.querySelector('#progress-bar[max]'), name);
}

/** Gives the page several files and waits until it has scored them. */
async function giveAll(page, files) {
  await page.setInputFiles('#batch-file', files);
  await page.waitForFunction((names) => names.every((n) => document.querySelector('#file-name')?.textContent.includes(n)) && (document.querySelector('#file-refused') || document.querySelector('#file-summary')), files.map((f) => path.basename(f)));
}

describe('the district page', () => {
  test('several files at once (filings, a JSON export, a refused file) make the table batch makes; the refused one is named', async () => {
    filings([3, 11, 29]);
    const typo = manifest.cases.find((x) => x.name === 'typo').file;
    // The page takes the files in the order of their names, as a shell lists `filing-*`.
    const good = ['export-29.json', 'filing-11.xlsx', 'filing-3.xlsx'];
    const { page, ctx, log } = await district(manifest.rubric);
    await giveAll(page, [...good, typo].map((f) => path.join(dir, f)));
    const run = cli(['batch', manifest.rubric, ...good]);
    assert.equal(run.code, 0, run.err);
    // The refused file: named, with what `batch` says of it alone, in the page's language.
    const alone = cli(['batch', manifest.rubric, typo]);
    assert.notEqual(alone.code, 0);
    const refused = await page.$$eval('#files-refused li', (lis) => lis.map((li) => li.textContent));
    assert.equal(refused.length, 1, refused.join('\n'));
    assert.ok(refused[0].includes(typo), refused[0]);
    assert.ok(refused[0].includes(asPage(alone.err)), `${refused[0]}\n---\n${asPage(alone.err)}`);
    // One summary line per file read, as batch prints them.
    const summaries = await page.$$eval('#file-summary p', (ps) => ps.map((p) => p.textContent));
    assert.equal(summaries.length, good.length);
    for (const [i, f] of good.entries()) assert.ok(summaries[i].startsWith(f), summaries[i]);
    // Every row: its file, its row number, its total, as batch writes them.
    const [header, ...rows] = parseCsv(run.out);
    const at = (h) => header.indexOf(h);
    const shown = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => ({
      file: tr.querySelector('[data-col="file"]')?.textContent ?? null,
      row: tr.dataset.row,
      total: tr.querySelector('[data-col="total"]')?.dataset.value ?? null,
    })));
    assert.deepEqual(shown, rows.map((r) => ({ file: r[at('文件')], row: r[at('行')], total: r[at('总分')] })));
    assert.equal(new Set(shown.map((r) => r.file)).size, good.length, 'each file gives its rows');
    const csv = await download(page, '#download-csv');
    assert.equal(csv.bytes.subarray(3).toString('utf8'), run.out, 'the CSV download is batch\'s output');
    assert.deepEqual(log.errors, [], 'no console error');
    await ctx.close();
  });

  test('a big file shows its progress; cancel keeps the table before it; the table scored is batch\'s', async () => {
    const rowsFile = path.join(dir, manifest.cases.find((x) => x.name === 'rows').file);
    const big = bigFile('big.csv', MAX_ROWS);
    const { page, ctx, log } = await district(manifest.rubric);
    await give(page, rowsFile);
    const before = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => tr.outerHTML));
    const summary = await page.textContent('#file-summary');
    // Slowed down, the run is long enough to be seen and cancelled.
    await throttle(ctx, page, 20);
    await page.setInputFiles('#batch-file', big);
    await scoringOf(page, 'big.csv');
    assert.match(await page.textContent('#progress-text'), /已读取 \d+ 行，共 \d+ 行/);
    assert.ok(Number(await page.getAttribute('#progress-bar', 'max')) > 0);
    await page.click('#cancel');
    await page.waitForSelector('#scoring', { state: 'detached' });
    await throttle(ctx, page, 1);
    assert.equal(await page.textContent('#file-name'), path.basename(rowsFile), 'the file before');
    assert.equal(await page.textContent('#file-summary'), summary, 'its summary');
    assert.deepEqual(await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => tr.outerHTML)), before, 'its table');
    // In English the bar says so too; then the file scored to the end is batch's table.
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en' && document.querySelector('#file-summary') && !document.querySelector('#scoring'));
    await throttle(ctx, page, 20);
    await page.setInputFiles('#batch-file', big);
    await scoringOf(page, 'big.csv');
    assert.match(await page.textContent('#progress-text'), /\d+ of \d+ rows read/);
    await throttle(ctx, page, 1);
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang.startsWith('zh') && document.querySelector('#file-summary') && !document.querySelector('#scoring'));
    assert.equal(await page.getAttribute('#results', 'data-rows'), String(MAX_ROWS));
    const run = cli(['batch', manifest.rubric, 'big.csv']);
    assert.equal(run.code, 0, run.err);
    const csv = await download(page, '#download-csv');
    assert.equal(csv.bytes.subarray(3).toString('utf8'), run.out, 'the CSV download is batch\'s output');
    assert.equal(await page.textContent('#file-summary'), run.err.trimEnd().split('\n').at(-1));
    assert.deepEqual(log.errors, [], 'no console error');
    await ctx.close();
  });

  test('axe finds no violation while scoring, with several files, with a refused one, in both languages', async () => {
    filings([5, 7]);
    const typo = path.join(dir, manifest.cases.find((x) => x.name === 'typo').file);
    const big = bigFile('big-axe.csv', MAX_ROWS);
    const found = [];
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await ctx.addInitScript({ content: AXE });
    const { page } = await openPage(browser, null, { context: ctx });
    await page.goto(siteUrl(`district/?rubric=${manifest.rubric}`));
    await page.waitForSelector('#rubric-name');
    for (const lang of ['zh', 'en']) {
      if (!(await page.evaluate(() => document.documentElement.lang)).startsWith(lang)) {
        await page.click('#lang-toggle');
        await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
      }
      await giveAll(page, [path.join(dir, 'filing-5.xlsx'), path.join(dir, 'filing-7.xlsx'), typo]);
      await page.waitForSelector('#files-refused');
      found.push(...(await violations(page)).map((v) => `${lang} several files, one refused: ${v}`));
      await throttle(ctx, page, 20);
      await page.setInputFiles('#batch-file', big);
      await scoringOf(page, 'big-axe.csv');
      found.push(...(await violations(page)).map((v) => `${lang} scoring: ${v}`));
      // Cancelled, unless the run ended while axe looked.
      await page.evaluate(() => document.querySelector('#cancel')?.click());
      await page.waitForSelector('#scoring', { state: 'detached' });
      await throttle(ctx, page, 1);
    }
    await ctx.close();
    assert.equal(found.length, 0, `${found.length} axe violation(s):\n${found.join('\n')}`);
  });

  test('every hostile spreadsheet gives what spacescore batch gives', async () => {
    const outcomes = { scored: 0, refused: 0 };
    const log = { csp: [], errors: [], requests: [] };
    // A page of its own for each file: in one tab, the eleventh download of this loop's
    // automated clicks was often never started by Chromium (every earlier one was), which
    // a person downloading a district's results once or twice does not meet.
    for (const c of manifest.cases) {
      const { page, ctx, log: one } = await district(manifest.rubric);
      const file = path.join(dir, c.file);
      const xlsx = c.file.endsWith('.xlsx');
      const args = [...c.args];
      const allow = args.includes('--allow-unknown');
      if ((await page.isChecked('#allow-unknown')) !== allow) await page.click('#allow-unknown');
      const sheetAt = args.indexOf('--sheet');
      await give(page, file);
      if (sheetAt >= 0 && !xlsx) {
        // The page offers a sheet only for a workbook: the option cannot be given wrong.
        assert.equal(await page.$('#sheet'), null, `${c.name}: no sheet to pick for a CSV file`);
        args.splice(sheetAt, 2);
      } else if (sheetAt >= 0) {
        const options = await page.$$eval('#sheet option', (o) => o.map((x) => x.value));
        assert.deepEqual(options, ['notes', 'spaces'], `${c.name}: the workbook's sheets`);
        await page.selectOption('#sheet', args[sheetAt + 1]);
        await page.waitForFunction(() => document.querySelector('#file-summary')?.textContent.includes('工作表'));
      } else if (xlsx) {
        assert.equal(await page.inputValue('#sheet'), 'notes', `${c.name}: the first sheet is read`);
      }
      await waitRead(page);
      const run = cli(['batch', manifest.rubric, c.file, ...args]);
      await sameAsCli(page, c.name, run);
      outcomes[run.code === 0 ? 'scored' : 'refused'] += 1;
      for (const k of Object.keys(log)) log[k].push(...one[k]);
      await ctx.close();
    }
    assert.ok(outcomes.scored >= 15 && outcomes.refused >= 8, JSON.stringify(outcomes));
    assert.deepEqual(log.csp, [], 'no CSP violation');
    assert.deepEqual(log.errors, [], 'no console error');
    const origins = new Set(log.requests.map((u) => new URL(u).origin));
    assert.deepEqual([...origins], [new URL(siteUrl()).origin], 'nothing leaves the site');
  });

  test('a file dropped on the page is read like a chosen one; the workbook downloads as the CLI writes it', async () => {
    const { page, ctx } = await district(manifest.rubric);
    const c = manifest.cases.find((x) => x.name === 'district xlsx');
    const bytes = fs.readFileSync(path.join(dir, c.file));
    const transfer = await page.evaluateHandle(({ data, name }) => {
      const t = new DataTransfer();
      t.items.add(new File([new Uint8Array(data)], name));
      return t;
    }, { data: [...bytes], name: c.file });
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer });
    assert.ok(await page.$('.app.dragging'), 'the page shows where to drop');
    await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
    await page.waitForSelector('#sheet');
    await page.selectOption('#sheet', 'spaces');
    await page.waitForFunction(() => document.querySelector('#file-summary')?.textContent.includes('工作表'));
    await sameAsCli(page, 'dropped workbook', cli(['batch', manifest.rubric, c.file, ...c.args]));
    // The .xlsx download is a workbook the CLI's reader opens, with the three sheets.
    const x = await download(page, '#download-xlsx');
    assert.equal(x.name, 'district-scores.xlsx');
    const saved = path.join(dir, 'from-page.xlsx');
    fs.writeFileSync(saved, x.bytes);
    const sheets = cli(['batch', manifest.rubric, 'from-page.xlsx', '--sheet', 'none']);
    assert.equal(sheets.code, 2, sheets.err);
    assert.match(sheets.err, /它的工作表：评分结果, 各项得分, 字段错误, 汇总/);
    await ctx.close();
  });

  test('every rubric: the table, an opened space and the download equal the CLI', async () => {
    for (const id of IDS) {
      const d = api.describe(id);
      const header = cli(['template', id]).out.trim().split(',');
      const cell = (v) => (v === undefined ? '' : v === true ? '是' : v === false ? '否' : Array.isArray(v) ? v.join('、') : String(v));
      const quote = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      const lines = [header.join(',')];
      for (const seed of [3, 11, 29]) {
        const f = figures(d, seed);
        lines.push(header.map((h) => quote(h === 'name' ? `空间${seed}` : cell(f[h]))).join(','));
      }
      const file = path.join(dir, `${id.replace('/', '-')}.csv`);
      fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
      const { page, ctx, log } = await district(id);
      await give(page, file);
      const run = cli(['batch', id, path.basename(file)]);
      assert.equal(run.code, 0, `${id}: ${run.err}`);
      await sameAsCli(page, id, run);
      if (d.method !== 'form') {
        // The charts' numbers against the table: every total in one band, the average of
        // the table's totals (half away from zero, two places), the spaces per grade.
        const rowsShown = await page.$$eval('#results tbody tr:not(.not-scored)', (trs) => trs.map((tr) => ({
          total: tr.querySelector('[data-col="total"]').dataset.value,
          grade: tr.querySelector('[data-col="grade"]').textContent,
        })));
        const bands = await page.$$eval('#totals-chart g.bar', (gs) => gs.map((g) => Number(g.dataset.value)));
        assert.equal(bands.length, 10, `${id}: ten bands`);
        assert.equal(bands.reduce((a, b) => a + b, 0), rowsShown.length, `${id}: every space in a band`);
        const thousandths = rowsShown.reduce((a, r) => a + Math.round(Number(r.total) * 1000), 0);
        const mean = String(Math.round(thousandths / rowsShown.length / 10) / 100);
        assert.ok((await page.textContent('#charts-summary')).includes(`平均 ${mean} 分`), `${id}: the average ${mean}`);
        const grades = {};
        for (const r of rowsShown) if (r.grade) grades[r.grade] = (grades[r.grade] ?? 0) + 1;
        const drawn = Object.fromEntries(await page.$$eval('#grades-chart g.bar', (gs) => gs.map((g) => [g.dataset.label, Number(g.dataset.value)])));
        assert.deepEqual(drawn, grades, `${id}: spaces per grade`);
      }

      // Open the second space: the item cards show the CLI's item scores, read-only.
      const [h, , second] = parseCsv(run.out);
      await page.click('#results tbody tr[data-row="3"] button.open-space');
      await page.waitForSelector('#space');
      assert.equal(await page.getAttribute('#space', 'data-space-row'), '3');
      const items = await page.$$eval('#space article[data-item]', (els) => Object.fromEntries(els.map((e) => [e.dataset.item, e.querySelector('.item-score').dataset.score])));
      assert.equal(Object.keys(items).length, d.items.length, `${id}: every item card`);
      for (const item of d.items) {
        // In Chinese an item's column is headed by its name, or by its id where two share one.
        const column = h.includes(item.name) ? item.name : item.id;
        assert.equal(items[item.id], second[h.indexOf(column)], `${id}: ${item.id}`);
      }
      if (d.method !== 'form') {
        assert.equal(await page.textContent('#score-total'), second[h.indexOf('总分')], `${id}: the summary's total`);
      }
      assert.ok(await page.$('#space fieldset.read-only[disabled]'), `${id}: read-only`);
      const anInput = await page.$('#space fieldset input');
      if (anInput) assert.ok(await anInput.isDisabled(), `${id}: inputs are disabled`);
      await page.click('#back');
      await page.waitForSelector('#results');
      assert.deepEqual(log.errors, [], `${id}: no console error`);
      await ctx.close();
    }
  });

  test('the table sorts by a column, both ways, rows without a score last', async () => {
    const { page, ctx } = await district(manifest.rubric);
    await give(page, path.join(dir, manifest.cases.find((x) => x.name === 'rows').file));
    const order = () => page.$$eval('#results tbody tr', (trs) => trs.map((tr) => tr.dataset.row));
    const totals = () => page.$$eval('#results tbody tr', (trs) => trs.map((tr) => tr.querySelector('[data-col="total"]')?.dataset.value ?? null));
    assert.deepEqual(await order(), ['2', '3', '4', '5'], 'file order at first');
    await page.click('#sort-total');
    assert.equal(await page.getAttribute('th[data-col="total"]', 'aria-sort'), 'descending');
    const down = await totals();
    const numbers = down.filter((t) => t !== null).map(Number);
    assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a), 'highest first');
    assert.deepEqual(down.slice(numbers.length), [null, null], 'unscored rows last');
    await page.click('#sort-total');
    assert.equal(await page.getAttribute('th[data-col="total"]', 'aria-sort'), 'ascending');
    const up = (await totals()).filter((t) => t !== null).map(Number);
    assert.deepEqual(up, [...up].sort((a, b) => a - b), 'lowest first');
    await page.click('#sort-errors');
    const first = await order();
    assert.ok(['4', '5'].includes(first[0]), 'a row that cannot be scored has the most wrong with it');
    await page.click('#sort-row');
    assert.deepEqual(await order(), ['2', '3', '4', '5']);
    await ctx.close();
  });

  test('a rubric file is checked by the same checker, only when opened, and scores like the CLI', async () => {
    const example = path.join(root, 'docs/examples/shili.toml');
    const loaded = api.load(fs.readFileSync(example, 'utf8'), 'shili.toml');
    const exampleId = Array.isArray(loaded) ? loaded[0] : loaded;
    const d = api.describe(exampleId);
    const { page, ctx, log } = await district(manifest.rubric);
    assert.deepEqual(log.requests.filter((u) => u.includes('/pkg/')), [], 'no checker before a rubric file');
    await page.setInputFiles('#rubric-file', example);
    await page.waitForSelector('#opened-badge', { timeout: 20000 });
    assert.equal(await page.textContent('#rubric-name'), d.name);
    assert.ok(log.requests.some((u) => u.endsWith('/pkg/spacescore_bg.wasm')), 'the checker was loaded for it');
    const header = cli(['template', '--rubric', example, exampleId]).out.trim().split(',');
    const f = figures(d, 5);
    const cell = (v) => (v === undefined ? '' : v === true ? '是' : v === false ? '否' : Array.isArray(v) ? v.join('、') : String(v));
    const file = path.join(dir, 'example.csv');
    fs.writeFileSync(file, `${header.join(',')}\n${header.map((h) => (h === 'name' ? '示例空间' : cell(f[h]))).join(',')}\n`);
    await give(page, file);
    await sameAsCli(page, 'example rubric', cli(['batch', '--rubric', example, exampleId, 'example.csv']));

    // A rubric file with a problem lists it, and the file is not opened.
    const broken = path.join(dir, 'broken.toml');
    fs.writeFileSync(broken, fs.readFileSync(example, 'utf8').replace(/^id = .*$/m, 'id = "../x"'));
    await page.setInputFiles('#rubric-file', broken);
    await page.waitForSelector('#file-problems');
    assert.equal(await page.textContent('#rubric-name'), d.name, 'the rubric in use stays');
    await ctx.close();
  });

  test(`a file of more than ${MAX_ROWS} spaces is refused with its row, nothing half shown`, async () => {
    const [a] = manifest.fields;
    const lines = [`name,${a}`];
    for (let i = 0; i <= MAX_ROWS; i++) lines.push(`空间${i},${i % 50}`);
    const file = path.join(dir, 'huge.csv');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const { page, ctx } = await district(manifest.rubric);
    await give(page, file);
    assert.match(await page.textContent('#file-message'), new RegExp(`第 ${MAX_ROWS + 2} 行：此文件要评分的行数超过 ${MAX_ROWS} 行`));
    assert.equal(await page.$('#results'), null);
    await ctx.close();
  });

  test(`${MAX_ROWS} spaces: the table draws the rows in view and sorts them, highest first (times are the bench's, not asserted here)`, async () => {
    const file = bigFile('twenty-thousand.csv', MAX_ROWS);
    const { page, ctx } = await district(manifest.rubric);
    await page.evaluate(() => {
      window.longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await give(page, file);
    await page.waitForSelector('#results');
    assert.equal(await page.getAttribute('#results', 'data-rows'), String(MAX_ROWS));
    const drawn = await page.$$eval('#results tbody tr:not(.spacer)', (trs) => trs.length);
    assert.ok(drawn > 0 && drawn <= 100, `only the rows in view are drawn: ${drawn}`);
    const read = await page.evaluate(() => window.longest);
    // Sorting: from the click to the table's first row being the highest total.
    const sortMs = await page.evaluate(async () => {
      const t = performance.now();
      document.querySelector('#sort-total').click();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t;
    });
    const totals = await page.$$eval('#results tbody tr:not(.spacer) [data-col="total"]', (tds) => tds.map((t) => Number(t.dataset.value)));
    assert.deepEqual(totals, [...totals].sort((x, y) => y - x), 'highest first');
    // Scrolled to the end, the last rows are drawn.
    await page.$eval('.table-scroll', (el) => { el.scrollTop = el.scrollHeight; });
    await page.waitForFunction((n) => [...document.querySelectorAll('#results tbody tr:not(.spacer)')].length > 0
      && document.querySelector('#results tbody tr:last-child:not(.spacer)') !== null, MAX_ROWS);
    console.log(`district, ${MAX_ROWS} rows: longest task while reading ${read.toFixed(0)} ms; sort ${sortMs.toFixed(0)} ms`);
    await ctx.close();
  });

  test('found from the site; results on the first screen at 1280×800; at 375 px the table scrolls in its box', async () => {
    // The front page and a rubric's page link to the district page (the rubric's with it).
    for (const [url, live, want] of [['index.html', null, null], [`r/${IDS[0]}/`, 'html[data-live]', IDS[0]]]) {
      const { page, ctx } = await openPage(browser, null);
      await page.goto(siteUrl(url));
      if (live) await page.waitForSelector(live);
      await Promise.all([page.waitForURL(/\/district\//), page.click('#district-link')]);
      await page.waitForSelector('html[data-live]');
      await page.waitForFunction(() => document.querySelector('#rubric-name') && !document.querySelector('#rubric-loading'));
      if (want) assert.ok(page.url().includes(`rubric=${want}`), `${url}: ${page.url()}`);
      await ctx.close();
    }
    const [a, b] = manifest.fields;
    const file = path.join(dir, 'thirty.csv');
    fs.writeFileSync(file, [`name,${a},${b}`, ...Array.from({ length: 30 }, (_, i) => `示例市高新区第${i}号众创空间有限公司,${i * 100},${i}`)].join('\n') + '\n');
    for (const [width, height] of [[1280, 800], [375, 740]]) {
      const { page, ctx } = await district(manifest.rubric, { width, height });
      await give(page, file);
      const m = await page.evaluate(() => {
        const box = document.querySelector('.table-scroll');
        const first = document.querySelector('#results tbody tr').getBoundingClientRect();
        const name = document.querySelector('#results tbody td[data-col="name"]').getBoundingClientRect();
        return { firstBottom: first.bottom, page: document.documentElement.scrollWidth, box: [box.scrollWidth, box.clientWidth], name: [name.width, name.height] };
      });
      if (width === 1280) {
        assert.ok(m.firstBottom <= height, `the first result is on the first screen: ${JSON.stringify(m)}`);
      } else {
        assert.ok(m.page <= width, `the page does not scroll sideways: ${JSON.stringify(m)}`);
        assert.ok(m.box[0] > m.box[1], `the table scrolls inside its box: ${JSON.stringify(m)}`);
        assert.ok(m.name[0] >= 100, `a name keeps its width: ${JSON.stringify(m)}`);
      }
      await ctx.close();
    }
  });

  test('the self-check pages never load the district page', async () => {
    // The front page (a prerendered list) and a rubric's page, once its app is live.
    for (const [url, live] of [['index.html', null], [`r/${IDS[0]}/`, 'html[data-live]']]) {
      const { page, ctx, log } = await openPage(browser, null);
      await page.goto(siteUrl(url));
      if (live) await page.waitForSelector(live);
      await page.waitForLoadState('networkidle');
      assert.ok(log.requests.length > 1, `${url}: requests are seen`);
      assert.deepEqual(log.requests.filter((u) => u.includes('/district/')), [], url);
      await ctx.close();
    }
  });

  test('axe finds no accessibility violation in any state, in either language, at 1280 and 375 px', async () => {
    const found = [];
    for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
      const ctx = await browser.newContext({ viewport, acceptDownloads: true });
      // Injected through the DevTools protocol, not as a script of the page: the CSP stays.
      await ctx.addInitScript({ content: AXE });
      const { page } = await openPage(browser, null, { context: ctx });
      await page.goto(siteUrl(`district/?rubric=${manifest.rubric}`));
      await page.waitForSelector('#rubric-name');
      const audit = async (where) => {
        found.push(...(await violations(page)).map((x) => `${viewport.width}px ${where}: ${x}`));
      };
      for (const lang of ['zh', 'en']) {
        if ((await page.evaluate(() => document.documentElement.lang)).startsWith(lang) === false) {
          await page.click('#lang-toggle');
          await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
        }
        await audit(`${lang} empty`);
        await give(page, path.join(dir, manifest.cases.find((x) => x.name === 'typo').file));
        await audit(`${lang} refused`);
        await give(page, path.join(dir, manifest.cases.find((x) => x.name === 'rows').file));
        await page.click('#sort-total');
        await audit(`${lang} table`);
        await page.click('#results tbody tr[data-row="3"] button.open-space');
        await page.waitForSelector('#space');
        await page.evaluate(() => document.querySelectorAll('#space details').forEach((d) => { d.open = true; }));
        await page.waitForFunction(() => [...document.querySelectorAll('#space details.source')].every((d) => d.querySelector('blockquote')));
        await audit(`${lang} space`);
        await page.click('#back');
      }
      await ctx.close();
    }
    assert.equal(found.length, 0, `${found.length} axe violation(s):\n${found.join('\n')}`);
  });
});
