// Sign-in and sign-out in headless Chromium, against a running `rrma serve` whose
// address is given by RRMA_URL (for example RRMA_URL=http://127.0.0.1:8099 node
// --test tests/browser/). The test run must have created the account
// staff@test.rrma.fr (password « mot de passe des tests », role network_staff of
// « Territoires Solidaires ») beforehand. Only one failed attempt is made, so the
// account is never throttled. Screenshots go to $RRMA_SCREENSHOTS, or
// var/screenshots by default.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL,
  DESKTOP,
  MOBILE,
  assertNoHorizontalOverflow,
  launchBrowser,
  newPage as openPage,
  screenshot,
} from './support.mjs';


const EMAIL = 'staff@test.rrma.fr';
const PASSWORD = 'mot de passe des tests';
const NETWORK = 'Territoires Solidaires';
const WRONG_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';

let browser;
const pageErrors = [];

function newPage(viewport) {
  return openPage(browser, viewport, pageErrors);
}

/** Status of GET /api/v1/me issued from the page, so with the page's cookies. */
async function meStatus(p) {
  return p.evaluate(async () => (await fetch('/api/v1/me', { headers: { Accept: 'application/json' } })).status);
}

/**
 * The message is shown once in the page, beside the field of that label, which refers to it
 * (aria-describedby) and is marked invalid; the error box above the fields does not repeat it.
 */
async function assertSaidOnceBesideItsField(p, label, message) {
  const main = p.locator('main');
  await main.getByText(message, { exact: true }).waitFor();
  assert.equal(await main.getByText(message).count(), 1, `« ${message} » is shown once`);
  assert.equal(await main.getByRole('alert').getByText(message).count(), 0, `the error box does not repeat « ${message} »`);
  const input = p.getByLabel(label, { exact: true });
  assert.equal(await input.getAttribute('aria-invalid'), 'true', `${label} is marked invalid`);
  const described = await input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim()));
  assert.ok(described.includes(message), `${label} is described by « ${message} »: ${JSON.stringify(described)}`);
}

async function fillSignInForm(p, email, password) {
  await p.getByLabel('Adresse électronique').fill(email);
  await p.getByLabel('Mot de passe', { exact: true }).fill(password);
  await p.locator('main').getByRole('button', { name: 'Se connecter' }).click();
}

describe('rrma sign-in', { timeout: 60_000 }, () => {
  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  it('signs in, survives a reload and signs out', async () => {
    const { ctx, p } = await newPage(DESKTOP);
    try {
      await p.goto(`${BASE_URL}/connexion`);
      assert.equal(await p.locator('html').getAttribute('lang'), 'fr');
      await p.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
      const header = p.locator('header');
      await header.getByRole('link', { name: 'Se connecter' }).waitFor();
      assert.equal(await p.getByLabel('Adresse électronique').getAttribute('type'), 'email');
      assert.equal(await p.getByLabel('Adresse électronique').getAttribute('autocomplete'), 'username');
      assert.equal(await p.getByLabel('Mot de passe', { exact: true }).getAttribute('type'), 'password');
      assert.equal(await p.getByLabel('Mot de passe', { exact: true }).getAttribute('autocomplete'), 'current-password');

      // One wrong password (only one: the account must not get throttled).
      await fillSignInForm(p, EMAIL, 'pas le bon mot de passe');
      const alert = p.locator('main').getByRole('alert');
      await alert.filter({ hasText: WRONG_CREDENTIALS }).waitFor();
      assert.ok(await alert.isVisible(), 'the error is visible');
      // It sits with the form, in the viewport, before the fields.
      const inForm = await alert.evaluate((el) => el.closest('form') !== null);
      assert.ok(inForm, 'the error is shown inside the sign-in form');
      const alertBox = await alert.boundingBox();
      const emailBox = await p.getByLabel('Adresse électronique').boundingBox();
      assert.ok(alertBox && emailBox && alertBox.y < emailBox.y, 'the error is shown above the fields');
      assert.ok(alertBox.y + alertBox.height <= DESKTOP.height, 'the error is within the first screen');
      assert.equal(p.url(), `${BASE_URL}/connexion`);
      assert.equal(await meStatus(p), 401);
      await screenshot(p, 'desktop-connexion-erreur');
      // The same page at 375px (no second failed attempt needed).
      await p.setViewportSize(MOBILE);
      await assertNoHorizontalOverflow(p, 'sign-in page with the error (375px)');
      await screenshot(p, 'mobile-connexion-erreur');
      await p.setViewportSize(DESKTOP);

      // The right password: back to the home page, account in the header.
      await fillSignInForm(p, EMAIL, PASSWORD);
      await p.waitForURL(`${BASE_URL}/`);
      await header.getByText(EMAIL, { exact: true }).waitFor();
      await header.getByText(NETWORK).waitFor();
      await header.getByRole('button', { name: 'Se déconnecter' }).waitFor();
      assert.equal(await header.getByRole('link', { name: 'Se connecter' }).count(), 0);
      assert.equal(await meStatus(p), 200);
      await screenshot(p, 'desktop-entete-connecte');

      // The session cookie survives a reload.
      await p.reload();
      await header.getByText(EMAIL, { exact: true }).waitFor();
      await header.getByText(NETWORK).waitFor();

      // Sign out: the header offers to sign in again and the server forgot the session.
      await header.getByRole('button', { name: 'Se déconnecter' }).click();
      await header.getByRole('link', { name: 'Se connecter' }).waitFor();
      assert.equal(p.url(), `${BASE_URL}/`);
      assert.equal(await header.getByText(EMAIL).count(), 0);
      assert.equal(await meStatus(p), 401);
      await p.reload();
      await header.getByRole('link', { name: 'Se connecter' }).waitFor();
    } finally {
      await ctx.close();
    }
  });

  it('goes back to the local page named by ?redirect= and ignores other sites', async () => {
    const { ctx, p } = await newPage(DESKTOP);
    try {
      await p.goto(`${BASE_URL}/connexion?redirect=${encodeURIComponent('/reseaux')}`);
      await fillSignInForm(p, EMAIL, PASSWORD);
      await p.waitForURL(`${BASE_URL}/reseaux`);
      await p.locator('header').getByText(EMAIL, { exact: true }).waitFor();
      await p.locator('header').getByRole('button', { name: 'Se déconnecter' }).click();
      await p.locator('header').getByRole('link', { name: 'Se connecter' }).waitFor();

      await p.goto(`${BASE_URL}/connexion?redirect=${encodeURIComponent('//example.org/')}`);
      await fillSignInForm(p, EMAIL, PASSWORD);
      await p.waitForURL(`${BASE_URL}/`);
      await p.locator('header').getByRole('button', { name: 'Se déconnecter' }).click();
      await p.locator('header').getByRole('link', { name: 'Se connecter' }).waitFor();
    } finally {
      await ctx.close();
    }
  });

  it('fits a 375px-wide screen, signed out with an error and signed in', async () => {
    const { ctx, p } = await newPage(MOBILE);
    try {
      await p.goto(`${BASE_URL}/connexion`);
      await p.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
      // Empty form: each field says it is required, once, and the box names both fields.
      await fillSignInForm(p, '', '');
      const alert = p.locator('main').getByRole('alert');
      await alert.getByText('Corrigez les champs « Adresse électronique » et « Mot de passe ».').waitFor();
      await assertSaidOnceBesideItsField(p, 'Adresse électronique', "L'adresse électronique est obligatoire.");
      await assertSaidOnceBesideItsField(p, 'Mot de passe', 'Le mot de passe est obligatoire.');
      await assertNoHorizontalOverflow(p, 'sign-in page with field errors (375px)');
      await screenshot(p, 'mobile-connexion-champs-vides');

      await fillSignInForm(p, EMAIL, PASSWORD);
      await p.waitForURL(`${BASE_URL}/`);
      const header = p.locator('header');
      await header.getByText(EMAIL, { exact: true }).waitFor();
      await header.getByText(NETWORK).waitFor();
      const button = header.getByRole('button', { name: 'Se déconnecter' });
      await button.waitFor();
      const box = await button.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= MOBILE.width, 'the sign-out button is on screen');
      await assertNoHorizontalOverflow(p, 'header signed in (375px)');
      await screenshot(p, 'mobile-entete-connecte');
      await button.click();
      await header.getByRole('link', { name: 'Se connecter' }).waitFor();
    } finally {
      await ctx.close();
    }
  });

  it('says once, beside the field, that a malformed address is invalid', async () => {
    const { ctx, p } = await newPage(DESKTOP);
    try {
      await p.goto(`${BASE_URL}/connexion`);
      await fillSignInForm(p, 'pas-une-adresse', 'un mot de passe quelconque');
      const alert = p.locator('main').getByRole('alert');
      await alert.getByText('Corrigez le champ « Adresse électronique ».').waitFor();
      await assertSaidOnceBesideItsField(p, 'Adresse électronique', 'Adresse électronique invalide (attendu nom@domaine.fr).');
      assert.equal(await p.getByLabel('Mot de passe', { exact: true }).getAttribute('aria-invalid'), null);
      await screenshot(p, 'desktop-connexion-adresse-invalide');
    } finally {
      await ctx.close();
    }
  });

  it('asks the server once whether the visitor is signed in, and logs no error on anonymous pages', async () => {
    const { ctx, p } = await newPage(DESKTOP);
    const logged = [];
    const apiCalls = [];
    p.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') logged.push(`${message.type()}: ${message.text()}`);
    });
    p.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/api/v1/')) apiCalls.push(`${response.request().method()} ${url.pathname} ${response.status()}`);
    });
    try {
      await p.goto(`${BASE_URL}/`);
      await p.locator('header').getByRole('link', { name: 'Se connecter' }).waitFor();
      await p.locator('header').getByRole('link', { name: 'Se connecter' }).click();
      await p.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
      await p.goto(`${BASE_URL}/reseaux`);
      await p.locator('header').getByRole('link', { name: 'Se connecter' }).waitFor();
      const sessionCalls = apiCalls.filter((call) => call.startsWith('GET /api/v1/session '));
      assert.deepEqual(sessionCalls, ['GET /api/v1/session 200', 'GET /api/v1/session 200'], 'once per page load');
      assert.deepEqual(apiCalls.filter((call) => / [45]\d\d$/.test(call)), [], 'no API call failed');
      assert.deepEqual(logged, [], 'nothing logged in the console');
    } finally {
      await ctx.close();
    }
  });

  it('raised no JavaScript error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
