// The lever of seed 000 walked through the web UI in headless Chromium, against a running
// `rrma serve` (RRMA_URL): a member of Territoires Solidaires' team records MAS (Méditerranée
// Afrique Solidarité, active in Togo and Bénin) with « Nouvel acteur », adds its membership of
// the network and the board seats of Mouans-Sartoux, Peymeinade and Valbonne on its fiche (the
// form proposing each commune as the one seated), sees the neighbourhood graph, then finds the
// three communes in « Pistes » through MAS with the sentence of seed 000, the score explained,
// and the group of three in « Opportunités communes ». RESACOOP's team
// then finds neither MAS nor its name. Uses the accounts scripts/run-tests creates (staff@, Territoires
// Solidaires; autre@, RESACOOP). Other test files share the server: MAS gets a unique name and
// RNA. Screenshots (directory-*.png, desktop and 375 px) go to $RRMA_SCREENSHOTS.
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
const OTHER_STAFF = 'autre@test.rrma.fr';
const NETWORK = 'Territoires Solidaires';
const COMMUNES = ['Mouans-Sartoux', 'Peymeinade', 'Valbonne'];

/** Collapses the whitespace of a rendered text (and the no-break spaces of French formatting). */

let browser;
const pageErrors = [];
const tag = unique();
const MAS = `Méditerranée Afrique Solidarité ${tag}`;
const RNA = `W06${String(Date.now()).slice(-7)}`;
let masId = 0;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Picks `name` in the OrganisationPicker labelled `label` (`optional` when its label says
 * « (facultatif) »): types `term`, chooses the exact result, waits for the « Changer » button.
 */
async function pick(scope, label, term, name, optional = false) {
  await scope.getByLabel(optional ? `${label} (facultatif)` : label, { exact: true }).fill(term);
  await scope.getByRole('list', { name: `Résultats : ${label}` }).getByRole('button', { name, exact: true }).first().click();
  await scope.getByRole('button', { name: 'Changer', exact: true }).first().waitFor();
}

/**
 * Adds a relationship from MAS's fiche with the « Ajouter une relation » form; `direction`, the
 * sentence of the direction, must be the one the form proposes.
 */
async function addRelationship(p, { kind, term, name, direction, start }) {
  await p.getByRole('button', { name: 'Ajouter une relation' }).click();
  const form = p.locator('section.panel-note', { has: p.getByRole('heading', { name: 'Ajouter une relation' }) });
  await form.getByLabel('Type de relation').selectOption({ label: kind });
  await pick(form, 'Organisation liée', term, name);
  if (direction) {
    assert.ok(await form.getByLabel(direction, { exact: true }).isChecked(), `the form proposes « ${direction} »`);
  }
  if (start) await form.getByLabel('Début').fill(start);
  await form.getByRole('button', { name: 'Enregistrer la relation' }).click();
  await p.getByText('Relation enregistrée.').waitFor();
}

async function shoot(p, name) {
  await screenshot(p, `directory-${name}`);
  await p.setViewportSize(MOBILE);
  await assertNoHorizontalOverflow(p, name);
  await screenshot(p, `directory-${name}-mobile`);
  await p.setViewportSize(DESKTOP);
}

describe('the lever of seed 000 through the web UI', { timeout: 120_000 }, () => {
  let staff;

  before(async () => {
    browser = await launchBrowser();
    staff = await openPage(browser, DESKTOP, pageErrors);
    await signIn(staff.p, STAFF);
  });

  after(async () => {
    await browser?.close();
  });

  it('links « Pistes » and « Opportunités communes » from the navigation and the home page, no longer « bientôt »', async () => {
    const p = staff.p;
    await p.goto(`${BASE_URL}/`);
    const nav = p.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Pistes', exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Opportunités communes', exact: true }).waitFor();
    assert.doesNotMatch(normalise(await nav.locator('.nav-soon-group').innerText()), /Prospection|Accompagnement/);
    const sections = p.locator('main section', { has: p.getByRole('heading', { level: 2, name: 'Ce que vous trouverez ici' }) });
    await sections.getByRole('link', { name: 'Pistes', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Pistes' }).waitFor();
    await p.goBack();
    await sections.getByRole('link', { name: 'Opportunités communes', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Opportunités communes' }).waitFor();
    await p.goBack();
    assert.doesNotMatch(normalise(await sections.innerText()), /venir : (prospection|suivi)/i);
    await shoot(p, 'accueil');
  });

  it('records MAS with « Nouvel acteur », reached from the directory', async () => {
    const p = staff.p;
    await p.goto(`${BASE_URL}/organisations`);
    await p.getByRole('link', { name: 'Nouvel acteur' }).click();
    await p.getByRole('heading', { level: 1, name: 'Nouvel acteur' }).waitFor();
    assert.match(await p.title(), /^Nouvel acteur/);

    // Sent empty, the form names what is missing, beside each field and in the summary. The only
    // network of the account is chosen for it once the networks are loaded.
    await p.waitForFunction(() => document.querySelector('#nouvel-acteur-reseau')?.value);
    await p.getByRole('button', { name: 'Créer la fiche' }).click();
    const summary = p.locator('main').getByRole('alert').first();
    await summary.waitFor();
    assert.match(normalise(await summary.innerText()), /Corrigez les champs « Type d'acteur » et « Nom »/);
    await p.getByText("Choisissez le type d'acteur.").waitFor();

    await p.getByLabel("Type d'acteur").selectOption({ label: 'Association / OSC' });
    await p.getByLabel('Nom', { exact: true }).fill(MAS);
    await p.getByLabel(/^Sigle/).fill('MAS');
    await p.getByLabel(/^Numéro RNA/).fill(RNA);
    await pick(p, 'Commune', 'Mouans', 'Mouans-Sartoux', true);
    const countries = p.getByRole('searchbox', { name: "Pays d'action (facultatif)" });
    for (const country of ['Togo', 'Bénin']) {
      await countries.fill(country);
      await p.getByRole('button', { name: `Ajouter ${country}`, exact: true }).click();
      await p.getByRole('button', { name: `Retirer ${country}` }).waitFor();
    }
    await p.getByRole('textbox', { name: 'Thématiques (facultatif)' }).fill('Santé');
    await p.keyboard.press('Enter');
    await p.getByLabel(/^3\. /).check();
    assert.equal(await p.getByLabel('Visibilité').inputValue(), 'private');
    await shoot(p, 'nouvel-acteur');

    await p.getByRole('button', { name: 'Créer la fiche' }).click();
    await p.waitForURL(/\/organisations\/\d+$/);
    masId = Number(new URL(p.url()).pathname.split('/').pop());
    await p.getByRole('heading', { level: 1, name: `${MAS} (MAS)` }).waitFor();
    await p.getByText('Fiche créée.').waitFor();
    const facts = normalise(await p.locator('dl.facts').innerText());
    for (const expected of ['Association / OSC', RNA, 'Mouans-Sartoux (06084)', 'Alpes-Maritimes', 'Togo, Bénin', 'Santé', NETWORK]) {
      assert.ok(facts.includes(expected), `the fiche shows « ${expected} »: ${facts}`);
    }
    await p.getByRole('heading', { level: 2, name: 'Relations', exact: true }).waitFor();
    await p.getByText("Aucune relation enregistrée pour l'instant.").waitFor();
    assert.equal(await p.getByRole('link', { name: "Collectivités qu'elle ouvre" }).count(), 0, 'no door without a relation');
  });

  it('adds the membership of Territoires Solidaires and three board seats on the fiche', async () => {
    const p = staff.p;
    await addRelationship(p, { kind: 'Adhésion', term: NETWORK, name: NETWORK, direction: `MAS adhère à ${NETWORK}`.replace('MAS', `${MAS} (MAS)`) });
    // Its own membership opens no door: the link to « Pistes » waits for someone on its CA.
    assert.equal(await p.getByRole('link', { name: "Collectivités qu'elle ouvre" }).count(), 0);
    for (const commune of COMMUNES) {
      await addRelationship(p, {
        kind: 'Siège au CA',
        term: commune,
        name: commune,
        direction: `${commune} siège au CA de ${MAS} (MAS)`,
        start: '2019-01-01',
      });
    }
    const seats = p.locator('section.relations section', { has: p.getByRole('heading', { level: 3, name: /^Sièges au CA/ }) });
    await seats.getByRole('heading', { name: 'Sièges au CA (3)' }).waitFor();
    const text = normalise(await seats.innerText());
    for (const commune of COMMUNES) assert.ok(text.includes(`${commune} siège au CA de ${MAS} — membre`), text);
    assert.ok(text.includes('depuis le 1er janvier 2019'), text);
    await seats.getByRole('link', { name: 'Peymeinade', exact: true }).waitFor();
    const memberships = p.locator('section.relations section', { has: p.getByRole('heading', { level: 3, name: /^Adhésions/ }) });
    await memberships.getByRole('link', { name: NETWORK, exact: true }).waitFor();

    // An edit changes the role; the seat keeps its dates.
    const valbonne = p.locator('.relation-item', { hasText: 'Valbonne siège au CA' });
    await valbonne.getByRole('button', { name: /^Modifier/ }).click();
    await valbonne.getByLabel('Rôle au CA').selectOption({ label: 'trésorier·e' });
    await valbonne.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await p.getByText('Modifications enregistrées.').waitFor();
    await p.locator('.relation-item', { hasText: 'Valbonne siège au CA' }).getByText(/— trésorier·e/).waitFor();

    // The communes on its CA make it a door; the relations come before the networks' notes.
    await p.getByRole('link', { name: "Collectivités qu'elle ouvre" }).waitFor();
    const top = async (name) => (await p.getByRole('heading', { level: 2, name, exact: true }).boundingBox()).y;
    assert.ok((await top('Relations (4)')) < (await top('Notes des réseaux')), 'the notes come after the relations');
  });

  it("proposes, on a commune's fiche, the commune as the one seated on the other's CA, and keeps the user's choice", async () => {
    const p = staff.p;
    await p.goto(`${BASE_URL}/organisations?q=Peymeinade&category=commune`);
    await p.locator('.org-list').getByRole('link', { name: 'Peymeinade', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Peymeinade' }).waitFor();
    await p.getByRole('button', { name: 'Ajouter une relation' }).click();
    const form = p.locator('section.panel-note', { has: p.getByRole('heading', { name: 'Ajouter une relation' }) });
    await form.getByLabel('Type de relation').selectOption({ label: 'Siège au CA' });
    const direction = form.getByRole('group', { name: 'Sens : qui siège au CA de qui ?' });
    assert.ok(await direction.getByLabel("Peymeinade siège au CA de l'organisation choisie", { exact: true }).isChecked());
    await pick(form, 'Organisation liée', tag, MAS);
    const seated = direction.getByLabel(`Peymeinade siège au CA de ${MAS}`, { exact: true });
    const other = direction.getByLabel(`${MAS} siège au CA de Peymeinade`, { exact: true });
    assert.ok(await seated.isChecked());
    await shoot(p, 'sens-siege');
    // Switched by hand, the direction stays when the other organisation is picked again.
    await other.check();
    await form.getByRole('button', { name: 'Changer', exact: true }).click();
    await pick(form, 'Organisation liée', tag, MAS);
    assert.ok(await other.isChecked(), 'the chosen direction is kept');
    await form.getByRole('button', { name: 'Annuler', exact: true }).click();
    await p.goto(`${BASE_URL}/organisations/${masId}`);
    await p.getByRole('heading', { level: 1, name: `${MAS} (MAS)` }).waitFor();
  });

  it('draws the neighbourhood graph, with the same organisations listed as links', async () => {
    const p = staff.p;
    const graph = p.locator('section.graph');
    await graph.getByRole('heading', { level: 2, name: 'Graphe des relations' }).waitFor();
    await graph.locator('.graph-canvas canvas').first().waitFor({ state: 'attached' });
    const nodes = graph.locator('.graph-nodes');
    for (const name of [...COMMUNES, NETWORK]) {
      await nodes.getByRole('link', { name, exact: true }).waitFor();
    }
    assert.match(normalise(await graph.locator('.result-count').innerText()), /organisations liées, \d+ relations/);
    // Filtering out board seats leaves only the network at one relation.
    await graph.getByLabel('Sièges au CA').uncheck();
    await nodes.getByRole('link', { name: 'Peymeinade', exact: true }).waitFor({ state: 'detached' });
    await nodes.getByRole('link', { name: NETWORK, exact: true }).waitFor();
    await graph.getByLabel('Sièges au CA').check();
    await nodes.getByRole('link', { name: 'Peymeinade', exact: true }).waitFor();
    // MAS and its neighbours are named in the drawing; the others too while the graph is small
    // (other tests' members of the network may crowd it, two relations away).
    const drawn = await graph.locator('.graph-canvas').evaluate((el) =>
      el._cyreg.cy.nodes().map((n) => ({ depth: n.data('depth'), named: Number(n.style('text-opacity')) > 0 })),
    );
    const crowded = drawn.length > 15;
    assert.ok(drawn.filter((n) => n.depth <= 1).every((n) => n.named), 'MAS and its neighbours are named');
    assert.ok(crowded || drawn.every((n) => n.named), 'a small graph names every organisation');
    assert.equal(await graph.locator('.graph-crowded').count(), crowded ? 1 : 0);
    await p.waitForTimeout(1500); // let the layout settle before the picture
    await shoot(p, 'fiche-mas');
  });

  it('finds the three communes in « Pistes » through MAS, with the sentence of seed 000', async () => {
    const p = staff.p;
    await p.getByRole('link', { name: "Collectivités qu'elle ouvre" }).click();
    await p.waitForURL(new RegExp(`/pistes\\?via=${masId}$`));
    await p.getByRole('heading', { level: 1, name: 'Pistes' }).waitFor();
    await p.getByRole('heading', { level: 2, name: new RegExp(`en passant par ${MAS}`) }).waitFor();
    const list = p.locator('.outreach-list');
    for (const commune of COMMUNES) await list.getByRole('link', { name: commune, exact: true }).waitFor();
    const peymeinade = list.locator('.outreach-item', { has: p.getByRole('link', { name: 'Peymeinade', exact: true }) });
    assert.ok(
      normalise(await peymeinade.innerText()).includes(
        `Peymeinade siège au CA de ${MAS} (MAS), association adhérente de ${NETWORK}, active au Togo et au Bénin.`,
      ),
      normalise(await peymeinade.innerText()),
    );
    await peymeinade.getByRole('link', { name: MAS, exact: true }).first().waitFor();
    assert.equal(await peymeinade.locator('meter').count(), 1);
    assert.match(normalise(await peymeinade.innerText()), /INSEE 06095/);
    assert.match(normalise(await peymeinade.locator('.path-kind').first().innerText()), /^Par un acteur local$/);

    // The score is explained beside the list, in a few words and in full once opened.
    const legend = p.locator('details.score-legend');
    const summary = legend.locator('summary');
    assert.equal(normalise(await summary.innerText()), 'Comment lire le score : siège au CA, puis adhésion, puis partenariat');
    await summary.click();
    const explained = normalise(await legend.innerText());
    for (const expected of [
      "un siège au CA plus qu'une adhésion, une adhésion plus qu'un partenariat",
      'une présidence',
      'moins de trois ans',
      "un chemin par un seul acteur compte le double d'un chemin par deux acteurs",
      "l'intercommunalité, ou à défaut la Région",
    ]) {
      assert.ok(explained.includes(expected), `the legend says « ${expected} »: ${explained}`);
    }
    await shoot(p, 'pistes');
  });

  it('shows every path of a collectivité that several actors open, the best first', async () => {
    const p = staff.p;
    // A second association of the network with Peymeinade presiding its CA since today: a second
    // door, whatever earlier runs on the same database left (only three paths are kept).
    const networks = await api(p, 'GET', '/networks?per_page=200');
    const network = networks.body.items.find((n) => n.name === NETWORK);
    const communes = await api(p, 'GET', '/organisations?insee=06095&category=commune');
    const peymeinadeId = communes.body.items[0].id;
    const second = await api(p, 'POST', '/organisations', {
      network_id: network.id, visibility: 'private', kind: 'association', name: `Seconde porte ${tag}`,
    });
    assert.equal(second.status, 201, JSON.stringify(second.body));
    const today = new Date().toISOString().slice(0, 10);
    for (const relation of [
      { kind: 'member_of', from_id: second.body.id, to_id: network.organisation_id },
      { kind: 'board_seat', from_id: peymeinadeId, to_id: second.body.id, role: 'president', start_date: today },
    ]) {
      const made = await api(p, 'POST', '/relationships', { ...relation, network_id: network.id, visibility: 'private' });
      assert.equal(made.status, 201, JSON.stringify(made.body));
    }

    // The API's answer first (the server rebuilds its graph after the writes), then the page's.
    const answer = await api(p, 'GET', `/outreach?network=${network.id}&departement=06&category=commune&per_page=20`);
    const paths = answer.body.items.find((item) => item.target.id === peymeinadeId)?.paths ?? [];
    assert.ok(paths.length >= 2, `Peymeinade has several doors: ${paths.length}`);
    assert.match(paths[0].explanation, /^Peymeinade préside le CA de Seconde porte /, 'a presidency of today is the best door');
    await p.goto(`${BASE_URL}/pistes?departement=06&category=commune`);
    const list = p.locator('.outreach-list');
    const peymeinade = list.locator('.outreach-item', { has: p.getByRole('link', { name: 'Peymeinade', exact: true }) });
    await peymeinade.locator('.path-sentence').nth(paths.length - 1).waitFor({ timeout: 30_000 });
    const shown = (await peymeinade.locator('.path-sentence').allInnerTexts()).map(normalise);
    assert.deepEqual(shown, paths.map((path) => normalise(path.explanation)), 'every path, in the order of the API');
    assert.match(normalise(await peymeinade.locator('.outreach-doors').innerText()), new RegExp(`^${paths.length} chemins, le meilleur en premier`));
    await peymeinade.scrollIntoViewIfNeeded();
    await shoot(p, 'pistes-chemins');
  });

  it('proposes {Mouans-Sartoux, Peymeinade, Valbonne} in « Opportunités communes »', async () => {
    const p = staff.p;
    await p.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Opportunités communes' }).click();
    await p.getByRole('heading', { level: 1, name: 'Opportunités communes' }).waitFor();
    await p.getByLabel('Département').selectOption('06');
    await p.getByRole('button', { name: 'Afficher les opportunités' }).click();
    await p.waitForURL(/departement=06/);
    const group = p.locator('.consortium-item', { has: p.getByRole('link', { name: new RegExp(escapeRegExp(MAS)) }) });
    await group.waitFor();
    const members = await group.locator('.consortium-members a').allInnerTexts();
    assert.deepEqual(members.map(normalise).sort(), COMMUNES);
    assert.match(normalise(await group.innerText()), /Conseil d'administration/);
    assert.match(normalise(await group.locator('.path-sentence').innerText()), new RegExp(NETWORK));
    await shoot(p, 'opportunites');
  });

  it("shows nothing of MAS to RESACOOP's team", async () => {
    const other = await openPage(browser, DESKTOP, pageErrors);
    try {
      const p = other.p;
      await signIn(p, OTHER_STAFF);
      await p.goto(`${BASE_URL}/organisations/${masId}`);
      await p.getByRole('heading', { level: 1, name: 'Organisation introuvable' }).waitFor();
      await p.goto(`${BASE_URL}/pistes`);
      await p.getByRole('heading', { level: 2, name: /^Pistes pour RESACOOP/ }).waitFor();
      await p.locator('.results .result-count').filter({ hasNotText: 'Recherche des pistes…' }).waitFor();
      await p.waitForLoadState('networkidle');
      assert.ok(!(await p.locator('main').innerText()).includes(tag), "RESACOOP's pistes do not name MAS");
      await p.goto(`${BASE_URL}/organisations?q=${encodeURIComponent(tag)}`);
      await p.getByText('Aucune organisation ne correspond à ces critères.').waitFor();
    } finally {
      await other.ctx.close();
    }
  });

  it('raised no JavaScript error nor console warning, and broke no Content-Security-Policy rule', () => {
    assert.deepEqual(pageErrors, []);
  });
});
