// End-to-end tests of rubrics as files (issue: open rubrics): the page fetches only the
// rubric it shows; a person opens a rubric file (picker or drag and drop), which is checked
// in the browser by a checker loaded only then, marked as not built in, kept for the next
// visit, and scored exactly as the core scores it; a file with problems lists them; a share
// link for a rubric file not opened here keeps its figures until it is; and a rubric
// published on a copy of the site with `spacescore publish` appears with no code change.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath as toPath } from 'node:url';
import {
  launch, openPage, ready, siteUrl, text, figures, enter, shownScores, coreScores, serveDir, copyDir,
} from './lib.mjs';

const here = path.dirname(toPath(import.meta.url));
const root = path.resolve(here, '../..');
const PKG = path.resolve(process.env.SPACESCORE_PKG || path.join(root, 'dist/pkg'));
const DIST = path.dirname(PKG);
const CLI = path.resolve(process.env.SPACESCORE_CLI || path.join(root, 'target/debug/spacescore'));
const api = createRequire(import.meta.url)(path.join(PKG, 'node/spacescore.js'));

// The example rubric of docs/: not built in, written as data only.
const EXAMPLE = path.join(root, 'docs/examples/shili.toml');
const exampleText = fs.readFileSync(EXAMPLE, 'utf8');
const loaded = api.load(exampleText, 'shili.toml');
const EXAMPLE_ID = Array.isArray(loaded) ? loaded[0] : loaded;
const example = api.describe(EXAMPLE_ID);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const bins = (log) => log.requests.filter((u) => /\/rubrics\/.*\.bin$/.test(u)).map((u) => new URL(u).pathname);
const checkerRequests = (log) => log.requests.filter((u) => new URL(u).pathname.includes('/pkg/'));

/** Writes `text` to a temporary file named `name`; its path. */
function tempFile(name, text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-page-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function openExample(page) {
  await page.setInputFiles('#rubric-file', EXAMPLE);
  await page.waitForSelector('#opened-badge', { timeout: 20000 });
}

describe('rubrics as files, in the page', () => {
  test('the page fetches the one rubric it shows, and the checker never', async () => {
    const { page, ctx, log } = await openPage(browser, siteUrl('index.html?rubric=xinxiang/professional'));
    assert.deepEqual(bins(log), ['/rubrics/xinxiang/professional.bin']);
    assert.ok(log.requests.some((u) => u.endsWith('/rubrics/index.json')));
    const other = api.describe('ningxia/incubator');
    await page.selectOption('#pick-region', other.region);
    await page.waitForFunction(() => location.pathname.includes('/r/ningxia/'));
    await ready(page);
    const fetched = bins(log);
    assert.equal(fetched.length, 2, fetched.join(' '));
    assert.ok(fetched[1].startsWith('/rubrics/ningxia/'), fetched[1]);
    assert.deepEqual(checkerRequests(log), [], 'the checker loads only for a rubric file');
    assert.deepEqual(log.errors, []);
    await ctx.close();
  });

  test('a rubric file opened from the picker is checked here, marked, scored like the core, and kept', async () => {
    const { page, ctx, log } = await openPage(browser, siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    await openExample(page);
    assert.ok(checkerRequests(log).some((u) => u.endsWith('.wasm')), 'the checker was loaded for it');
    assert.equal(await text(page, '#rubric-name'), example.name);
    assert.match(await text(page, '#opened-badge'), /不是本站内置的评价表/);
    assert.match(await text(page, '#opened-badge'), new RegExp(example.hash.slice(0, 12)));
    assert.match(await text(page, '#doc-title'), new RegExp(example.title.replace(/[()（）]/g, '.')));
    await page.waitForFunction((id) => location.search.includes(`rubric=${id}`), EXAMPLE_ID);
    const inputs = figures(example, 3);
    await enter(page, inputs);
    const core = api.score(EXAMPLE_ID, inputs);
    await page.waitForFunction((t) => document.querySelector('#score-total')?.textContent === t, core.total ?? '');
    assert.deepEqual(await shownScores(page), coreScores(core));
    // A reload shows it again, from this browser, with the figures: no upload, no checker.
    const before = log.requests.length;
    await page.reload();
    await ready(page);
    assert.equal(await text(page, '#rubric-name'), example.name);
    assert.ok(await page.$('#opened-badge'));
    assert.equal(await text(page, '#score-total'), core.total);
    const after = log.requests.slice(before);
    assert.deepEqual(after.filter((u) => /\.bin$|\/pkg\//.test(u)), [], 'read from this browser');
    assert.deepEqual(log.errors, []);
    await ctx.close();
  });

  test('a rubric file with problems lists them by line and place, and nothing else changes', async () => {
    const broken = exampleText.replace(/\[\[items\.terms\]\]\nkind = "per"\n/, '[[items.terms]]\nkind = "per"\nmax = "3"\n');
    assert.notEqual(broken, exampleText);
    const line = broken.split('\n').indexOf('max = "3"') + 1;
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    await page.setInputFiles('#rubric-file', tempFile('broken.toml', broken));
    await page.waitForSelector('#file-problems');
    const problems = await text(page, '#file-problems');
    assert.match(problems, new RegExp(`broken\\.toml:${line} 指标 [a-z-]+，第 \\d 条规则，键 max`), problems);
    assert.equal(await text(page, '#rubric-name'), api.describe('inner-mongolia/maker-space').name);
    assert.equal(await page.$('#opened-badge'), null);
    await ctx.close();
  });

  test('a hostile rubric file: its text is shown as text and nothing runs', async () => {
    const hostile = exampleText.replace(
      /source_text = "/,
      'source_text = "<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>',
    );
    const { page, ctx, log } = await openPage(browser, siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    await page.setInputFiles('#rubric-file', tempFile('hostile.toml', hostile));
    await page.waitForSelector('#opened-badge');
    await page.click('article[data-item] details.source summary');
    const quoted = await page.textContent('article[data-item] details.source blockquote');
    assert.ok(quoted.startsWith('<img src=x onerror='), quoted);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.$('article[data-item] details.source img'), null);
    assert.deepEqual(log.errors, []);
    await ctx.close();
  });

  test('a rubric file dropped on the page opens the same way', async () => {
    const { page, ctx } = await openPage(browser, siteUrl('index.html?rubric=inner-mongolia/maker-space'));
    const transfer = await page.evaluateHandle((source) => {
      const dt = new DataTransfer();
      dt.items.add(new File([source], 'shili.toml', { type: 'text/plain' }));
      return dt;
    }, exampleText);
    await page.dispatchEvent('.app', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
    await page.waitForSelector('#opened-badge');
    assert.equal(await text(page, '#rubric-name'), example.name);
    await ctx.close();
  });

  test('figures shared for a rubric file not opened here are kept until it is', async () => {
    const field = example.items.flatMap((i) => i.inputs).find((i) => i.kind === 'count').field;
    const work = { format: 'spacescore/1', rubric: EXAMPLE_ID, rubric_version: example.version, rubric_hash: example.hash, values: { [field]: '7' } };
    const fragment = Buffer.from(JSON.stringify(work)).toString('base64url');
    const { page, ctx } = await openPage(browser, siteUrl(`index.html?rubric=inner-mongolia/maker-space#d=${fragment}`));
    const notice = await text(page, '#notices');
    assert.match(notice, new RegExp(EXAMPLE_ID.replace('/', '\\/')));
    assert.match(notice, new RegExp(example.hash.slice(0, 12)));
    await openExample(page);
    await page.waitForSelector('.notice .notice-action');
    await page.click('.notice .notice-action');
    await page.waitForFunction(([id, v]) => document.getElementById(id)?.value === v, [`f-${field}`, '7']);
    await ctx.close();
  });
});

describe('a copy of the site with a rubric published on it', () => {
  let site;
  let server;
  before(async () => {
    site = fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-site-'));
    copyDir(DIST, site);
    const r = spawnSync(CLI, ['publish', site, EXAMPLE], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    fs.copyFileSync(EXAMPLE, path.join(site, 'shili.toml'));
    server = await serveDir(site);
  });
  after(async () => { await server?.close(); });

  test('lists it and scores it with no code change', async () => {
    const index = JSON.parse(fs.readFileSync(path.join(site, 'rubrics/index.json'), 'utf8'));
    assert.ok(index.some((e) => e.id === EXAMPLE_ID && e.hash === example.hash));
    const { page, ctx, log } = await openPage(browser, `${server.url}index.html?rubric=${EXAMPLE_ID}`);
    assert.equal(await text(page, '#rubric-name'), example.name);
    assert.equal(await page.$('#opened-badge'), null, 'published on the site, so one of its own');
    assert.ok(await page.$(`#pick-region option[value="${example.region}"]`));
    const inputs = figures(example, 9);
    await enter(page, inputs);
    const core = api.score(EXAMPLE_ID, inputs);
    await page.waitForFunction((t) => document.querySelector('#score-total')?.textContent === t, core.total ?? '');
    assert.deepEqual(await shownScores(page), coreScores(core));
    assert.deepEqual(bins(log), [`/rubrics/${EXAMPLE_ID}.bin`]);
    await ctx.close();
  });

  test('an iframe with rubric-src on its own origin shows that rubric file', async () => {
    const origin = new URL(server.url).origin;
    const url = `${server.url}index.html?embed=1&rubric-src=/shili.toml&parent=${encodeURIComponent(origin)}`;
    const { page, ctx, log } = await openPage(browser, url);
    assert.equal(await text(page, '#rubric-name'), example.name);
    assert.ok(await page.$('#opened-badge'));
    assert.deepEqual(log.errors, []);
    await ctx.close();
  });

  test('rubric-src on another origin is refused with a message, not a blank page', async () => {
    const url = `${server.url}index.html?embed=1&rubric-src=${encodeURIComponent('https://elsewhere.example/x.toml')}`;
    const { page, ctx } = await openPage(browser, null);
    await page.goto(url);
    await page.waitForSelector('.fatal');
    assert.match(await text(page, '.fatal'), /rubric-src must be on this widget's origin or the parent's/);
    await ctx.close();
  });
});
