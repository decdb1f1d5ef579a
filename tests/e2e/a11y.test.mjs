// Accessibility, checked by a tool nobody here wrote: axe-core (npm) runs in Chromium on
// every rubric page, in Chinese and in English, at 1280 and 375 px, with an input error
// showing; on the front page and the prerendered pages before the app takes over; and on
// the states that add markup (a rubric file opened here and one with problems, notices, the
// share box, the reset question, the print view, the embed). Every rule axe runs by
// default (WCAG 2.0–2.2 A/AA and its best practices) must report no violation; none is
// disabled.
// Three rules axe leaves off by default are turned on: `target-size` (WCAG 2.2 AA 2.5.8,
// which matters at 375 px), and `duplicate-id` and `duplicate-id-active` (retired with WCAG
// 2.2's 4.1.1, but a label's `for` and the skip link still need ids that are unique). The
// AAA contrast rule (`color-contrast-enhanced`) stays off: the page aims at AA.
//
// axe is injected with `addInitScript`, which the browser runs through the DevTools protocol
// as part of the page's setup, not as a script of the page: the page's strict CSP (no inline
// script, no eval) stays in force for everything the page itself does, so the audit sees the
// page exactly as a visitor gets it, and a CSP violation would still be caught below.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath as toPath } from 'node:url';
import { launch, ready, siteUrl, inputId, figures, enter, pageFields, audit, assertClean } from './lib.mjs';

const here = path.dirname(toPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const PKG = path.resolve(process.env.SPACESCORE_PKG || path.join(root, 'dist/pkg'));
const api = require(path.join(PKG, 'node/spacescore.js'));
const IDS = api.rubrics().filter((r) => r.builtin).map((r) => r.id);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const EXAMPLE = path.join(root, 'docs/examples/shili.toml');

const SIZES = { 1280: { width: 1280, height: 900 }, 375: { width: 375, height: 812 } };

// Saved work for every rubric (valid figures in every field, vetoes answered), as the page
// saves it: a page opened with it shows a filled form, as after a reload, without typing
// hundreds of figures first (page.test.mjs types them).
const SEEDS = Object.fromEntries(IDS.map((id) => {
  const d = api.describe(id);
  const work = { format: 'spacescore/1', rubric: id, rubric_version: d.version, rubric_hash: d.hash, values: figures(d) };
  return [`spacescore/1/work/${id}`, JSON.stringify(work)];
}));

/** Runs in the page before its scripts: puts the saved work in local storage. */
function seedWork(seeds) {
  try {
    for (const [key, value] of Object.entries(seeds)) localStorage.setItem(key, value);
  } catch {
    // about:blank has no storage; the site's pages have.
  }
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A context of the given width with axe in every document it opens; it records console
 * errors and CSP reports. */
async function context(width, { seed = false } = {}) {
  const ctx = await browser.newContext({ viewport: SIZES[width] });
  await ctx.addInitScript({ content: AXE });
  if (seed) await ctx.addInitScript(seedWork, SEEDS);
  const page = await ctx.newPage();
  const log = { errors: [], csp: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (/Content.Security.Policy|Refused to/i.test(m.text())) log.csp.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  return { ctx, page, log };
}

/** The page's language: switches with the toggle and waits until the page has followed. */
async function toggleLanguage(page) {
  const before = await page.evaluate(() => document.documentElement.lang);
  await page.click('#lang-toggle');
  await page.waitForFunction((b) => document.documentElement.lang !== b, before);
  return page.evaluate(() => document.documentElement.lang);
}

/** Opens every disclosure (quotations, interpretations, rules), so that what they draw is
 * audited too, and waits until the quotations are drawn. */
async function openDisclosures(page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.waitForFunction(() =>
    [...document.querySelectorAll('details.source')].every((d) => d.querySelector('blockquote')));
}

/** The first count field of a rubric's page. */
function firstCount(d) {
  return [...pageFields(d).values()].find((f) => f.kind === 'count');
}

/** A count field of the page, typed with something that is not a number; waits for its
 * message. */
async function showError(page, d) {
  const count = firstCount(d);
  await page.fill(inputId(count.field), '3.5场');
  await page.waitForSelector(`${inputId(count.field)}-error:not([hidden])`);
}

// Two tests at a time, each in its own browser context: the audits keep both cores busy.
describe('accessibility (axe-core)', { concurrency: 2 }, () => {
  // At 1280 px the form is filled in (caps, figures, vetoes answered) and every disclosure
  // is open; at 375 px it is as a newcomer finds it, empty but for the error. One context
  // per width serves every rubric: each rubric keeps its own figures.
  for (const width of [1280, 375]) {
    test(`every rubric page, both languages, ${width} px, with an error showing`, async () => {
      const { ctx, page, log } = await context(width, { seed: width === 1280 });
      const found = [];
      for (const id of IDS) {
        const d = api.describe(id);
        await page.goto(siteUrl(`r/${id}/`));
        await ready(page);
        if (width === 1280) {
          const { field } = firstCount(d);
          assert.equal(await page.inputValue(inputId(field)), figures(d)[field], `${id}: the saved figures are shown`);
        }
        await showError(page, d);
        if (width === 1280) await openDisclosures(page);
        for (let i = 0; i < 2; i++) {
          const lang = await page.evaluate(() => document.documentElement.lang);
          found.push(...(await audit(page, `${id} ${lang} ${width}px`)));
          await toggleLanguage(page);
        }
      }
      assert.deepEqual(log.errors, []);
      assert.deepEqual(log.csp, []);
      assertClean(found);
      await ctx.close();
    });
  }

  test('the front page, and every rubric page as prerendered, before the app takes over', async () => {
    const found = [];
    for (const width of [1280, 375]) {
      const { ctx, page, log } = await context(width);
      // The app's module is held back and never arrives: the page stays as it was served,
      // as a person on a slow connection meets it.
      await page.route('**/spacescore_web.js', () => {});
      await page.goto(siteUrl(''));
      assert.ok(await page.$('.landing-list'), 'the front page lists the rubrics');
      found.push(...(await audit(page, `front page ${width}px`)));
      // The prerendered pages at phone width, where a slow connection is likeliest (their
      // markup is the app's own, audited at both widths above).
      for (const id of width === 375 ? IDS : []) {
        await page.goto(siteUrl(`r/${id}/`), { waitUntil: 'domcontentloaded' });
        await page.waitForSelector('#summary');
        assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-live')), false, id);
        found.push(...(await audit(page, `${id} prerendered ${width}px`)));
        // Then scored by the first module, the app still away: figures that cap items, an
        // error, the advice marked as waiting. The figures are set at once and announced by
        // one input event (the module reads the whole form at each); typing them one by one
        // is what first-module.test.mjs does.
        await page.waitForSelector('html[data-scoring]');
        const d = api.describe(id);
        const set = Object.entries(figures(d)).flatMap(([field, v]) =>
          typeof v === 'boolean' ? [[`${inputId(field).slice(1)}-${v ? 'yes' : 'no'}`, true]]
            : Array.isArray(v) ? v.map((o) => [`${inputId(field).slice(1)}-${o}`, true])
              : [[inputId(field).slice(1), v]]);
        await page.evaluate((list) => {
          for (const [id, v] of list) {
            const el = document.getElementById(id);
            if (el && v === true) el.checked = true;
            else if (el) el.value = v;
          }
          document.querySelector('input[data-field]').dispatchEvent(new Event('input', { bubbles: true }));
        }, set);
        await showError(page, d);
        found.push(...(await audit(page, `${id} scored by the first module ${width}px`)));
      }
      assert.deepEqual(log.errors, []);
      assert.deepEqual(log.csp, []);
      await ctx.close();
    }
    assertClean(found);
  });

  test('notices, a what-if scenario, the share box, the reset question, a rubric file opened here and one with problems', async () => {
    const found = [];
    for (const width of [1280, 375]) {
      const { ctx, page, log } = await context(width);
      // A share link that cannot be read: an error notice.
      await page.goto(siteUrl('r/xinxiang/professional/#d=%%%not-base64'));
      await ready(page);
      await page.waitForSelector('#notices .notice');
      // A what-if scenario, gone back to (a notice with an action), then figures changed
      // since it: compared per item and in total.
      const place = width === 1280 ? 'summary' : 'form';
      await page.fill('#f-incubation_fund', '60');
      await page.click(`#scenario-keep-${place}`);
      await page.waitForSelector(`#scenario-totals-${place}`);
      await page.fill('#f-incubation_fund', '180');
      await page.click(`#scenario-restore-${place}`);
      await page.waitForSelector('.notice .notice-action');
      await page.fill('#f-incubation_fund', '180');
      await page.waitForSelector('article[data-item="incubation-fund"] .vs-scenario');
      await page.click('#share');
      await page.waitForSelector('#share-link');
      await page.click('#reset');
      await page.waitForSelector('[role="alertdialog"]');
      for (let i = 0; i < 2; i++) {
        const lang = await page.evaluate(() => document.documentElement.lang);
        found.push(...(await audit(page, `notices, scenario, share, reset ${lang} ${width}px`)));
        await toggleLanguage(page);
      }

      // The example rubric of docs/ (every kind of rule and field), opened as a file.
      await page.setInputFiles('#rubric-file', EXAMPLE);
      await page.waitForSelector('#opened-badge', { timeout: 20000 });
      const loaded = api.load(fs.readFileSync(EXAMPLE, 'utf8'), 'shili.toml');
      const example = api.describe(Array.isArray(loaded) ? loaded[0] : loaded);
      await enter(page, figures(example));
      await showError(page, example);
      await openDisclosures(page);
      for (let i = 0; i < 2; i++) {
        const lang = await page.evaluate(() => document.documentElement.lang);
        found.push(...(await audit(page, `opened rubric file ${lang} ${width}px`)));
        await toggleLanguage(page);
      }

      // A rubric file with a problem: the panel listing it.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spacescore-a11y-'));
      const broken = path.join(dir, 'broken.toml');
      fs.writeFileSync(broken, fs.readFileSync(EXAMPLE, 'utf8').replace(/\[\[items\.terms\]\]\nkind = "per"\n/, '[[items.terms]]\nkind = "per"\nmax = "3"\n'));
      await page.setInputFiles('#rubric-file', broken);
      await page.waitForSelector('#file-problems');
      for (let i = 0; i < 2; i++) {
        const lang = await page.evaluate(() => document.documentElement.lang);
        found.push(...(await audit(page, `rubric file problems ${lang} ${width}px`)));
        await toggleLanguage(page);
      }
      fs.rmSync(dir, { recursive: true });
      assert.deepEqual(log.errors, []);
      assert.deepEqual(log.csp, []);
      await ctx.close();
    }
    assertClean(found);
  });

  test('the print view and the embedded widget', async () => {
    const found = [];
    const { ctx, page, log } = await context(1280, { seed: true });
    // A scored rubric's table, and a data form's.
    for (const id of [IDS.find((i) => api.describe(i).rows.length === 0), IDS.find((i) => api.describe(i).rows.length > 0)]) {
      await page.goto(siteUrl(`r/${id}/`));
      await ready(page);
      for (let i = 0; i < 2; i++) {
        // Print media draws the print view (the app listens for it).
        await page.emulateMedia({ media: 'print' });
        await page.waitForSelector('#print-view');
        const lang = await page.evaluate(() => document.documentElement.lang);
        found.push(...(await audit(page, `print ${id} ${lang}`)));
        await page.emulateMedia({ media: 'screen' });
        await toggleLanguage(page);
      }
    }
    // The widget as a portal frames it (its own document: what a portal's audit would
    // reach inside the iframe).
    await page.goto(siteUrl(`index.html?embed=1&rubric=${IDS[0]}`));
    await ready(page);
    await showError(page, api.describe(IDS[0]));
    for (let i = 0; i < 2; i++) {
      const lang = await page.evaluate(() => document.documentElement.lang);
      found.push(...(await audit(page, `embed ${lang}`)));
      await toggleLanguage(page);
    }
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.csp, []);
    await ctx.close();
    assertClean(found);
  });
});
