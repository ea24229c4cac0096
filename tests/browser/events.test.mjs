// Events in headless Chromium, on the model of seed 000's MAS biennial meeting: a member of
// Territoires Solidaires' team creates « Rencontre biennale de la MAS » at Gréolières (06) — the
// server's refusal of an end before the start shown beside « Fin » first —, adds the association
// MAS as organiser and three communes of its board as participants, marks two present and one
// excused in place, downloads the event as .ics (a VEVENT in Europe/Paris time with the title) and
// its participants as CSV, notes an accompaniment linked to it with a PDF attached (a file the
// server refuses is said beside the file input), finds the event and the record in the commune's
// journal, and the list of events shows it (with the time zone named for an event at La Réunion).
// RESACOOP's team sees neither the private event in its list nor its page. Screenshots
// (evenements-*.png, desktop and 375 px) go to $RRMA_SCREENSHOTS.
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
const OTHER_STAFF = 'autre@test.rrma.fr';
const NETWORK = 'Territoires Solidaires';
// The HTTP tests create an event « Rencontre biennale de la MAS » in the same database: this one's
// title is its own, so the journal shows exactly one link of that name.
const TITLE = 'Rencontre biennale de la MAS à Gréolières';
const COMMUNES = ['Mouans-Sartoux', 'Peymeinade', 'Valbonne'];
/** Tomorrow: upcoming whatever the day the test runs, and near the top of the list of upcoming events. */
const TOMORROW = new Date(Date.now() + 86_400_000);
const DAY = TOMORROW.toISOString().slice(0, 10);
/** « 3 décembre 2026 », « 1er mars 2027 », as the UI writes it. */
const FRENCH_DAY = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  .format(TOMORROW)
  .replace(/^1 /, '1er ');

/** A small valid PDF (one empty page), its cross-reference table pointing at each object. */
function smallPdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

let browser;
const pageErrors = [];

async function shoot(p, name) {
  await screenshot(p, `evenements-${name}`);
  await p.setViewportSize(MOBILE);
  await assertNoHorizontalOverflow(p, name);
  await screenshot(p, `evenements-${name}-mobile`);
  await p.setViewportSize(DESKTOP);
}

async function expectApi(p, method, path, body, status) {
  const answer = await api(p, method, path, body);
  assert.equal(answer.status, status, `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

describe('events: the MAS biennial meeting', { timeout: 240_000 }, () => {
  let staff;
  const fixture = { network: 0, mas: 0, masName: '', eventId: 0, eventPath: '', communes: {} };

  before(async () => {
    browser = await launchBrowser();
    staff = await newPage(browser, DESKTOP, pageErrors);
    await signIn(staff.p, STAFF);
    const p = staff.p;
    const networks = (await expectApi(p, 'GET', '/networks?per_page=200', undefined, 200)).items;
    fixture.network = networks.find((n) => n.name === NETWORK).id;
    // MAS, the association of seed 000, private to the network (a name of its own for each run).
    fixture.masName = `Méditerranée Afrique Solidarité ${unique()}`;
    fixture.mas = (
      await expectApi(p, 'POST', '/organisations', {
        network_id: fixture.network, visibility: 'private', kind: 'association', name: fixture.masName,
        acronym: 'MAS', commune_insee: '06084', countries: ['TG', 'BJ'],
      }, 201)
    ).id;
    for (const [name, insee] of [['Mouans-Sartoux', '06084'], ['Peymeinade', '06095'], ['Valbonne', '06152']]) {
      fixture.communes[name] = (await expectApi(p, 'GET', `/organisations?insee=${insee}`, undefined, 200)).items[0].id;
    }
  });

  after(async () => {
    await browser?.close();
    assert.deepEqual(pageErrors, []);
  });

  it('creates the event from « Nouvel événement »; an end before the start is said beside « Fin »', async () => {
    const p = staff.p;
    await p.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Événements', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Événements' }).waitFor();
    assert.match(await p.title(), /^Événements/);
    await p.getByRole('link', { name: 'Nouvel événement' }).click();
    await p.getByRole('heading', { level: 1, name: 'Nouvel événement' }).waitFor();

    await p.getByLabel('Type', { exact: true }).selectOption('rencontre');
    await p.getByLabel('Titre', { exact: true }).fill(TITLE);
    await p.getByLabel('Thème (facultatif)').fill('Coopération avec le Togo et le Bénin');
    await p.getByLabel('Date de début').fill(DAY);
    await p.getByLabel('Heure de début').fill('14:00');
    await p.getByLabel('Date de fin').fill(DAY);
    await p.getByLabel('Heure de fin').fill('10:00');
    await p.getByLabel('Lieu (facultatif)').fill('Salle polyvalente, Gréolières');
    await p.getByLabel('Département (facultatif)').selectOption('06');
    await p.getByLabel('Visibilité').selectOption('private');
    await p.getByLabel('Description (facultatif)').fill("Rencontre des adhérents de la MAS.\nBilan des projets au Togo et au Bénin.");
    await p.getByRole('button', { name: "Créer l'événement" }).click();

    // The server's message is beside the end's inputs, and the summary links to them.
    const endError = p.locator('#nouvel-evenement-fin-erreur');
    await endError.waitFor();
    assert.ok((await endError.innerText()).trim().length > 0);
    assert.equal(await p.getByLabel('Date de fin').getAttribute('aria-invalid'), 'true');
    const summary = p.locator('main').getByRole('alert');
    assert.match(normalise(await summary.innerText()), /Corrigez le champ « Fin »/);
    await shoot(p, 'formulaire-erreurs');
    await expectNoSeriousAxeViolations(p, 'nouvel événement, erreurs');

    await p.getByLabel('Heure de fin').fill('17:30');
    await p.getByRole('button', { name: "Créer l'événement" }).click();
    await p.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    fixture.eventPath = new URL(p.url()).pathname;
    fixture.eventId = Number(fixture.eventPath.split('/').pop());
    assert.ok(fixture.eventId > 0, p.url());
    await p.getByText('Événement créé.', { exact: false }).waitFor();
    const facts = normalise(await p.locator('dl.facts').innerText());
    assert.ok(facts.includes(`${FRENCH_DAY}, de 14 h 00 à 17 h 30`), facts);
    assert.doesNotMatch(facts, /Fuseau horaire/, 'no zone is named for Paris time');
    assert.match(facts, /Salle polyvalente, Gréolières \(06\)/);
  });

  it('adds MAS as organiser and three communes as participants, two present and one excused', async () => {
    const p = staff.p;
    const add = p.locator('form', { has: p.getByRole('heading', { level: 3, name: 'Ajouter une organisation' }) });
    const pick = async (query, name) => {
      await add.getByLabel('Organisation', { exact: true }).fill(query);
      await add.getByRole('list', { name: 'Résultats : Organisation' }).getByRole('button', { name, exact: true }).click();
    };
    await pick(fixture.masName, fixture.masName);
    await add.getByLabel('Rôle', { exact: true }).selectOption('organisateur');
    await add.getByLabel('Présence', { exact: true }).selectOption('present');
    await add.getByRole('button', { name: "Ajouter l'organisation" }).click();
    const table = p.getByRole('table', { name: "Organisations de l'événement" });
    await table.getByRole('link', { name: fixture.masName }).waitFor();

    for (const commune of COMMUNES) {
      await pick(commune, commune);
      await add.getByLabel('Rôle', { exact: true }).selectOption('participant');
      await add.getByLabel('Présence', { exact: true }).selectOption('invite');
      await add.getByRole('button', { name: "Ajouter l'organisation" }).click();
      await table.getByRole('link', { name: commune, exact: true }).waitFor();
    }

    // The same commune twice is refused beside the picker, nothing sent.
    await pick('Valbonne', 'Valbonne');
    await add.getByRole('button', { name: "Ajouter l'organisation" }).click();
    await add.locator('.field-error', { hasText: 'figure déjà' }).waitFor();
    await add.getByRole('button', { name: 'Changer' }).click();

    const attendance = { 'Mouans-Sartoux': 'present', Peymeinade: 'present', Valbonne: 'excuse' };
    for (const [commune, value] of Object.entries(attendance)) {
      await table.getByLabel(`Présence de ${commune}`).selectOption(value);
      await p.waitForFunction(
        ([id, wanted]) => document.getElementById(id)?.value === wanted && !document.getElementById(id)?.disabled,
        [`presence-organisation-${fixture.communes[commune]}`, value],
      );
    }
    const saved = await expectApi(p, 'GET', `/events/${fixture.eventId}`, undefined, 200);
    const byName = Object.fromEntries(saved.organisations.map((o) => [o.name, o]));
    assert.equal(byName[fixture.masName].role, 'organisateur');
    assert.equal(byName['Mouans-Sartoux'].attendance, 'present');
    assert.equal(byName.Peymeinade.attendance, 'present');
    assert.equal(byName.Valbonne.attendance, 'excuse');
    assert.equal(byName.Valbonne.attendance_label, 'Excusé');
    assert.equal(saved.organisations.length, 4);
    assert.equal(saved.time_zone, 'Europe/Paris');
    await shoot(p, 'page');
    await expectNoSeriousAxeViolations(p, 'page de l\'événement');
  });

  it('downloads the event for a calendar (.ics) and its participants (CSV)', async () => {
    const p = staff.p;
    const [ics] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' }).click(),
    ]);
    assert.match(ics.suggestedFilename(), /\.ics$/);
    const calendar = (await readFile(await ics.path(), 'utf8')).replace(/\r?\n[ \t]/g, '');
    assert.match(calendar, /BEGIN:VEVENT/);
    assert.match(calendar, /TZID[=:]Europe\/Paris/);
    assert.ok(calendar.includes(TITLE), calendar);
    assert.ok(calendar.includes(`DTSTART;TZID=Europe/Paris:${DAY.replaceAll('-', '')}T140000`), calendar);

    const [csv] = await Promise.all([
      p.waitForEvent('download'),
      p.locator('.event-parties .export-links').getByRole('link', { name: 'CSV', exact: true }).click(),
    ]);
    assert.match(csv.suggestedFilename(), /\.csv$/);
    const text = (await readFile(await csv.path(), 'utf8')).replace(/^\uFEFF/, '');
    const rows = text.split(/\r?\n/).filter(Boolean);
    assert.equal(rows.length, 1 + 4, text);
    assert.match(rows[0], /Type.*Nom.*Rôle.*Présence/);
    assert.ok(rows.some((row) => row.includes('Mouans-Sartoux') && row.includes('Présent')), text);
    assert.ok(rows.some((row) => row.includes('Valbonne') && row.includes('Excusé')), text);
    assert.ok(rows.some((row) => row.includes(fixture.masName) && row.includes('Organisateur')), text);
  });

  it('notes an accompaniment linked to the event, with a PDF attached', async () => {
    const p = staff.p;
    const records = p.locator('section.event-records');
    await records.getByLabel("Type d'accompagnement").selectOption('evenement');
    assert.equal(await records.getByLabel('Événement (facultatif)').inputValue(), String(fixture.eventId));
    await records.getByLabel('Objet', { exact: true }).fill('Compte rendu de la rencontre biennale');
    await records.getByLabel('Compte rendu (facultatif)').fill('Trois communes du CA présentes ou excusées.');
    await records.getByRole('button', { name: "Noter l'accompagnement" }).click();
    await records.getByText('Accompagnement noté.').waitFor();
    await records.getByRole('list', { name: "Accompagnements notés à propos de l'événement" })
      .getByText('Compte rendu de la rencontre biennale').waitFor();

    // A file of no accepted type is refused, and said beside the input.
    const files = records.getByLabel(/^Joindre des fichiers/);
    await files.setInputFiles({ name: 'programme.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]) });
    await records.getByRole('button', { name: 'Joindre les fichiers' }).click();
    const refusal = records.locator('.attachment-add .field-error');
    await refusal.waitFor();
    assert.match(normalise(await refusal.innerText()), /« programme\.bin » n'a pas été joint/);
    await shoot(p, 'piece-jointe-refusee');

    await files.setInputFiles({ name: 'compte-rendu.pdf', mimeType: 'application/pdf', buffer: smallPdf() });
    await records.getByRole('button', { name: 'Joindre les fichiers' }).click();
    const link = records.getByRole('link', { name: 'compte-rendu.pdf' });
    await link.waitFor();
    assert.equal(await refusal.count(), 0);
    assert.match(normalise(await records.locator('.attachment-item').first().innerText()), /compte-rendu\.pdf — (PDF[^,]*, )?\d+ octets/);
    const [pdf] = await Promise.all([p.waitForEvent('download'), link.click()]);
    assert.equal((await readFile(await pdf.path())).subarray(0, 5).toString('latin1'), '%PDF-');

    const linked = await expectApi(p, 'GET', `/interactions?event=${fixture.eventId}`, undefined, 200);
    assert.equal(linked.items.length, 1);
    assert.equal(linked.items[0].event.id, fixture.eventId);
    assert.equal(linked.items[0].attachments.length, 1);
    assert.equal(linked.items[0].attachments[0].media_type, 'application/pdf');
    assert.deepEqual(linked.items[0].organisations.map((o) => o.name).sort(), [...COMMUNES, fixture.masName].sort());
    await shoot(p, 'accompagnement');
  });

  it("shows the event and the record in the commune's journal", async () => {
    const p = staff.p;
    await p.getByRole('table', { name: "Organisations de l'événement" }).getByRole('link', { name: 'Mouans-Sartoux', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Mouans-Sartoux' }).waitFor();
    const journal = p.getByRole('list', { name: 'Journal du suivi' });
    const item = journal
      .locator('.journal-item', { hasText: 'Participant, présent' })
      .filter({ has: p.getByRole('link', { name: TITLE, exact: true }) });
    await item.waitFor();
    assert.match(normalise(await item.innerText()), /Rencontre .*Participant, présent/);
    const record = journal.locator('.journal-item', { hasText: 'Compte rendu de la rencontre biennale' });
    await record.getByRole('link', { name: 'compte-rendu.pdf' }).waitFor();
    await record.getByRole('link', { name: TITLE }).waitFor();
    await shoot(p, 'journal');
    await expectNoSeriousAxeViolations(p, 'fiche, journal avec événement');
    await item.getByRole('link', { name: TITLE, exact: true }).click();
    await p.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  });

  it('lists the event among the upcoming ones, and names the time zone of an event overseas', async () => {
    const p = staff.p;
    await expectApi(p, 'POST', '/events', {
      network_id: fixture.network, visibility: 'private', kind: 'formation', title: `Formation à Saint-Denis ${unique()}`,
      starts_at: `${DAY}T09:00`, ends_at: `${DAY}T12:00`, place: 'Saint-Denis', departement: '974',
    }, 201);
    await p.goto(`${BASE_URL}/evenements`);
    const table = p.locator('table.events-table');
    const row = table.getByRole('row', { name: new RegExp(TITLE) });
    await row.first().waitFor();
    const text = normalise(await row.first().innerText());
    assert.ok(text.includes(`${FRENCH_DAY}, 14 h 00`), text);
    assert.match(text, /Rencontre/);
    assert.match(text, /Salle polyvalente, Gréolières \(06\)/);
    assert.doesNotMatch(text, /heure/i);
    const overseas = table.getByRole('row', { name: /Formation à Saint-Denis/ }).first();
    assert.match(normalise(await overseas.innerText()), /Réunion/);
    await p.getByLabel('Type', { exact: true }).selectOption('rencontre');
    await p.waitForURL(/type=rencontre/);
    // The list is asked again: the training in Saint-Denis leaves it, the meeting stays.
    await table.getByRole('row', { name: /Formation à Saint-Denis/ }).first().waitFor({ state: 'detached' });
    await table.getByRole('row', { name: new RegExp(TITLE) }).first().waitFor();
    await shoot(p, 'liste');
    await expectNoSeriousAxeViolations(p, 'liste des événements');

    const [xlsx] = await Promise.all([
      p.waitForEvent('download'),
      p.locator('.export-links').getByRole('link', { name: 'Excel (XLSX)' }).click(),
    ]);
    assert.equal((await readFile(await xlsx.path())).subarray(0, 2).toString('latin1'), 'PK', 'an XLSX file is a zip');

    await p.getByLabel('Passés').check();
    await p.waitForURL(/periode=passes/);
    // The count keeps the last list's text while the past events load: wait for the meeting to go.
    await p.getByRole('link', { name: TITLE, exact: true }).waitFor({ state: 'detached' });
    await p.locator('.result-count', { hasText: /événement|Aucun/ }).waitFor();
  });

  it("is neither in RESACOOP's list nor readable by its team", async () => {
    const other = await newPage(browser, DESKTOP, pageErrors);
    try {
      await signIn(other.p, OTHER_STAFF);
      await other.p.goto(`${BASE_URL}/evenements`);
      await other.p.getByRole('heading', { level: 1, name: 'Événements' }).waitFor();
      await other.p.locator('.result-count', { hasText: /événement|Aucun/ }).waitFor();
      assert.equal(await other.p.getByRole('link', { name: TITLE, exact: true }).count(), 0);
      await other.p.goto(`${BASE_URL}${fixture.eventPath}`);
      await other.p.getByRole('heading', { level: 1, name: 'Événement introuvable' }).waitFor();
      assert.equal((await api(other.p, 'GET', `/events/${fixture.eventId}`)).status, 404);
    } finally {
      await other.ctx.close();
    }
  });
});
