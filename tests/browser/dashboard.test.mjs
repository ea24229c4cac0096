// « Tableau de bord » and « Accompagnements » in headless Chromium (issue 9): a member of
// Territoires Solidaires' team brings Nice to « Adhésion » on the board and notes a legal support
// with it, opens the dashboard from the navigation and finds there the figures GET /dashboard
// gives for the same period, in the cards and in the tables of the charts; the map draws the
// départements of the network's région, each a link; a département leads to the board filtered
// by it, a stage to its column alone, a size to the board filtered by it, « Accompagnements » to
// the list of records over the period, a type to that list filtered by it, and « Collectivités
// adhérentes » to the memberships on the network's fiche. The dashboard and
// the list download as CSV; a period ending before it starts is refused beside « Au ». A national
// admin sees « Tous les réseaux » over the whole of metropolitan France. Nothing overflows a
// 375 px screen, where the charts shrink with it. Screenshots (tableau-de-bord-*.png, desktop and
// 375 px) go to $RRMA_SCREENSHOTS.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  BASE_URL,
  DESKTOP,
  MOBILE,
  api,
  assertNoHorizontalOverflow,
  expectNoSeriousAxeViolations,
  launchBrowser,
  newPage,
  normalise,
  screenshot,
  signIn,
  unique,
} from './support.mjs';

const STAFF = 'staff@test.rrma.fr';
const ADMIN = 'admin@test.rrma.fr';
const NETWORK = 'Territoires Solidaires';
const COMMUNE = 'Nice';
const NICE_INSEE = '06088';

const integer = (n) => normalise(new Intl.NumberFormat('fr-FR').format(n));

let browser;
const pageErrors = [];
const fixture = { network: null, nice: 0, subject: '', departements: [] };

async function shoot(p, name) {
  await screenshot(p, `tableau-de-bord-${name}`);
  await p.setViewportSize(MOBILE);
  // The charts follow their container once it has shrunk (a ResizeObserver).
  await p.waitForFunction(() =>
    [...document.querySelectorAll('.chart canvas')].every((canvas) => canvas.getBoundingClientRect().right <= window.innerWidth),
  );
  await assertNoHorizontalOverflow(p, name);
  await screenshot(p, `tableau-de-bord-${name}-mobile`);
  await p.setViewportSize(DESKTOP);
}

async function expectApi(p, method, path, body, status) {
  const answer = await api(p, method, path, body);
  assert.equal(answer.status, status, `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const figure = (p, key) => p.locator(`li[data-figure="${key}"]`);
const panel = (p, heading) => p.locator('section.dashboard-panel', { has: p.getByRole('heading', { level: 2, name: heading, exact: true }) });

/** Opens « Voir les chiffres » of the panel `heading` and answers its table's rows as text cells. */
async function tableOf(p, heading) {
  const section = panel(p, heading);
  const details = section.locator('details');
  if ((await details.count()) > 0 && !(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  return section.locator('table tbody tr');
}

async function rowCells(row) {
  return (await row.locator('th, td').allInnerTexts()).map(normalise);
}

describe('the dashboard of a network', { timeout: 180_000 }, () => {
  let staff;

  before(async () => {
    browser = await launchBrowser();
    staff = await newPage(browser, DESKTOP, pageErrors);
    const p = staff.p;
    await signIn(p, STAFF);
    const networks = await expectApi(p, 'GET', '/networks?per_page=200', undefined, 200);
    fixture.network = networks.items.find((n) => n.name === NETWORK);
    fixture.nice = (await expectApi(p, 'GET', `/organisations?insee=${NICE_INSEE}`, undefined, 200)).items[0].id;
    const regions = new Set(fixture.network.regions.map((r) => r.code));
    const departements = await expectApi(p, 'GET', '/organisations?category=departement&per_page=200', undefined, 200);
    fixture.departements = departements.items.filter((d) => d.region && regions.has(d.region.code)).map((d) => d.insee_code);
    // A little activity: Nice joins through the board, and the team notes a legal support with it.
    await expectApi(p, 'PUT', `/pipeline/${fixture.network.id}/${fixture.nice}`, { stage: 'adhesion', reason: 'Délibération du conseil' }, 200);
    fixture.subject = `Appui juridique ${unique()}`;
    const today = new Date().toISOString().slice(0, 10);
    await expectApi(p, 'POST', '/interactions', {
      network_id: fixture.network.id, visibility: 'network', date: today, type: 'appui_juridique',
      subject: fixture.subject, organisation_ids: [fixture.nice],
    }, 201);
  });

  after(async () => {
    await browser?.close();
    assert.deepEqual(pageErrors, []);
  });

  it('shows the figures GET /dashboard gives for the same period, each a link', async () => {
    const p = staff.p;
    await p.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Tableau de bord', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    assert.match(await p.title(), /^Tableau de bord/);
    await figure(p, 'members').waitFor();
    // The period the page shows is the server's default one, in the date fields.
    const from = await p.getByLabel('Du', { exact: true }).inputValue();
    const to = await p.getByLabel('Au', { exact: true }).inputValue();
    const expected = await expectApi(p, 'GET', `/dashboard?network=${fixture.network.id}&from=${from}&to=${to}`, undefined, 200);
    assert.ok(expected.members >= 1, 'Nice is a member');
    assert.ok(expected.interactions_by_type.appui_juridique >= 1, 'the legal support is counted');

    const labels = {
      members: 'Collectivités adhérentes',
      board_seats: "Au conseil d'administration",
      presidencies: 'dont à la présidence',
      accompanied: 'Collectivités accompagnées',
      interactions: 'Accompagnements',
      dormant: 'Relations en sommeil',
    };
    for (const [key, label] of Object.entries(labels)) {
      const link = figure(p, key).getByRole('link');
      assert.equal(normalise(await link.innerText()), `${integer(expected[key])} ${label}`, key);
    }

    const stages = await tableOf(p, 'Collectivités par étape');
    const stageNames = ['Prise de contact', 'Adhésion', 'Opportunités communes', "Relation d'échange", 'Collaboration'];
    const stageKeys = ['prise_de_contact', 'adhesion', 'opportunites_communes', 'relation_echange', 'collaboration'];
    assert.equal(await stages.count(), 5);
    for (let i = 0; i < 5; i += 1) {
      assert.deepEqual(await rowCells(stages.nth(i)), [stageNames[i], integer(expected.by_stage[stageKeys[i]])]);
      assert.equal(await stages.nth(i).getByRole('link').count(), 1, 'the number is a link');
    }

    const passages = await tableOf(p, "Passages d'étape sur la période");
    assert.equal(await passages.count(), expected.conversions.length);
    for (let i = 0; i < expected.conversions.length; i += 1) {
      const c = expected.conversions[i];
      const rate = c.rate === null ? '—' : normalise(new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(c.rate));
      assert.deepEqual((await rowCells(passages.nth(i))).slice(1), [integer(c.count), rate]);
    }

    const types = await tableOf(p, 'Accompagnements par type');
    const legal = types.filter({ hasText: 'Appui juridique' });
    assert.deepEqual(await rowCells(legal), ['Appui juridique', integer(expected.interactions_by_type.appui_juridique)]);

    const departements = await tableOf(p, 'Par département');
    const nice = departements.filter({ has: p.getByRole('rowheader', { name: /^06 – Alpes-Maritimes$/ }) });
    const row06 = expected.by_departement.find((r) => r.departement === '06');
    assert.deepEqual(await rowCells(nice), ['06 – Alpes-Maritimes', integer(row06.members), integer(row06.accompanied), integer(row06.engaged)]);

    const bands = panel(p, 'Par taille').locator('tbody tr');
    const big = expected.by_population_band.find((r) => r.band === 'au_moins_200000');
    assert.deepEqual(await rowCells(bands.filter({ hasText: big.label })), [big.label, integer(big.members), integer(big.accompanied), integer(big.engaged)]);

    // The charts are images named with their numbers.
    const chart = panel(p, 'Collectivités par étape').getByRole('img');
    assert.match(await chart.getAttribute('aria-label'), new RegExp(`Adhésion ${expected.by_stage.adhesion}`));
    await expectNoSeriousAxeViolations(p, 'tableau de bord');
    await shoot(p, 'reseau');
  });

  it("draws the network's départements, each a link to the board filtered by it", async () => {
    const p = staff.p;
    const map = p.getByRole('group', { name: `Carte des départements de ${NETWORK}` });
    await map.waitFor();
    const drawn = await map.locator('a[data-departement]').evaluateAll((links) => links.map((a) => a.dataset.departement));
    assert.deepEqual([...drawn].sort(), [...fixture.departements].sort());
    const alpes = map.locator('a[data-departement="06"]');
    assert.match(normalise(await alpes.locator('title').textContent()), /^06 – Alpes-Maritimes : \d+ collectivités? adhérentes?$/);
    // The toggle shades by collectivités accompanied instead.
    await p.getByLabel('Accompagnées', { exact: true }).check();
    assert.match(normalise(await alpes.locator('title').textContent()), /accompagnées?$/);
    assert.notEqual(await map.locator('a.map-level-0').count(), drawn.length, 'some département is shaded');

    await alpes.click();
    await p.waitForURL((url) => url.pathname === '/suivi' && url.searchParams.get('departement') === '06');
    await p.getByRole('heading', { level: 1, name: 'Suivi des collectivités' }).waitFor();
    assert.equal(await p.getByLabel('Département', { exact: true }).inputValue(), '06');
    await p.locator('.board-card', { has: p.getByRole('link', { name: COMMUNE, exact: true }) }).waitFor();
  });

  it('leads from a stage to its column alone, and from a size to the board filtered by it', async () => {
    const p = staff.p;
    await p.goBack();
    await figure(p, 'members').waitFor();
    const stages = await tableOf(p, 'Collectivités par étape');
    await stages.filter({ hasText: 'Adhésion' }).getByRole('link').click();
    await p.waitForURL((url) => url.pathname === '/suivi' && url.searchParams.get('stage') === 'adhesion');
    await p.locator('.board-card', { has: p.getByRole('link', { name: COMMUNE, exact: true }) }).waitFor();
    const columns = await p.locator('section.board-column h3').allInnerTexts();
    assert.equal(columns.length, 1);
    assert.match(normalise(columns[0]), /^Adhésion \d+$/);
    await screenshot(p, 'tableau-de-bord-suivi-etape');

    await p.goBack();
    await figure(p, 'members').waitFor();
    await panel(p, 'Par taille').locator('tbody tr', { hasText: '200 000 habitants et plus' }).getByRole('link').first().click();
    await p.waitForURL((url) => url.pathname === '/suivi' && url.searchParams.get('population_band') === 'au_moins_200000');
    assert.equal(await p.getByLabel('Taille', { exact: true }).inputValue(), 'au_moins_200000');
    await p.locator('.board-card', { has: p.getByRole('link', { name: COMMUNE, exact: true }) }).waitFor();
  });

  it('leads from « Accompagnements » to the list of records over the period, and from a type to those of that type', async () => {
    const p = staff.p;
    await p.goBack();
    await figure(p, 'interactions').waitFor();
    const from = await p.getByLabel('Du', { exact: true }).inputValue();
    const to = await p.getByLabel('Au', { exact: true }).inputValue();
    await figure(p, 'interactions').getByRole('link').click();
    await p.waitForURL((url) => url.pathname === '/accompagnements' && url.searchParams.get('du') === from && url.searchParams.get('au') === to);
    await p.getByRole('heading', { level: 1, name: 'Accompagnements' }).waitFor();
    assert.match(await p.title(), /^Accompagnements/);
    assert.equal(await p.getByLabel('Du', { exact: true }).inputValue(), from);
    const row = p.locator('tbody tr', { hasText: fixture.subject });
    await row.waitFor();
    assert.match(normalise(await row.innerText()), /Appui juridique/);
    await row.getByRole('link', { name: COMMUNE, exact: true }).waitFor();
    const listed = await expectApi(p, 'GET', `/interactions?from=${from}&to=${to}&per_page=1`, undefined, 200);
    assert.match(normalise(await p.locator('.result-count').innerText()), new RegExp(`^${listed.total} accompagnements?$`));

    const [file] = await Promise.all([
      p.waitForEvent('download'),
      p.locator('.export-links').getByRole('link', { name: 'CSV', exact: true }).click(),
    ]);
    assert.match(file.suggestedFilename(), /\.csv$/);
    assert.ok((await readFile(await file.path(), 'utf8')).includes(fixture.subject), 'the record is in the file');
    await expectNoSeriousAxeViolations(p, 'accompagnements');
    await screenshot(p, 'tableau-de-bord-accompagnements');
    await p.setViewportSize(MOBILE);
    await assertNoHorizontalOverflow(p, 'accompagnements');
    await screenshot(p, 'tableau-de-bord-accompagnements-mobile');
    await p.setViewportSize(DESKTOP);

    await p.goBack();
    await figure(p, 'interactions').waitFor();
    const types = await tableOf(p, 'Accompagnements par type');
    await types.filter({ hasText: 'Appui juridique' }).getByRole('link').click();
    await p.waitForURL((url) => url.pathname === '/accompagnements' && url.searchParams.get('type') === 'appui_juridique');
    assert.equal(await p.getByLabel('Type', { exact: true }).inputValue(), 'appui_juridique');
    await p.locator('tbody tr', { hasText: fixture.subject }).waitFor();
    const others = await p.locator('tbody td[data-label="Type"]').allInnerTexts();
    assert.ok(others.every((text) => normalise(text) === 'Appui juridique'), others.join(', '));
  });

  it("leads from « Collectivités adhérentes » to the memberships on the network's fiche", async () => {
    const p = staff.p;
    await p.goto(`${BASE_URL}/tableau-de-bord`);
    await figure(p, 'members').getByRole('link').click();
    await p.waitForURL((url) => url.pathname === `/organisations/${fixture.network.organisation_id}` && url.hash === '#titre-relations-member_of');
    const memberships = p.getByRole('heading', { level: 3, name: /^Adhésions/ });
    await memberships.waitFor();
    await p.locator('section', { has: memberships }).getByRole('link', { name: COMMUNE, exact: true }).waitFor();
    // The anchor is scrolled to once the relations are loaded (to the pixel: its top may be -0.5).
    await p.waitForFunction(() => {
      const box = document.getElementById('titre-relations-member_of')?.getBoundingClientRect();
      return box && box.top > -1 && box.top < window.innerHeight;
    });
    await screenshot(p, 'tableau-de-bord-fiche-reseau');
  });

  it('downloads the dashboard as CSV, and says beside « Au » that a period cannot end before it starts', async () => {
    const p = staff.p;
    await p.goto(`${BASE_URL}/tableau-de-bord`);
    await figure(p, 'members').waitFor();
    const [file] = await Promise.all([
      p.waitForEvent('download'),
      p.locator('.export-links').getByRole('link', { name: 'CSV', exact: true }).click(),
    ]);
    assert.match(file.suggestedFilename(), new RegExp(`^tableau-de-bord-reseau-${fixture.network.id}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const text = await readFile(await file.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFFIndicateur;Détail;Valeur'), text.slice(0, 80));
    assert.match(text, /Collectivités adhérentes;au \d{4}-\d{2}-\d{2};[1-9]/);

    await p.getByLabel('Du', { exact: true }).fill('2024-06-30');
    await p.getByLabel('Au', { exact: true }).fill('2024-01-01');
    await p.getByRole('button', { name: 'Afficher' }).click();
    await p.waitForURL((url) => url.searchParams.get('du') === '2024-06-30' && url.searchParams.get('au') === '2024-01-01');
    const error = p.locator('#tdb-au-erreur');
    await error.waitFor();
    assert.match(normalise(await error.innerText()), /précède la date de début/);
    assert.equal(await p.getByLabel('Au', { exact: true }).getAttribute('aria-invalid'), 'true');
    await p.locator('main').getByRole('alert').getByRole('link', { name: 'Au' }).waitFor();
    await screenshot(p, 'tableau-de-bord-erreur');

    await p.getByLabel('Au', { exact: true }).fill('2024-12-31');
    await p.getByRole('button', { name: 'Afficher' }).click();
    await p.locator('.result-count', { hasText: 'du 30 juin 2024 au 31 décembre 2024' }).waitFor();
    const past = await expectApi(p, 'GET', `/dashboard?network=${fixture.network.id}&from=2024-06-30&to=2024-12-31`, undefined, 200);
    assert.equal(normalise(await figure(p, 'interactions').locator('.dashboard-number').innerText()), integer(past.interactions));
  });

  it('shows a national admin every network over metropolitan France', async () => {
    const admin = await newPage(browser, DESKTOP, pageErrors);
    const p = admin.p;
    await signIn(p, ADMIN);
    await p.goto(`${BASE_URL}/tableau-de-bord`);
    await figure(p, 'members').waitFor();
    assert.equal(await p.getByLabel('Réseau', { exact: true }).inputValue(), '');
    assert.equal(normalise(await p.getByLabel('Réseau', { exact: true }).locator('option:checked').innerText()), 'Tous les réseaux');
    const expected = await expectApi(p, 'GET', '/dashboard', undefined, 200);
    assert.equal(expected.network_id, null);
    assert.equal(normalise(await figure(p, 'members').locator('.dashboard-number').innerText()), integer(expected.members));
    const map = p.getByRole('group', { name: 'Carte des départements de tous les réseaux' });
    await map.waitFor();
    assert.equal(await map.locator('a[data-departement]').count(), 96);
    await shoot(p, 'national');

    await p.getByLabel('Réseau', { exact: true }).selectOption({ label: NETWORK });
    await p.getByRole('button', { name: 'Afficher' }).click();
    await p.waitForURL((url) => url.searchParams.get('network') === String(fixture.network.id));
    await p.getByRole('group', { name: `Carte des départements de ${NETWORK}` }).waitFor();
    await admin.ctx.close();
  });
});
