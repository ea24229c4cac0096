// What every browser test shares: the server under test (RRMA_URL, required), where screenshots
// go ($RRMA_SCREENSHOTS, else var/screenshots), Debian's Chromium launched headless with the
// flags this machine needs, pages that record JavaScript errors, and layout checks.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.RRMA_URL?.replace(/\/+$/, '');
if (!BASE_URL) {
  throw new Error('RRMA_URL is not set: start `rrma serve` and run with RRMA_URL=http://127.0.0.1:<port>');
}
export const SCREENSHOTS = process.env.RRMA_SCREENSHOTS || 'var/screenshots';
export const STEP_TIMEOUT_MS = 10_000;
export const DESKTOP = { width: 1280, height: 900 };
export const MOBILE = { width: 375, height: 812 };

/** Starts headless Chromium and makes sure the screenshot folder exists. */
export async function launchBrowser() {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page in a fresh French context; its uncaught JavaScript errors are pushed to pageErrors. */
export async function newPage(browser, viewport, pageErrors) {
  const ctx = await browser.newContext({ viewport, locale: 'fr-FR' });
  const p = await ctx.newPage();
  p.setDefaultTimeout(STEP_TIMEOUT_MS);
  p.on('pageerror', (error) => pageErrors.push(`${p.url()}: ${error.message}`));
  return { ctx, p };
}

export async function screenshot(p, name) {
  await p.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function assertNoHorizontalOverflow(p, where) {
  const { scrollWidth, innerWidth } = await p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${where}: page is ${scrollWidth}px wide in a ${innerWidth}px viewport`);
}
