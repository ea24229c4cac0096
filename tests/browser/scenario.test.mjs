// End-to-end scenario of the rrma web UI in headless Chromium, against a running
// `rrma serve` whose address is given by RRMA_URL (for example
// RRMA_URL=http://127.0.0.1:8099 node --test tests/browser/). Screenshots go to
// $RRMA_SCREENSHOTS, or var/screenshots by default.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL,
  DESKTOP,
  MOBILE,
  assertNoHorizontalOverflow,
  dateFieldText,
  launchBrowser,
  newPage as openPage,
  normalise,
  screenshot,
} from './support.mjs';


/** Replaces the no-break spaces Intl.NumberFormat('fr-FR') puts in "11 015" with plain spaces. */
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let browser;
let page;
const pageErrors = [];

function newPage(viewport) {
  return openPage(browser, viewport, pageErrors);
}

/** The <dd> that follows the <dt> whose whole text is `label`. */
async function factValue(p, label) {
  const dt = p.locator('dl dt', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) });
  await dt.first().waitFor();
  return normalise(await dt.first().locator('xpath=following-sibling::dd[1]').innerText());
}

async function organisationIdByName(q, name) {
  const response = await fetch(`${BASE_URL}/api/v1/organisations?q=${encodeURIComponent(q)}`);
  assert.equal(response.status, 200, `GET /organisations?q=${q} answered ${response.status}`);
  const body = await response.json();
  const found = body.items.find((item) => item.name === name);
  assert.ok(found, `the API finds no organisation named ${name} for q=${q}`);
  return found.id;
}

/** Types into the directory search box and waits for a result link named `expected`. */
async function searchDirectory(p, term, expected) {
  await p.goto(`${BASE_URL}/organisations`);
  const input = p.getByLabel('Rechercher une collectivité ou un acteur');
  await input.fill(term);
  await p.waitForURL((url) => url.searchParams.get('q') === term.trim());
  await p.locator('.org-list').getByRole('link', { name: expected, exact: true }).waitFor();
}

describe('rrma web UI', { timeout: 60_000 }, () => {
  before(async () => {
    browser = await launchBrowser();
    ({ p: page } = await newPage(DESKTOP));
  });

  after(async () => {
    await browser?.close();
  });

  it('finds Mouans-Sartoux from the home page and shows its fiche', async () => {
    await page.goto(`${BASE_URL}/`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('footer', { hasText: /Version \S+/ }).waitFor();
    await screenshot(page, 'desktop-accueil');

    // Keyboard users first meet the skip link, which is then visible.
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    assert.equal(normalise(await focused.innerText()), 'Aller au contenu');
    assert.ok(await focused.isVisible(), 'the focused skip link is visible');
    assert.equal(await page.locator('[aria-disabled="true"]', { hasText: 'Observatoire' }).count(), 1);
    assert.equal(await page.getByRole('link', { name: /Observatoire/ }).count(), 0, 'upcoming entries are not links');
    // Prospection exists (« Pistes », « Opportunités communes ») for the networks' teams only: an
    // anonymous visitor is neither told it is to come nor given links to pages reserved to them.
    assert.doesNotMatch(normalise(await page.locator('body').innerText()), /Prospection|prospection des collectivités/);
    assert.equal(await page.getByRole('link', { name: /^(Pistes|Opportunités communes)$/ }).count(), 0);

    await page.getByLabel('Rechercher une collectivité ou un acteur').fill('mouans');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/organisations\?q=mouans$/);
    const result = page.locator('.org-list').getByRole('link', { name: 'Mouans-Sartoux', exact: true });
    await result.waitFor();
    assert.match(normalise(await page.locator('.result-count').innerText()), /^\d[\d ]* résultats?$/);
    await screenshot(page, 'desktop-annuaire-mouans');

    await result.click();
    await page.waitForURL(/\/organisations\/\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Mouans-Sartoux' }).waitFor();
    const expected = {
      'Code INSEE': '06084',
      SIREN: '210600847',
      Catégorie: 'Commune',
      Département: 'Alpes-Maritimes',
      Région: "Provence-Alpes-Côte d'Azur",
      Population: '11 015',
      Intercommunalité: 'CA du Pays de Grasse',
      'Réseau régional': 'Territoires Solidaires',
    };
    for (const [label, value] of Object.entries(expected)) {
      const shown = await factValue(page, label);
      assert.ok(shown.includes(value), `« ${label} » shows "${shown}", expected "${value}"`);
    }
    assert.equal(await factValue(page, 'Catégorie'), 'Commune');
    assert.match(await factValue(page, 'Codes postaux'), /06370/);
    assert.match(await factValue(page, 'Source des données'), /COG/);
    assert.match(await page.title(), /Mouans-Sartoux/);
    // Dates are asked the French way, the browser's language being French as the page's.
    await page.locator('#graphe-date').waitFor();
    assert.equal(await dateFieldText(page, '#graphe-date'), 'jj/mm/aaaa');
    await screenshot(page, 'desktop-fiche-mouans-sartoux');

    // The intercommunalité is a link to its own fiche, which lists its member communes.
    // (The fiche also names it in its relations and its graph.)
    await page.locator('dl.facts').getByRole('link', { name: 'CA du Pays de Grasse', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'CA du Pays de Grasse' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Communes membres/ }).waitFor();
    await page.locator('.members .org-item').first().waitFor();
    assert.equal(await factValue(page, 'Catégorie'), "Communauté d'agglomération (EPCI)");
    await screenshot(page, 'desktop-fiche-epci');
    const firstMember = normalise(await page.locator('.members .org-name').first().innerText());
    await page.getByRole('button', { name: /Suivant/ }).click();
    await page.waitForURL(/[?&]page=2$/);
    await page.locator('.members .pager-status', { hasText: /^Page 2 sur \d+$/ }).waitFor();
    await page.locator('.members .org-name').first().filter({ hasNotText: firstMember }).waitFor();
  });

  it('finds communes whatever the case, accents and hyphens of the query', async () => {
    await searchDirectory(page, 'mouans sartoux', 'Mouans-Sartoux');
    await searchDirectory(page, 'MOUANS-SARTOUX', 'Mouans-Sartoux');
    await searchDirectory(page, 'péymeinade', 'Peymeinade');
    // The search lives in the URL: a reload shows the same query and results.
    await page.reload();
    assert.equal(await page.getByLabel('Rechercher une collectivité ou un acteur').inputValue(), 'péymeinade');
    await page.locator('.org-list').getByRole('link', { name: 'Peymeinade', exact: true }).waitFor();
  });

  it('filters by category and région', async () => {
    await page.goto(`${BASE_URL}/organisations`);
    await page.locator('.org-list').waitFor();

    const regionsResponse = page.waitForResponse(
      (r) => r.url().includes('/api/v1/organisations?') && r.url().includes('category=region') && !r.url().includes('per_page=200'),
    );
    await page.getByLabel('Catégorie', { exact: true }).selectOption({ label: 'Région' });
    const regions = await (await regionsResponse).json();
    assert.ok(regions.total >= 13 && regions.total <= 20, `category=region gives ${regions.total} régions`);
    await page.locator('.result-count', { hasText: `${regions.total} résultats` }).waitFor();
    assert.equal(await page.locator('.org-list .org-item').count(), regions.total);
    assert.ok(new URL(page.url()).searchParams.get('category') === 'region');
    await page.locator('.org-list').getByRole('link', { name: "Provence-Alpes-Côte d'Azur", exact: true }).waitFor();
    await screenshot(page, 'desktop-annuaire-regions');

    // Départements of Provence-Alpes-Côte d'Azur: the région filter narrows the list to six.
    await page.getByLabel('Catégorie', { exact: true }).selectOption({ label: 'Département' });
    await page.waitForURL(/category=departement/);
    await page.getByLabel('Région', { exact: true }).selectOption({ label: "Provence-Alpes-Côte d'Azur" });
    await page.waitForURL(/region=93/);
    await page.locator('.result-count', { hasText: /^6 résultats$/ }).waitFor();
    await page.locator('.org-list').getByRole('link', { name: 'Alpes-Maritimes', exact: true }).waitFor();
    const departementOptions = await page.getByLabel('Département', { exact: true }).locator('option').count();
    assert.equal(departementOptions, 7, 'the Département list keeps only the six of the région (plus "Tous")');
    await screenshot(page, 'desktop-annuaire-departements-paca');

    // Filters live in the URL: going back restores the previous selection.
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('region') && url.searchParams.get('category') === 'departement');
    assert.equal(await page.getByLabel('Région', { exact: true }).inputValue(), '');
    await page.locator('.result-count', { hasText: /^1\d\d résultats$/ }).waitFor();
  });

  it('shows French error views for an unknown organisation, a bad identifier and an unknown page', async () => {
    await page.goto(`${BASE_URL}/organisations/999999999`);
    await page.getByRole('heading', { level: 1, name: 'Organisation introuvable' }).waitFor();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.ok(normalise(await alert.innerText()).length > 10, 'the error view shows the server detail');
    await page.getByRole('link', { name: "Retour à l'annuaire" }).waitFor();
    await screenshot(page, 'desktop-erreur-404-organisation');

    await page.goto(`${BASE_URL}/organisations/abc`);
    await page.getByRole('heading', { level: 1, name: 'Adresse de fiche invalide' }).waitFor();
    const invalid = page.getByRole('alert');
    await invalid.waitFor();
    const invalidText = normalise(await invalid.innerText());
    assert.match(invalidText, /L'identifiant « abc » n'est pas valide/, `the error names the id typed: ${invalidText}`);
    assert.doesNotMatch(invalidText, /\bid :/, `no field code is shown: ${invalidText}`);
    assert.equal(invalidText.split("n'est pas valide").length - 1, 1, `the message is said once: ${invalidText}`);
    await screenshot(page, 'desktop-erreur-identifiant-invalide');

    await page.goto(`${BASE_URL}/cette-page-n-existe-pas`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await page.getByRole('link', { name: "Retour à l'accueil" }).waitFor();
  });

  it('tells the user when the server cannot be reached', async () => {
    const { ctx, p } = await newPage(DESKTOP);
    try {
      await p.route('**/api/v1/organisations?**', (route) => route.abort('connectionrefused'));
      await p.goto(`${BASE_URL}/organisations?q=mouans`);
      const alert = p.getByRole('alert').filter({ hasText: 'La recherche' });
      await alert.waitFor();
      assert.match(normalise(await alert.innerText()), /serveur est injoignable/);
      await alert.getByRole('button', { name: 'Réessayer' }).waitFor();
      await screenshot(p, 'desktop-erreur-reseau');
    } finally {
      await ctx.close();
    }
  });

  it('shows networks and reference data', async () => {
    await page.goto(`${BASE_URL}/reseaux`);
    await page.getByRole('heading', { level: 2, name: 'Territoires Solidaires' }).waitFor();
    await screenshot(page, 'desktop-reseaux');

    await page.goto(`${BASE_URL}/referentiels`);
    await page.locator('.odd-list li').nth(16).waitFor();
    assert.equal(await page.locator('.odd-list li').count(), 17);
    await page.getByLabel('Rechercher un pays').fill('togo');
    await page.getByRole('cell', { name: 'Togo', exact: true }).waitFor();
    await screenshot(page, 'desktop-referentiels');
  });

  it('fits a 375px-wide screen without horizontal scrolling', async () => {
    const id = await organisationIdByName('mouans', 'Mouans-Sartoux');
    const { ctx, p } = await newPage(MOBILE);
    try {
      await p.goto(`${BASE_URL}/organisations/${id}`);
      await p.getByRole('heading', { level: 1, name: 'Mouans-Sartoux' }).waitFor();
      await assertNoHorizontalOverflow(p, 'fiche');
      await screenshot(p, 'mobile-fiche-mouans-sartoux');

      await p.goto(`${BASE_URL}/`);
      await p.getByRole('heading', { level: 1 }).waitFor();
      await assertNoHorizontalOverflow(p, 'accueil');
      await screenshot(p, 'mobile-accueil');

      await p.goto(`${BASE_URL}/organisations?q=grasse`);
      await p.locator('.org-list .org-item').first().waitFor();
      await assertNoHorizontalOverflow(p, 'annuaire');
      await screenshot(p, 'mobile-annuaire');

      await p.goto(`${BASE_URL}/organisations/999999999`);
      await p.getByRole('heading', { level: 1, name: 'Organisation introuvable' }).waitFor();
      await assertNoHorizontalOverflow(p, 'erreur');
      await screenshot(p, 'mobile-erreur');
    } finally {
      await ctx.close();
    }
  });

  it('raised no JavaScript error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
