// What every browser test shares: the server under test (RRMA_URL, required), where screenshots
// go ($RRMA_SCREENSHOTS, else var/screenshots), Debian's Chromium launched headless in French
// with the flags this machine needs, pages that record JavaScript errors, console warnings and
// Content-Security-Policy violations, layout checks, and the accessibility check (axe-core).
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
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
      // The context's locale sets navigator.language, not <input type="date">, which follows the
      // browser's own language: on Linux, LANGUAGE below (jj/mm/aaaa needs Debian's
      // chromium-l10n for its fr.pak). Without it, the page's lang="fr" still orders the fields
      // day/month/year.
      '--lang=fr-FR',
      '--enable-blink-features=LangAttributeAwareFormControlUI',
    ],
    env: { ...process.env, LANGUAGE: 'fr_FR:fr', LANG: 'fr_FR.UTF-8' },
  });
}

/**
 * A page in a fresh French context (locale fr-FR, time zone Europe/Paris); its uncaught JavaScript
 * errors, its console warnings (a library complaining of an option, for example), and what the
 * browser refused because of the server's Content-Security-Policy (an inline style or script, an
 * image from elsewhere…), are pushed to pageErrors.
 */
export async function newPage(browser, viewport, pageErrors) {
  const ctx = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const p = await ctx.newPage();
  p.setDefaultTimeout(STEP_TIMEOUT_MS);
  p.on('pageerror', (error) => pageErrors.push(`${p.url()}: ${error.message}`));
  p.on('console', (message) => {
    const refused = message.type() === 'error' && /Content.Security.Policy/i.test(message.text());
    if (refused || message.type() === 'warning') pageErrors.push(`${p.url()}: ${message.type()}: ${message.text()}`);
  });
  return { ctx, p };
}

/**
 * What the date field `selector` shows while empty, read from the browser's own (user-agent)
 * shadow tree through the DevTools protocol: « jj/mm/aaaa » in French.
 */
export async function dateFieldText(p, selector) {
  const cdp = await p.context().newCDPSession(p);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: -1, pierce: true });
    const texts = [];
    const walk = (current) => {
      if (current.nodeType === 3) texts.push(current.nodeValue);
      for (const child of [...(current.shadowRoots ?? []), ...(current.children ?? [])]) walk(child);
    };
    walk(node);
    return texts.join('');
  } finally {
    await cdp.detach();
  }
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

/** Impacts that fail the accessibility check; « moderate » and « minor » ones are left to review. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * The rules axe-core leaves out by default as experimental, turned on: among them
 * label-content-name-mismatch (a control's accessible name must contain its visible text).
 */
const EXPERIMENTAL_RULES = Object.fromEntries(
  axe.getRules(['experimental']).map((rule) => [rule.ruleId, { enabled: true }]),
);

/** One violation as a readable paragraph: rule, impact, help, and each element with what is wrong. */
function describeViolation(violation) {
  const nodes = violation.nodes.map((node) => {
    const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
    return `    ${node.target.join(' ')}\n      ${node.html.slice(0, 200)}\n      ${summary}`;
  });
  return `  ${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}\n${nodes.join('\n')}`;
}

/**
 * Runs axe-core on the page as it is now (every rule, experimental ones included) and fails,
 * listing them, if it finds any serious or critical violation. `name` says which page in the message.
 */
export async function expectNoSeriousAxeViolations(p, name) {
  // Legacy mode runs axe in the page itself, about twice as fast as the default, which opens
  // a second page to merge the results of each frame: the UI has no frame.
  const results = await new AxeBuilder({ page: p }).options({ rules: EXPERIMENTAL_RULES }).setLegacyMode(true).analyze();
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact));
  if (failing.length > 0) {
    assert.fail(`${name} (${p.url()}): ${failing.length} serious or critical accessibility violation(s):\n` +
      failing.map(describeViolation).join('\n'));
  }
}

/** The password scripts/run-tests gives the accounts it creates. */
/** Text as read on the page, its no-break spaces and runs of blanks made one space. */
export const normalise = (text) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

export const PASSWORD = 'mot de passe des tests';

/** A word no other test (nor an earlier run) uses: "m3x9k2a7q1". */
export function unique() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** Signs in through the form of /connexion and waits for the account in the header. */
export async function signIn(p, email, password = PASSWORD) {
  await p.goto(`${BASE_URL}/connexion`);
  await p.getByLabel('Adresse électronique').fill(email);
  await p.getByLabel('Mot de passe', { exact: true }).fill(password);
  await p.locator('main').getByRole('button', { name: 'Se connecter' }).click();
  await p.waitForURL(`${BASE_URL}/`);
  await p.locator('header').getByText(email, { exact: true }).waitFor();
}

/**
 * A call to the API from the page, so with its session cookie; writes carry the
 * session's CSRF token read from GET /me. Answers {status, body} (body: the parsed JSON, or the
 * text when it is not JSON).
 */
export async function api(p, method, path, body) {
  return p.evaluate(
    async ({ method, path, body }) => {
      const headers = { Accept: 'application/json' };
      if (method !== 'GET') {
        const me = await fetch('/api/v1/me', { headers: { Accept: 'application/json' } });
        headers['X-CSRF-Token'] = (await me.json()).csrf_token;
      }
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: response.status, body: parsed };
    },
    { method, path, body },
  );
}
