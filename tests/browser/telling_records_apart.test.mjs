// What a new user of a network's team found confusing, walked through the web UI in headless
// Chromium against a running `rrma serve` (RRMA_URL): a second record of a name already recorded
// in the same commune, duplicates that cannot be told apart, a commune's graph crowded by the
// other communes of its EPCI and their overlapping names, a « Fiche créée. » that came back,
// « Clé en main » unexplained, « 0 relations », and actors listed without their commune. Uses the account scripts/run-tests
// creates (staff@, Territoires Solidaires); names carry a unique tag so that runs do not meet.
// Screenshots (records-*.png, desktop and 375 px) go to $RRMA_SCREENSHOTS.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL,
  DESKTOP,
  MOBILE,
  api,
  assertNoHorizontalOverflow,
  launchBrowser,
  newPage as openPage,
  normalise,
  screenshot,
  signIn,
  unique,
} from './support.mjs';

const STAFF = 'staff@test.rrma.fr';
const NETWORK = 'Territoires Solidaires';

let browser;
const pageErrors = [];
const tag = unique();
const NAME = `Amitié Valbonne Sahel ${tag}`;

async function shoot(p, name) {
  await screenshot(p, `records-${name}`);
  await p.setViewportSize(MOBILE);
  await assertNoHorizontalOverflow(p, name);
  await screenshot(p, `records-${name}-mobile`);
  await p.setViewportSize(DESKTOP);
}

async function expectApi(p, method, path, body, status) {
  const answer = await api(p, method, path, body);
  assert.equal(answer.status, status, `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The directory id of the commune with INSEE code `insee`. */
async function communeId(p, insee) {
  const page = await expectApi(p, 'GET', `/organisations?insee=${insee}&category=commune`, undefined, 200);
  return page.items[0].id;
}

/** Fills « Nouvel acteur » with an association named `name` based in Valbonne, without sending it. */
async function fillNewActor(p, name) {
  await p.goto(`${BASE_URL}/organisations/nouvelle`);
  await p.getByRole('heading', { level: 1, name: 'Nouvel acteur' }).waitFor();
  await p.getByLabel("Type d'acteur").selectOption({ label: 'Association / OSC' });
  await p.getByLabel('Nom', { exact: true }).fill(name);
  await p.getByLabel('Commune (facultatif)', { exact: true }).fill('Valbonne');
  await p.getByRole('list', { name: 'Résultats : Commune' }).getByRole('button', { name: 'Valbonne', exact: true }).first().click();
  await p.getByRole('button', { name: 'Changer', exact: true }).first().waitFor();
}

describe('telling records apart through the web UI', { timeout: 180_000 }, () => {
  let staff;
  let firstId = 0;
  let secondId = 0;
  let network = 0;

  before(async () => {
    browser = await launchBrowser();
    staff = await openPage(browser, DESKTOP, pageErrors);
    await signIn(staff.p, STAFF);
    const networks = await expectApi(staff.p, 'GET', '/networks?per_page=200', undefined, 200);
    network = networks.items.find((n) => n.name === NETWORK).id;
  });

  after(async () => {
    await browser?.close();
  });

  it('creates an actor and says « Fiche créée. » once, not again when the user comes back to the fiche', async () => {
    const p = staff.p;
    await fillNewActor(p, NAME);
    await p.getByRole('button', { name: 'Créer la fiche' }).click();
    await p.waitForURL(/\/organisations\/\d+$/);
    firstId = Number(new URL(p.url()).pathname.split('/').pop());
    await p.getByText('Fiche créée.').waitFor();

    await p.getByRole('navigation', { name: /fil d'ariane/i }).getByRole('link', { name: 'Annuaire' }).click();
    await p.waitForURL(/\/organisations$/);
    await p.goBack();
    await p.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await p.getByText("Aucune relation enregistrée pour l'instant.").waitFor();
    assert.equal(await p.getByText('Fiche créée.').count(), 0, 'the browser back button does not bring the banner back');

    await p.goto(`${BASE_URL}/organisations?q=${encodeURIComponent(NAME)}`);
    await p.locator('.org-list').getByRole('link', { name: NAME, exact: true }).click();
    await p.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await p.getByText("Aucune relation enregistrée pour l'instant.").waitFor();
    assert.equal(await p.getByText('Fiche créée.').count(), 0, 'a link back to the fiche does not show it either');
  });

  it('says in one sentence that an actor has no relation, and counts one relation in the singular', async () => {
    const p = staff.p;
    await p.goto(`${BASE_URL}/organisations/${firstId}`);
    const main = p.locator('main');
    await main.getByText("Aucune relation enregistrée pour l'instant.").waitFor();
    const text = normalise(await main.innerText());
    assert.equal(text.split("Aucune relation enregistrée pour l'instant.").length, 2, 'said once');
    assert.doesNotMatch(text, /\b0 relations?\b|aucune organisation liée/i);
    assert.equal(await p.locator('section.graph').count(), 0, 'no empty graph under the sentence');
    await shoot(p, 'sans-relation');

    // A partner of its own, so that no other test's relations join the graph.
    const partner = await expectApi(p, 'POST', '/organisations', {
      network_id: network, visibility: 'private', kind: 'association', name: `Partenaire ${tag}`,
    }, 201);
    await expectApi(p, 'POST', '/relationships', { kind: 'partnership', from_id: firstId, to_id: partner.id, network_id: network, visibility: 'private' }, 201);
    await p.reload();
    const graph = p.locator('section.graph');
    await graph.getByText('1 organisation liée, 1 relation', { exact: true }).waitFor();
    await p.getByRole('heading', { level: 2, name: 'Relations (1)' }).waitFor();
  });

  it('warns before creating an actor whose name is already recorded in the same commune, and lets the user go on', async () => {
    const p = staff.p;
    await fillNewActor(p, NAME.toUpperCase().replace('AMITIÉ', 'Amitie'));
    const warning = p.locator('.warning-panel');
    await warning.waitFor();
    assert.equal(normalise(await warning.locator('p').first().innerText()), `Une fiche porte déjà ce nom à Valbonne : ${NAME} (nouvel onglet)`);
    assert.equal(await warning.getByRole('link', { name: NAME }).getAttribute('href'), `/organisations/${firstId}`);
    await shoot(p, 'meme-nom');

    await p.getByLabel('Nom', { exact: true }).fill(`${NAME} bis`);
    await warning.waitFor({ state: 'detached' });
    await p.getByLabel('Nom', { exact: true }).fill(NAME);
    await warning.waitFor();
    await p.getByRole('button', { name: 'Créer la fiche' }).click();
    await p.waitForURL(/\/organisations\/\d+$/);
    secondId = Number(new URL(p.url()).pathname.split('/').pop());
    assert.notEqual(secondId, firstId);
    await p.getByText('Fiche créée.').waitFor();
  });

  it('shows each possible duplicate with its commune, identifiers, network, creation date and relations, beside this fiche', async () => {
    const p = staff.p;
    const duplicates = p.locator('section.duplicates');
    await duplicates.getByRole('heading', { level: 2, name: 'Doublons possibles (1)' }).waitFor();
    const self = normalise(await duplicates.locator('.duplicate-self').innerText());
    for (const expected of ['Cette fiche', 'Commune Valbonne (06152)', 'RNA Non renseigné', `Fiche tenue par ${NETWORK}`, 'Relations Aucune relation']) {
      assert.ok(self.includes(expected), `this fiche shows « ${expected} »: ${self}`);
    }
    assert.match(self, /Créée le \d{1,2}(er)? \p{L}+ \d{4} à \d{2}:\d{2}/u);
    const other = normalise(await duplicates.locator('.duplicate-item').innerText());
    for (const expected of [NAME, 'même nom dans la même commune', 'Commune Valbonne (06152)', 'SIREN Non renseigné', `Fiche tenue par ${NETWORK}`, 'Relations 1 relation']) {
      assert.ok(other.includes(expected), `the candidate shows « ${expected} »: ${other}`);
    }
    await shoot(p, 'doublons');
  });

  it('lists actors in the directory with their commune and département', async () => {
    const p = staff.p;
    await p.goto(`${BASE_URL}/organisations?q=${encodeURIComponent(NAME)}`);
    const items = p.locator('.org-item', { has: p.getByRole('link', { name: NAME, exact: true }) });
    await items.first().waitFor();
    assert.equal(await items.count(), 2);
    for (const text of await items.allInnerTexts()) {
      assert.match(normalise(text), /Association \/ OSC Commune Valbonne Département Alpes-Maritimes \(06\)/);
    }
    await shoot(p, 'annuaire');
  });

  it('draws a commune\'s graph with the relations networks recorded, and its EPCI only when asked', async () => {
    const p = staff.p;
    const valbonne = await communeId(p, '06152');
    await expectApi(p, 'POST', '/relationships', { kind: 'board_seat', from_id: valbonne, to_id: secondId, network_id: network, visibility: 'private' }, 201);
    await p.goto(`${BASE_URL}/organisations/${valbonne}`);
    const graph = p.locator('section.graph');
    const nodes = graph.locator('.graph-nodes');
    await nodes.getByRole('link', { name: NAME, exact: true }).waitFor();
    const toggle = graph.getByLabel('Inclure les appartenances officielles aux intercommunalités (COG)');
    assert.equal(await toggle.isChecked(), false);
    assert.equal(await nodes.getByRole('link', { name: 'CA de Sophia Antipolis', exact: true }).count(), 0);
    const recorded = await nodes.getByRole('link').count();
    await p.waitForTimeout(1000); // let the layout settle before the picture
    await shoot(p, 'graphe-commune');

    await toggle.check();
    await nodes.getByRole('link', { name: 'CA de Sophia Antipolis', exact: true }).waitFor();
    await nodes.getByRole('link', { name: 'Biot', exact: true }).waitFor();
    await nodes.getByRole('link', { name: NAME, exact: true }).waitFor();
    const withCog = await nodes.getByRole('link').count();
    assert.ok(withCog >= recorded + 20, `the EPCI and its other communes join: ${recorded} then ${withCog}`);

    // So many organisations: the drawing names Valbonne and its recorded neighbours only, the
    // COG's communes are drawn smaller and named under the pointer, and the page says so.
    await graph.locator('.graph-crowded').waitFor();
    const canvas = graph.locator('.graph-canvas');
    await p.waitForFunction((count) => document.querySelector('.graph-canvas')?._cyreg?.cy?.nodes().length === count, withCog + 1);
    const drawn = await canvas.evaluate((el) =>
      el._cyreg.cy.nodes().map((n) => ({
        name: n.data('label'),
        depth: n.data('depth'),
        reference: n.data('reference'),
        named: Number(n.style('text-opacity')) > 0,
        fontSize: parseFloat(n.style('font-size')),
      })),
    );
    const centre = drawn.find((n) => n.depth === 0);
    assert.ok(centre.named, 'Valbonne is named');
    assert.ok(drawn.find((n) => n.name === NAME)?.named, 'its recorded neighbour is named');
    const cog = drawn.filter((n) => n.reference);
    assert.ok(cog.length >= 20, `the other communes of the EPCI are reference nodes: ${cog.length}`);
    assert.ok(cog.every((n) => !n.named && n.fontSize < 11), 'reference nodes are unnamed at rest, in a smaller type');
    // Under the pointer, a reference node shows its name.
    const shown = await canvas.evaluate((el) => {
      const node = el._cyreg.cy.nodes('[?reference]').first();
      node.emit('mouseover');
      return Number(node.style('text-opacity'));
    });
    assert.equal(shown, 1);
    await p.waitForTimeout(2000); // let the layout settle before the picture
    await shoot(p, 'graphe-commune-cog');
  });

  it('explains what a « Clé en main » is on « Opportunités communes »', async () => {
    const p = staff.p;
    await p.goto(`${BASE_URL}/opportunites`);
    const explanation = p.locator('aside', { has: p.getByRole('heading', { name: "Qu'est-ce qu'un « Clé en main » ?" }) });
    await explanation.waitFor();
    const text = normalise(await explanation.innerText());
    for (const expected of ["ministère de l'Europe et des Affaires étrangères (MEAE)", 'au moins trois collectivités', 'association ou un GIP']) {
      assert.ok(text.includes(expected), `the explanation says « ${expected} »: ${text}`);
    }
    await shoot(p, 'cle-en-main');
  });

  it('raised no JavaScript error, no console warning (Cytoscape options included) and no Content-Security-Policy violation', () => {
    assert.deepEqual(pageErrors, []);
  });
});
