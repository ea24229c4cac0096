// The board of « Suivi » in headless Chromium (issue 9): a member of Territoires Solidaires' team
// puts Gréolières on the board at « Prise de contact » with a reason, moves it to « Adhésion » by
// its stage menu (the dialog says the membership will be recorded, the card then says
// « Adhérente »), moves it back to « Prise de contact » (the dialog says the membership ends),
// notes a call on its fiche with a next action already due (shown late in the journal and in
// « Mes relances », then marked done), moves it from the fiche, and RESACOOP's team sees none of
// it on their own board. Screenshots (suivi-*.png, desktop and
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
} from './support.mjs';

const STAFF = 'staff@test.rrma.fr';
const OTHER_STAFF = 'autre@test.rrma.fr';
const COMMUNE = 'Gréolières';

let browser;
const pageErrors = [];

async function shoot(p, name) {
  await screenshot(p, `suivi-${name}`);
  await p.setViewportSize(MOBILE);
  await assertNoHorizontalOverflow(p, name);
  await screenshot(p, `suivi-${name}-mobile`);
  await p.setViewportSize(DESKTOP);
}

const column = (p, label) => p.locator('section.board-column', { has: p.getByRole('heading', { level: 3, name: new RegExp(`^${label}`) }) });
const card = (p, label) => column(p, label).locator('.board-card', { has: p.getByRole('link', { name: COMMUNE, exact: true }) });

describe('the board of « Suivi »', { timeout: 180_000 }, () => {
  let staff;

  before(async () => {
    browser = await launchBrowser();
    staff = await newPage(browser, DESKTOP, pageErrors);
    await signIn(staff.p, STAFF);
  });

  after(async () => {
    await browser?.close();
    assert.deepEqual(pageErrors, []);
  });

  it('puts a collectivité on the board at « Prise de contact » with the reason', async () => {
    const p = staff.p;
    await p.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Suivi', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Suivi des collectivités' }).waitFor();
    assert.match(await p.title(), /^Suivi des collectivités/);
    for (const label of ['Non contactée', 'Prise de contact', 'Adhésion', 'Opportunités communes', "Relation d'échange", 'Collaboration']) {
      await column(p, label).waitFor();
    }
    await p.getByLabel('Collectivité', { exact: true }).fill('gréolières');
    await p.getByRole('list', { name: 'Résultats : Collectivité' }).getByRole('button', { name: COMMUNE, exact: true }).click();
    await p.getByLabel('Étape', { exact: true }).selectOption('prise_de_contact');
    await p.getByRole('button', { name: 'Placer sur le tableau' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByRole('heading', { name: `${COMMUNE} : Non contactée → Prise de contact` }).waitFor();
    await dialog.getByLabel('Motif (facultatif)').fill('Rencontre au salon des maires');
    await dialog.getByRole('button', { name: "Changer d'étape" }).click();
    await card(p, 'Prise de contact').waitFor();
    const text = normalise(await card(p, 'Prise de contact').innerText());
    assert.match(text, /Rencontre au salon des maires/);
    assert.match(text, /suivie par staff@test\.rrma\.fr/);
    await shoot(p, 'tableau');
    await expectNoSeriousAxeViolations(p, 'suivi');
  });

  it('moves it to « Adhésion » by its stage menu: the dialog says the membership is recorded', async () => {
    const p = staff.p;
    await card(p, 'Prise de contact').getByLabel(`Étape de ${COMMUNE}`).selectOption('adhesion');
    const dialog = p.getByRole('dialog');
    await dialog.getByRole('heading', { name: `${COMMUNE} : Prise de contact → Adhésion` }).waitFor();
    assert.match(normalise(await dialog.locator('.panel-note').innerText()), /adhésion à Territoires Solidaires sera enregistrée/);
    await screenshot(p, 'suivi-dialogue');
    await dialog.getByRole('button', { name: "Changer d'étape" }).click();
    await card(p, 'Adhésion').getByText('Adhérente').waitFor();
    assert.equal(await card(p, 'Prise de contact').count(), 0);
  });

  it('is moved back to « Prise de contact »: the dialog says the membership ends', async () => {
    const p = staff.p;
    // Through the card's menu, as a keyboard does: Playwright's HTML5 drag of a SortableJS card
    // passed here and failed on a CI machine, so the drag itself is not asserted.
    await card(p, 'Adhésion').getByLabel(`Étape de ${COMMUNE}`).selectOption('prise_de_contact');
    const dialog = p.getByRole('dialog');
    await dialog.getByRole('heading', { name: `${COMMUNE} : Adhésion → Prise de contact` }).waitFor();
    assert.match(normalise(await dialog.locator('.panel-note').innerText()), /prendra fin/);
    await dialog.getByLabel('Motif (facultatif)').fill('Adhésion saisie par erreur');
    await dialog.getByRole('button', { name: "Changer d'étape" }).click();
    await card(p, 'Prise de contact').waitFor();
    assert.equal(await card(p, 'Prise de contact').getByText('Adhérente').count(), 0);
    const networks = await api(p, 'GET', '/networks?per_page=200');
    const ts = networks.body.items.find((n) => n.name === 'Territoires Solidaires');
    const board = await api(p, 'GET', `/pipeline?network=${ts.id}&stage=prise_de_contact&per_page=200`);
    const entry = board.body.items.find((e) => e.organisation.name === COMMUNE);
    assert.equal(entry.member, false);
    assert.equal(entry.reason, 'Adhésion saisie par erreur');
  });

  it('notes a call on the fiche with a next action already due, which « Mes relances » lists as late', async () => {
    const p = staff.p;
    await card(p, 'Prise de contact').getByRole('link', { name: COMMUNE, exact: true }).click();
    await p.getByRole('heading', { level: 1, name: COMMUNE }).waitFor();
    const section = p.locator('section.engagement');
    await section.getByRole('heading', { level: 2, name: 'Suivi et accompagnements' }).waitFor();
    assert.match(normalise(await section.locator('.engagement-stage-now').innerText()), /Avec Territoires Solidaires : Prise de contact/);
    await section.getByLabel("Type d'accompagnement").selectOption('prise_de_contact');
    await section.getByLabel('Objet', { exact: true }).fill('Appel à la secrétaire de mairie');
    await section.getByLabel('Compte rendu (facultatif)').fill('Le maire souhaite une rencontre en janvier.');
    await section.getByLabel('Prochaine action (facultatif)').fill('Envoyer la plaquette du réseau');
    await section.getByLabel('Échéance (facultatif)').fill('2020-01-10');
    await section.getByRole('button', { name: "Noter l'accompagnement" }).click();
    await section.getByText(/Accompagnement noté\. Son échéance est déjà passée/).waitFor();
    const journal = section.getByRole('list', { name: 'Journal du suivi' });
    await journal.getByText('Appel à la secrétaire de mairie', { exact: true }).waitFor();
    assert.match(normalise(await journal.innerText()), /Envoyer la plaquette du réseau \(pour le 10 janvier 2020\) — en retard/);
    assert.match(normalise(await journal.innerText()), /Étape Non contactée → Prise de contact/);
    await shoot(p, 'fiche');

    await section.getByLabel('Nouvelle étape').selectOption('opportunites_communes');
    await section.getByText(/adhésion à Territoires Solidaires sera enregistrée/).waitFor();
    await section.getByRole('button', { name: "Changer d'étape" }).click();
    await section.locator('.engagement-stage-now', { hasText: 'Opportunités communes' }).waitFor();
    await section.locator('.engagement-stage-now').getByText('Adhérente').waitFor();

    await p.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Relances', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Mes relances' }).waitFor();
    const late = p.locator('section.relances', { has: p.getByRole('heading', { level: 2, name: /^En retard/ }) });
    const item = late.locator('.record-item', { hasText: 'Envoyer la plaquette du réseau' });
    await item.waitFor();
    assert.match(normalise(await item.innerText()), new RegExp(`avec ${COMMUNE}`));
    await shoot(p, 'relances');
    await expectNoSeriousAxeViolations(p, 'relances');
    await item.getByRole('button', { name: /^Marquer comme faite/ }).click();
    await late.locator('.record-item', { hasText: 'Envoyer la plaquette du réseau' }).waitFor({ state: 'detached' });
  });

  it('downloads the board and a fiche\'s relations as files a spreadsheet opens', async () => {
    const p = staff.p;
    await p.goto(`${BASE_URL}/suivi`);
    await card(p, 'Opportunités communes').waitFor();
    const [board] = await Promise.all([
      p.waitForEvent('download'),
      p.locator('.export-links').getByRole('link', { name: 'CSV', exact: true }).click(),
    ]);
    assert.match(board.suggestedFilename(), /^suivi-reseau-\d+\.csv$/);
    const text = await readFile(await board.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFFCollectivité;Code INSEE;'), text.slice(0, 80));
    assert.ok(text.includes(`${COMMUNE};06070;commune;`), text);

    await card(p, 'Opportunités communes').getByRole('link', { name: COMMUNE, exact: true }).click();
    await p.getByRole('heading', { level: 1, name: COMMUNE }).waitFor();
    const [relations] = await Promise.all([
      p.waitForEvent('download'),
      p.locator('section.relations .export-links').getByRole('link', { name: 'Excel (XLSX)' }).click(),
    ]);
    assert.match(relations.suggestedFilename(), /\.xlsx$/);
    const bytes = await readFile(await relations.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX file is a zip');
  });

  it("is not on RESACOOP's board", async () => {
    const other = await newPage(browser, DESKTOP, pageErrors);
    await signIn(other.p, OTHER_STAFF);
    await other.p.goto(`${BASE_URL}/suivi`);
    await other.p.getByRole('heading', { level: 2, name: 'Tableau de RESACOOP' }).waitFor();
    await other.p.locator('.result-count', { hasText: /suivie|Aucune/ }).waitFor();
    assert.equal(await other.p.getByRole('link', { name: COMMUNE, exact: true }).count(), 0);
    await other.ctx.close();
  });
});
