// Shared helpers of the browser tests: launching Debian's Chromium through playwright-core
// (never a downloaded browser), the URLs the xtask servers listen on, and small page helpers.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath as toPath } from 'node:url';
const here = path.dirname(toPath(import.meta.url));

export const SITE = process.env.SPACESCORE_SITE ?? 'http://127.0.0.1:8080/';
export const WIDGET_ORIGIN =
  process.env.SPACESCORE_WIDGET_ORIGIN ?? SITE.replace('127.0.0.1', 'localhost').replace(/\/$/, '');
export const HOST = process.env.SPACESCORE_HOST ?? 'http://127.0.0.1:8081/';
export const ARTIFACTS = process.env.SPACESCORE_ARTIFACTS ?? path.join(here, 'artifacts');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/** A page that records console errors, CSP violations and every request. */
export async function openPage(browser, url, { width = 1280, height = 900, context } = {}) {
  const ctx = context ?? (await browser.newContext({ viewport: { width, height }, acceptDownloads: true }));
  const page = await ctx.newPage();
  const log = { errors: [], requests: [], csp: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (/Content.Security.Policy|Refused to/i.test(m.text())) log.csp.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => log.requests.push(r.url()));
  if (url) {
    await page.goto(url);
    await ready(page);
  }
  return { page, ctx, log };
}

/** Waits until the form is interactive: the app has rendered its summary. */
export async function ready(page) {
  await page.waitForSelector('#summary', { timeout: 20000 });
}

export function siteUrl(query = '') {
  return new URL(query, SITE).href;
}

/** The DOM id of a field's input. */
export function inputId(field) {
  return '#f-' + field.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** Types into a field's input, replacing what was there. */
export async function type(page, field, value) {
  await page.fill(inputId(field), value);
}

/** An item's score as shown ("" while it cannot be scored). */
export async function itemScore(page, item) {
  return page.getAttribute(`article[data-item="${item}"] .item-score`, 'data-score');
}

export async function text(page, selector) {
  return (await page.textContent(selector))?.trim();
}

export function artifact(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
