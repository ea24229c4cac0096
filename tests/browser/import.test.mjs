// Spreadsheets, duplicates and notes through the web UI, in headless Chromium, against a running
// `rrma serve` (RRMA_URL). A member of Territoires Solidaires' team imports, from « Importer » on
// the directory page, a CSV file as a spreadsheet saves it (BOM, « ; », accents, a blank line,
// its own column names, a line repeated and a line with an unknown type): the check names the
// broken line and its column, « Importer » then writes nothing, « Importer les lignes valides »
// writes the others and offers the rejected line as a file. A colleague had recorded one of the
// associations by hand, with a board seat: its fiche proposes the duplicate, the merge brings
// the seat over, and « Annuler la fusion » takes it back. Last, a private note on Mouans-Sartoux
// that RESACOOP's team does not see. Uses the accounts scripts/run-tests creates (staff@,
// Territoires Solidaires; autre@, RESACOOP); names carry a unique tag so runs do not meet.
// Screenshots (import-*.png, desktop and 375 px) go to $RRMA_SCREENSHOTS.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

let browser;
const pageErrors = [];
const tag = unique();
const AMITIE = `Amitié Togo ${tag}`;
const ECOLE = `École du Monde ${tag}`;
const BROKEN = `Cassé ${tag}`;
/** The name column, named as no other run names it, so that no saved mapping preselects it. */
const NAME_HEADER = `Nom (export ${tag})`;
/** The file as a spreadsheet saves it: BOM, « ; », CRLF, a blank line, line 6 repeats line 2. */
const CSV =
  `\uFEFF${NAME_HEADER};Type;Commune (INSEE);Pays;Thématiques\r\n` +
  `${AMITIE};Association;06084;Togo;Santé, Éducation\r\n` +
  '\r\n' +
  `${ECOLE};Entreprise;06152;Bénin;\r\n` +
  `${BROKEN};Zèbre;06095;;\r\n` +
  `${AMITIE};Association;06084;Togo;Santé\r\n`;

async function shoot(p, name) {
  await screenshot(p, `import-${name}`);
  await p.setViewportSize(MOBILE);
  await assertNoHorizontalOverflow(p, name);
  await screenshot(p, `import-${name}-mobile`);
  await p.setViewportSize(DESKTOP);
}

async function expectApi(p, method, path, body, status) {
  const answer = await api(p, method, path, body);
  assert.equal(answer.status, status, `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The ids of the directory's organisations named `name` exactly that the page's account reads. */
async function idsNamed(p, name) {
  const page = await expectApi(p, 'GET', `/organisations?q=${encodeURIComponent(name)}&per_page=50`, undefined, 200);
  return page.items.filter((org) => org.name === name).map((org) => org.id);
}

describe('import, duplicates and notes through the web UI', { timeout: 180_000 }, () => {
  let staff;
  let amitieId = 0;

  before(async () => {
    browser = await launchBrowser();
    staff = await openPage(browser, DESKTOP, pageErrors);
    await signIn(staff.p, STAFF);
  });

  after(async () => {
    await browser?.close();
  });

  it('maps the columns of the file, then checks it: the broken line is named with its column', async () => {
    const p = staff.p;
    await p.goto(`${BASE_URL}/organisations`);
    await p.getByRole('link', { name: 'Importer', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Importer un fichier' }).waitFor();
    assert.match(await p.title(), /^Importer un fichier/);
    assert.match(normalise(await p.locator('.lead').innerText()), new RegExp(`appartiendront à ${NETWORK}`));

    // Checked without a file, the page says what is missing beside the field.
    await p.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await p.locator('main').getByRole('alert').first().waitFor();
    await p.locator('.field-error', { hasText: 'Choisissez un fichier CSV.' }).waitFor();

    await p.getByLabel('Organisations').check();
    await p.getByLabel('Fichier CSV').setInputFiles({ name: 'associations.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    const mapping = p.getByRole('group', { name: 'Correspondance des colonnes' });
    await mapping.waitFor();
    // Headers of the same name (accents and case aside) are chosen; the others are for the user.
    assert.equal(await mapping.getByLabel("Type d'acteur (facultatif)").inputValue(), 'Type');
    assert.equal(await mapping.getByLabel('Pays (facultatif)').inputValue(), 'Pays');
    assert.equal(await mapping.getByLabel('Thématiques (facultatif)').inputValue(), 'Thématiques');
    assert.equal(await mapping.getByLabel('Nom', { exact: true }).inputValue(), '');
    await p.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await p.locator('.field-error', { hasText: 'Choisissez la colonne « Nom ».' }).waitFor();

    await mapping.getByLabel('Nom', { exact: true }).selectOption(NAME_HEADER);
    await mapping.getByLabel('Commune (code INSEE) (facultatif)').selectOption('Commune (INSEE)');
    await p.getByRole('button', { name: 'Vérifier', exact: true }).click();
    const report = p.locator('section.import-report');
    await report.getByRole('heading', { level: 2, name: 'Vérification du fichier' }).waitFor();
    const facts = normalise(await report.locator('dl.facts').innerText());
    assert.match(facts, /Lignes lues 4/);
    assert.match(facts, /À créer 2/);
    assert.match(facts, /Déjà enregistrées 0/);
    assert.match(facts, /En double dans le fichier 1/);
    assert.match(facts, /Rejetées 1/);
    const repeated = normalise(await report.getByRole('list', { name: 'Lignes en double dans le fichier' }).innerText());
    assert.match(repeated, /^Ligne 6 — Ligne en double : .* que la ligne 2\.$/);
    const rows = report.getByRole('table', { name: 'Lignes rejetées' }).locator('tbody tr');
    assert.equal(await rows.count(), 1);
    const cells = (await rows.first().locator('td').allInnerTexts()).map(normalise);
    assert.equal(cells[0], '5');
    assert.equal(cells[1], 'Type');
    assert.match(cells[2], /Type inconnu « Zèbre »/);
    assert.deepEqual(await idsNamed(p, AMITIE), [], 'a check writes nothing');
    await shoot(p, 'verification');
  });

  it('writes nothing with « Importer » while a line is rejected, then the valid lines', async () => {
    const p = staff.p;
    const report = p.locator('section.import-report');
    await p.getByRole('button', { name: 'Importer', exact: true }).click();
    await report.getByRole('heading', { level: 2, name: "Rien n'a été importé" }).waitFor();
    assert.deepEqual(await idsNamed(p, AMITIE), []);
    assert.deepEqual(await idsNamed(p, ECOLE), []);

    await report.getByRole('button', { name: 'Importer les lignes valides' }).click();
    await report.getByRole('heading', { level: 2, name: 'Import terminé' }).waitFor();
    assert.match(normalise(await report.locator('.success-panel').innerText()), /^2 fiches créées ; 1 ligne rejetée/);
    assert.match(normalise(await report.locator('dl.facts').innerText()), /Créées 2/);
    assert.match(normalise(await report.locator('dl.facts').innerText()), /En double dans le fichier 1/);
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      report.getByRole('button', { name: 'Télécharger les lignes rejetées' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'lignes-rejetees.csv');
    const rejected = await readFile(await download.path(), 'utf8');
    assert.ok(rejected.startsWith(`\uFEFF${NAME_HEADER};Type;Commune (INSEE);Pays;Thématiques;erreur\r\n`), rejected);
    assert.ok(rejected.includes(`${BROKEN};Zèbre;06095;;;Type : Type inconnu « Zèbre »`), rejected);
    assert.ok(!rejected.includes(AMITIE), rejected);
    await shoot(p, 'termine');

    const [amitie] = await idsNamed(p, AMITIE);
    assert.ok(amitie, 'the association was created once');
    assert.equal((await idsNamed(p, AMITIE)).length, 1, 'the repeated line created nothing');
    assert.equal((await idsNamed(p, ECOLE)).length, 1);
    amitieId = amitie;

    // The mapping is kept for the network's next import.
    await p.reload();
    await p.getByLabel('Fichier CSV').setInputFiles({ name: 'associations.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    const mapping = p.getByRole('group', { name: 'Correspondance des colonnes' });
    assert.equal(await mapping.getByLabel('Nom', { exact: true }).inputValue(), NAME_HEADER);
  });

  it('shows a file the server cannot read as the error of the file', async () => {
    const p = staff.p;
    await p.getByLabel('Fichier CSV').setInputFiles({
      name: 'latin1.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([Buffer.from('nom;type\r\n'), Buffer.from([0x43, 0x61, 0x73, 0x73, 0xe9]), Buffer.from(';Association\r\n')]),
    });
    await p.getByRole('group', { name: 'Correspondance des colonnes' }).waitFor();
    await p.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await p.locator('.field-error', { hasText: /pas en UTF-8 \(ligne 2\)/ }).waitFor();
    assert.match(normalise(await p.locator('main').getByRole('alert').first().innerText()), /Corrigez le champ « Fichier CSV »/);
  });

  it('merges the duplicate a colleague recorded by hand, moving its board seat, and undoes it', async () => {
    const p = staff.p;
    const networks = (await expectApi(p, 'GET', '/networks', undefined, 200)).items;
    const networkId = networks.find((n) => n.name === NETWORK).id;
    const peymeinade = (await expectApi(p, 'GET', '/organisations?insee=06095', undefined, 200)).items[0].id;
    const byHand = `AMITIE TOGO ${tag}`;
    const other = await expectApi(p, 'POST', '/organisations', {
      network_id: networkId, visibility: 'private', kind: 'association', name: byHand, commune_insee: '06084',
    }, 201);
    await expectApi(p, 'POST', '/relationships', {
      network_id: networkId, visibility: 'private', kind: 'board_seat', from_id: peymeinade, to_id: other.id, role: 'tresorier',
    }, 201);

    await p.goto(`${BASE_URL}/organisations/${amitieId}`);
    await p.getByRole('heading', { level: 1, name: AMITIE }).waitFor();
    const duplicates = p.locator('section.duplicates');
    await duplicates.getByRole('heading', { level: 2, name: /^Doublons possibles/ }).waitFor();
    const item = duplicates.locator('.record-item', { has: p.getByRole('link', { name: byHand, exact: true }) });
    const candidate = normalise(await item.innerText());
    assert.match(candidate, /— même nom dans la même commune/);
    assert.ok(candidate.includes(`Fiche tenue par ${NETWORK}`), candidate);
    await p.getByText("Aucune relation enregistrée pour l'instant.").waitFor();

    await item.getByRole('button', { name: /^Fusionner dans cette fiche/ }).click();
    const explanation = normalise(await item.locator('.panel-note').innerText());
    assert.match(explanation, /Les relations et les fonctions de .* passeront sur/);
    assert.match(explanation, /sera archivée/);
    assert.match(explanation, /pourra être annulée/);
    await shoot(p, 'fusion-confirmation');
    await item.getByRole('button', { name: 'Fusionner', exact: true }).click();
    const notice = duplicates.locator('#doublons-annonce');
    await notice.waitFor();
    assert.match(normalise(await notice.innerText()), /a été fusionnée dans cette fiche : 1 relation déplacée ici\. Elle est archivée\./);
    const relations = p.locator('section.relations');
    await relations.getByRole('link', { name: 'Peymeinade', exact: true }).waitFor();
    assert.match(normalise(await relations.innerText()), new RegExp(`Peymeinade siège au CA de ${AMITIE} — trésorier·e`));
    const archived = await expectApi(p, 'GET', `/organisations/${other.id}`, undefined, 200);
    assert.equal(archived.archived, true);
    await shoot(p, 'fusion');

    await notice.getByRole('button', { name: 'Annuler la fusion' }).click();
    await duplicates.getByText(/La fusion est annulée/).waitFor();
    await relations.getByText("Aucune relation enregistrée pour l'instant.").waitFor();
    assert.equal((await expectApi(p, 'GET', `/organisations/${other.id}`, undefined, 200)).archived, false);
    await duplicates.getByRole('link', { name: byHand, exact: true }).waitFor();
  });

  it("writes a private note on Mouans-Sartoux that RESACOOP's team does not see", async () => {
    const p = staff.p;
    const mouans = (await expectApi(p, 'GET', '/organisations?insee=06084', undefined, 200)).items[0].id;
    const text = `Priorités : eau, jeunesse ; rappeler en janvier (${tag})`;
    await p.goto(`${BASE_URL}/organisations/${mouans}`);
    await p.getByRole('heading', { level: 1, name: 'Mouans-Sartoux' }).waitFor();
    const notes = p.locator('section.network-notes');
    await notes.getByRole('heading', { level: 2, name: 'Notes des réseaux' }).waitFor();
    await notes.getByLabel(`Note de ${NETWORK}`).fill(text);
    await notes.getByLabel('Visibilité de la note').selectOption('private');
    await notes.getByRole('button', { name: 'Enregistrer la note' }).click();
    await notes.getByText('Note enregistrée.').waitFor();
    await p.reload();
    await notes.getByText(/Mise à jour le/).waitFor();
    assert.equal(await notes.getByLabel(`Note de ${NETWORK}`).inputValue(), text);
    await shoot(p, 'note');

    const other = await openPage(browser, DESKTOP, pageErrors);
    try {
      const q = other.p;
      await signIn(q, OTHER_STAFF);
      await q.goto(`${BASE_URL}/organisations/${mouans}`);
      const theirNotes = q.locator('section.network-notes');
      await theirNotes.getByLabel('Note de RESACOOP').waitFor();
      assert.ok(!(await q.locator('main').innerText()).includes(tag), "RESACOOP's team does not read the note");
      assert.equal(await theirNotes.getByText(NETWORK).count(), 0);
    } finally {
      await other.ctx.close();
    }
  });

  it('raised no JavaScript error and broke no Content-Security-Policy rule', () => {
    assert.deepEqual(pageErrors, []);
  });
});
