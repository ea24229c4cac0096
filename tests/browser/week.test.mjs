// A week of real work of a member of Territoires Solidaires' team, walked in headless Chromium
// through the web UI alone (issue: « a staff member runs a week of real work in the UI »).
// Monday, she finds Le Bar-sur-Loup in the directory and notes a call on its fiche, with a next
// action for herself due on Thursday. Tuesday, on the board of « Suivi », she puts the commune at
// « Prise de contact », then moves it to « Adhésion » (the dialog says the membership will be
// recorded), each time with a reason, and the fiche's journal shows both moves. Wednesday, she
// prepares the biennial meeting of the MAS: records the association with « Nouvel acteur », creates
// the event, adds the association as organiser and Le Bar-sur-Loup, Opio and Le Rouret as
// participants, marks two present and one excused, and downloads the .ics for her calendar.
// Thursday, « Mes relances » lists Monday's next action among the coming ones; the fiche shows the
// whole week; she marks the action done and it leaves the list. Friday, « Tableau de bord » counts
// the week (the commune accompanied, a « Prise de contact », a collectivité at « Adhésion ») and
// a number leads to the records behind it. Titles, subjects and the association's name carry a
// tag of their own, so that the other test files (run in parallel on the same database, after
// the HTTP tests) do not meet them. Screenshots (semaine-*.png, desktop and 375 px) go to
// $RRMA_SCREENSHOTS.
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
const NETWORK = 'Territoires Solidaires';
/** Communes of the Alpes-Maritimes no other browser or HTTP test uses. */
const COMMUNE = 'Le Bar-sur-Loup';
const PARTICIPANTS = [COMMUNE, 'Opio', 'Le Rouret'];

const TAG = unique();
const CALL = `Appel à la mairie du Bar-sur-Loup (${TAG})`;
const NEXT_ACTION = `Envoyer la convention d'adhésion (${TAG})`;
const FIRST_REASON = 'Premier appel lundi : la maire souhaite adhérer';
const SECOND_REASON = `Délibération du conseil municipal (${TAG})`;
const MAS = `Méditerranée Afrique Solidarité ${TAG}`;
const TITLE = `Rencontre biennale de la MAS au Bar-sur-Loup (${TAG})`;

const DAY_MS = 86_400_000;
/** Dates as the UI takes them (the day in UTC, as its forms and the server count it). */
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const TODAY = isoDay(Date.now());
/** Monday's next action, due on Thursday: three days on, upcoming whatever the day the test runs. */
const DUE = isoDay(Date.now() + 3 * DAY_MS);
/** The meeting, a fortnight on. */
const EVENT_DAY = isoDay(Date.now() + 14 * DAY_MS);
/** « 3 décembre 2026 », « 1er mars 2027 », as the UI writes a day. */
const frenchDay = (iso) =>
  new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00Z`))
    .replace(/^1 /, '1er ');

/** The number a figure shows (« 1 234 » → 1234). */
const number = (text) => Number(normalise(text).replace(/\D/g, ''));

let browser;
const pageErrors = [];

async function shoot(p, name) {
  await screenshot(p, `semaine-${name}`);
  await p.setViewportSize(MOBILE);
  await assertNoHorizontalOverflow(p, name);
  await screenshot(p, `semaine-${name}-mobile`);
  await p.setViewportSize(DESKTOP);
}

const navigation = (p) => p.getByRole('navigation', { name: 'Navigation principale' });
const engagement = (p) => p.locator('section.engagement');
const journal = (p) => engagement(p).getByRole('list', { name: 'Journal du suivi' });
const column = (p, label) =>
  p.locator('section.board-column', { has: p.getByRole('heading', { level: 3, name: new RegExp(`^${label}`) }) });
const card = (p, label) => column(p, label).locator('.board-card', { has: p.getByRole('link', { name: COMMUNE, exact: true }) });

describe('a week of real work of a network staff member', { timeout: 300_000 }, () => {
  let staff;
  let fichePath = '';

  before(async () => {
    browser = await launchBrowser();
    staff = await newPage(browser, DESKTOP, pageErrors);
    await signIn(staff.p, STAFF);
    // Setup for a second run on the same database only (a fresh one, as in CI, has nothing to
    // undo): the commune is put back at « Non contactée », where Monday's walk finds it.
    const p = staff.p;
    const network = (await api(p, 'GET', '/networks?per_page=200')).body.items.find((n) => n.name === NETWORK);
    const commune = (await api(p, 'GET', '/organisations?insee=06010&category=commune')).body.items[0];
    const stage = await api(p, 'GET', `/pipeline/${network.id}/${commune.id}`);
    if (stage.status === 200 && stage.body.stage !== 'non_contactee') {
      const reset = await api(p, 'PUT', `/pipeline/${network.id}/${commune.id}`, { stage: 'non_contactee' });
      assert.equal(reset.status, 200, JSON.stringify(reset.body));
    }
  });

  after(async () => {
    await browser?.close();
    assert.deepEqual(pageErrors, []);
  });

  it('on Monday, notes a call on the fiche of a commune found in the directory, with a next action for herself', async () => {
    const p = staff.p;
    await navigation(p).getByRole('link', { name: 'Annuaire', exact: true }).click();
    await p.getByLabel('Rechercher une collectivité ou un acteur').fill('bar sur loup');
    await p.waitForURL((url) => url.searchParams.get('q') === 'bar sur loup');
    await p.locator('.org-list').getByRole('link', { name: COMMUNE, exact: true }).click();
    await p.getByRole('heading', { level: 1, name: COMMUNE }).waitFor();
    fichePath = new URL(p.url()).pathname;

    const section = engagement(p);
    await section.getByRole('heading', { level: 2, name: 'Suivi et accompagnements' }).waitFor();
    assert.match(normalise(await section.locator('.engagement-stage-now').innerText()), new RegExp(`Avec ${NETWORK} : Non contactée`));
    // A call is a « Prise de contact », the type offered first for a collectivité; the date is today's.
    assert.equal(await section.getByLabel("Type d'accompagnement").inputValue(), 'prise_de_contact');
    assert.equal(await section.getByLabel('Date', { exact: true }).inputValue(), TODAY);
    await section.getByLabel("Type d'accompagnement").selectOption({ label: 'Prise de contact' });
    await section.getByLabel('Objet', { exact: true }).fill(CALL);
    await section.getByLabel('Compte rendu (facultatif)').fill("La maire connaît le réseau par Opio ; le conseil votera l'adhésion mardi.");
    await section.getByLabel('Prochaine action (facultatif)').fill(NEXT_ACTION);
    await section.getByLabel('Échéance (facultatif)').fill(DUE);
    await section.getByRole('button', { name: "Noter l'accompagnement" }).click();
    await section.locator('.success-panel', { hasText: 'Accompagnement noté.' }).waitFor();
    assert.doesNotMatch(normalise(await section.locator('.success-panel').innerText()), /déjà passée/);

    const item = journal(p).locator('.journal-item', { hasText: CALL });
    await item.waitFor();
    const text = normalise(await item.innerText());
    assert.ok(text.startsWith(`${frenchDay(TODAY)} Prise de contact ${CALL}`), text);
    assert.ok(text.includes(`Prochaine action : ${NEXT_ACTION} (pour le ${frenchDay(DUE)})`), text);
    assert.doesNotMatch(text, /en retard/);
    await item.getByRole('button', { name: 'Marquer comme faite' }).waitFor();
    // The form is empty again, ready for the next call.
    assert.equal(await section.getByLabel('Objet', { exact: true }).inputValue(), '');
    await shoot(p, 'lundi-fiche');
    await expectNoSeriousAxeViolations(p, 'fiche, accompagnement noté');
  });

  it('on Tuesday, moves the commune along the board with a reason for each move, which its journal shows', async () => {
    const p = staff.p;
    await navigation(p).getByRole('link', { name: 'Suivi', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Suivi des collectivités' }).waitFor();
    await column(p, 'Prise de contact').waitFor();
    await p.locator('.board-section .result-count', { hasText: /suivies?|Aucune/ }).waitFor();
    assert.equal(await card(p, 'Prise de contact').count(), 0);

    await p.getByLabel('Collectivité', { exact: true }).fill('bar-sur-loup');
    await p.getByRole('list', { name: 'Résultats : Collectivité' }).getByRole('button', { name: COMMUNE, exact: true }).click();
    await p.getByLabel('Étape', { exact: true }).selectOption({ label: 'Prise de contact' });
    await p.getByRole('button', { name: 'Placer sur le tableau' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByRole('heading', { name: `${COMMUNE} : Non contactée → Prise de contact` }).waitFor();
    assert.equal(await dialog.locator('.panel-note').count(), 0, 'no membership is at stake');
    await dialog.getByLabel('Motif (facultatif)').fill(FIRST_REASON);
    await dialog.getByRole('button', { name: "Changer d'étape" }).click();
    await dialog.waitFor({ state: 'hidden' });
    const contacted = card(p, 'Prise de contact');
    await contacted.waitFor();
    assert.match(normalise(await contacted.innerText()), new RegExp(`${FIRST_REASON}.*suivie par ${STAFF.replaceAll('.', '\\.')}`));
    assert.equal(await p.getByLabel('Collectivité', { exact: true }).inputValue(), '', 'the search starts afresh once placed');

    // The council voted: by the card's stage menu, as a keyboard user would (Playwright's HTML5
    // drag of a SortableJS card is not reliable, see pipeline.test.mjs).
    await contacted.getByLabel(`Étape de ${COMMUNE}`).selectOption({ label: 'Adhésion' });
    await dialog.getByRole('heading', { name: `${COMMUNE} : Prise de contact → Adhésion` }).waitFor();
    assert.match(normalise(await dialog.locator('.panel-note').innerText()), new RegExp(`adhésion à ${NETWORK} sera enregistrée`));
    await dialog.getByLabel('Motif (facultatif)').fill(SECOND_REASON);
    await screenshot(p, 'semaine-mardi-dialogue');
    await dialog.getByRole('button', { name: "Changer d'étape" }).click();
    await dialog.waitFor({ state: 'hidden' });
    const member = card(p, 'Adhésion');
    await member.getByText('Adhérente', { exact: true }).waitFor();
    assert.match(normalise(await member.innerText()), new RegExp(`Depuis le ${frenchDay(TODAY)}`));
    assert.ok(normalise(await member.innerText()).includes(SECOND_REASON));
    assert.equal(await card(p, 'Prise de contact').count(), 0);
    await shoot(p, 'mardi-suivi');
    await expectNoSeriousAxeViolations(p, 'suivi, après deux passages');

    await member.getByRole('link', { name: COMMUNE, exact: true }).click();
    await p.getByRole('heading', { level: 1, name: COMMUNE }).waitFor();
    const now = engagement(p).locator('.engagement-stage-now');
    assert.equal(normalise(await now.locator('strong').innerText()), 'Adhésion');
    await now.locator('.badge', { hasText: 'Adhérente' }).waitFor();
    assert.match(normalise(await now.innerText()), new RegExp(`: Adhésion Adhérente — suivie par ${STAFF}$`));
    // Both moves, the latest first (even made within the same second), with their reasons and who
    // made them, and the membership they recorded.
    const moves = journal(p).locator('.journal-item', { hasText: 'Étape' });
    await moves.filter({ hasText: SECOND_REASON }).waitFor();
    const texts = (await moves.allInnerTexts()).map(normalise);
    const later = texts.indexOf(`${frenchDay(TODAY)} Étape Prise de contact → Adhésion — ${SECOND_REASON} — par ${STAFF}`);
    const earlier = texts.indexOf(`${frenchDay(TODAY)} Étape Non contactée → Prise de contact — ${FIRST_REASON} — par ${STAFF}`);
    assert.ok(later >= 0 && earlier > later, texts.join('\n'));
    await journal(p).locator('.journal-item', { hasText: `Relation Adhésion : ${NETWORK} (début)` }).first().waitFor();
    await journal(p).locator('.journal-item', { hasText: CALL }).waitFor();
    await shoot(p, 'mardi-journal');
  });

  it('on Wednesday, prepares the MAS biennial meeting with its organiser and three communes, and adds it to her calendar', async () => {
    const p = staff.p;
    // The association is not in the directory yet: she records it.
    await navigation(p).getByRole('link', { name: 'Annuaire', exact: true }).click();
    await p.getByRole('link', { name: 'Nouvel acteur' }).click();
    await p.getByRole('heading', { level: 1, name: 'Nouvel acteur' }).waitFor();
    // The only network of the account is chosen for it once the networks are loaded.
    await p.waitForFunction(() => document.querySelector('#nouvel-acteur-reseau')?.value);
    await p.getByLabel("Type d'acteur").selectOption({ label: 'Association / OSC' });
    await p.getByLabel('Nom', { exact: true }).fill(MAS);
    await p.getByLabel(/^Sigle/).fill('MAS');
    await p.getByRole('button', { name: 'Créer la fiche' }).click();
    await p.getByRole('heading', { level: 1, name: `${MAS} (MAS)` }).waitFor();
    await p.getByText('Fiche créée.').waitFor();

    await navigation(p).getByRole('link', { name: 'Événements', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Événements' }).waitFor();
    await p.getByRole('link', { name: 'Nouvel événement' }).click();
    await p.getByRole('heading', { level: 1, name: 'Nouvel événement' }).waitFor();
    await p.getByLabel('Type', { exact: true }).selectOption({ label: 'Rencontre' });
    await p.getByLabel('Titre', { exact: true }).fill(TITLE);
    await p.getByLabel('Thème (facultatif)').fill('Coopération avec le Togo et le Bénin');
    await p.getByLabel('Date de début').fill(EVENT_DAY);
    await p.getByLabel('Heure de début').fill('14:00');
    await p.getByLabel('Date de fin').fill(EVENT_DAY);
    await p.getByLabel('Heure de fin').fill('17:30');
    await p.getByLabel('Lieu (facultatif)').fill('Salle des fêtes, Le Bar-sur-Loup');
    await p.getByLabel('Département (facultatif)').selectOption('06');
    await p.getByLabel('Description (facultatif)').fill('Bilan des deux ans de la MAS et accueil des nouvelles communes adhérentes.');
    await p.getByRole('button', { name: "Créer l'événement" }).click();
    await p.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await p.getByText('Événement créé.', { exact: false }).waitFor();
    const facts = normalise(await p.locator('dl.facts').innerText());
    assert.ok(facts.includes(`${frenchDay(EVENT_DAY)}, de 14 h 00 à 17 h 30`), facts);
    assert.ok(facts.includes('Salle des fêtes, Le Bar-sur-Loup (06)'), facts);

    const add = p.locator('form', { has: p.getByRole('heading', { level: 3, name: 'Ajouter une organisation' }) });
    const table = p.getByRole('table', { name: "Organisations de l'événement" });
    const addOrganisation = async (query, name, role, attendance) => {
      await add.getByLabel('Organisation', { exact: true }).fill(query);
      await add.getByRole('list', { name: 'Résultats : Organisation' }).getByRole('button', { name, exact: true }).click();
      await add.getByLabel('Rôle', { exact: true }).selectOption({ label: role });
      await add.getByLabel('Présence', { exact: true }).selectOption({ label: attendance });
      await add.getByRole('button', { name: "Ajouter l'organisation" }).click();
      await table.getByRole('link', { name, exact: true }).waitFor();
    };
    await addOrganisation(MAS, MAS, 'Organisateur', 'Présent');
    for (const commune of PARTICIPANTS) await addOrganisation(commune, commune, 'Participant', 'Invité');

    // After the meeting is confirmed: two communes will come, one excused itself.
    const attendance = { [COMMUNE]: 'Présent', Opio: 'Présent', 'Le Rouret': 'Excusé' };
    for (const [commune, label] of Object.entries(attendance)) {
      const select = table.getByLabel(`Présence de ${commune}`);
      const id = await select.getAttribute('id');
      await select.selectOption({ label });
      // Saved once the menu is enabled again with the value chosen (by id: Vue may redraw the row).
      await p.waitForFunction(
        ([id, wanted]) => {
          const element = document.getElementById(id);
          return element && !element.disabled && element.selectedOptions[0]?.textContent.trim() === wanted;
        },
        [id, label],
      );
    }
    // What the server kept, read back as the page shows it after a reload.
    await p.reload();
    await p.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await table.getByRole('link', { name: MAS, exact: true }).waitFor();
    for (const [commune, label] of Object.entries(attendance)) {
      const select = table.getByLabel(`Présence de ${commune}`);
      assert.equal(normalise(await select.locator('option:checked').innerText()), label, commune);
    }
    assert.equal(normalise(await table.getByLabel(`Rôle de ${MAS}`).locator('option:checked').innerText()), 'Organisateur');
    assert.equal(await table.locator('tbody tr').count(), 4);
    await shoot(p, 'mercredi-evenement');
    await expectNoSeriousAxeViolations(p, "page de l'événement");

    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.ics$/);
    // Long lines are folded (RFC 5545): unfolded before reading.
    const calendar = (await readFile(await download.path(), 'utf8')).replace(/\r?\n[ \t]/g, '');
    assert.match(calendar, /^BEGIN:VCALENDAR\r?\n/);
    assert.match(calendar, /^BEGIN:VTIMEZONE\r?$/m);
    assert.match(calendar, /^TZID:Europe\/Paris\r?$/m);
    assert.match(calendar, /BEGIN:VEVENT/);
    assert.ok(calendar.includes(`SUMMARY:${TITLE}`), calendar);
    assert.ok(calendar.includes(`DTSTART;TZID=Europe/Paris:${EVENT_DAY.replaceAll('-', '')}T140000`), calendar);
    assert.ok(calendar.includes(`DTEND;TZID=Europe/Paris:${EVENT_DAY.replaceAll('-', '')}T173000`), calendar);
    assert.ok(calendar.includes(MAS), 'the organiser is named');
    assert.match(calendar, /END:VCALENDAR\s*$/);
  });

  it("on Thursday, finds Monday's next action coming in « Mes relances », sees the whole week on the fiche, and marks it done", async () => {
    const p = staff.p;
    await navigation(p).getByRole('link', { name: 'Relances', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Mes relances' }).waitFor();
    const section = (heading) => p.locator('section.relances', { has: p.getByRole('heading', { level: 2, name: new RegExp(`^${heading}`) }) });
    const coming = section('À venir').locator('.record-item', { hasText: NEXT_ACTION });
    await coming.waitFor();
    const text = normalise(await coming.innerText());
    assert.ok(text.includes(`${NEXT_ACTION} — pour le ${frenchDay(DUE)}`), text);
    assert.ok(text.includes(`Suite de « ${CALL} » (Prise de contact, ${frenchDay(TODAY)}) avec ${COMMUNE}`), text);
    assert.equal(await section('En retard').locator('.record-item', { hasText: NEXT_ACTION }).count(), 0);
    await shoot(p, 'jeudi-relances');
    await expectNoSeriousAxeViolations(p, 'mes relances');

    // Before calling back, a look at the fiche: the call, both moves and the meeting.
    await coming.getByRole('link', { name: COMMUNE, exact: true }).click();
    await p.getByRole('heading', { level: 1, name: COMMUNE }).waitFor();
    const meeting = journal(p).locator('.journal-item').filter({ has: p.getByRole('link', { name: TITLE, exact: true }) });
    await meeting.waitFor();
    assert.ok(normalise(await meeting.innerText()).includes(`${frenchDay(EVENT_DAY)} Rencontre ${TITLE} — Participant, présent — Salle des fêtes, Le Bar-sur-Loup`));
    const week = normalise(await journal(p).innerText());
    for (const expected of [CALL, SECOND_REASON, FIRST_REASON, NEXT_ACTION]) assert.ok(week.includes(expected), `${expected}: ${week}`);
    await shoot(p, 'jeudi-fiche');

    await p.goBack();
    await p.getByRole('heading', { level: 1, name: 'Mes relances' }).waitFor();
    await coming.getByRole('button', { name: `Marquer comme faite : ${NEXT_ACTION}` }).click();
    await coming.waitFor({ state: 'detached' });
    await p.getByRole('status').filter({ hasText: `« ${NEXT_ACTION} » est faite.` }).waitFor({ state: 'attached' });
    assert.equal(await p.locator('.record-item', { hasText: NEXT_ACTION }).count(), 0);

    await p.goto(`${BASE_URL}${fichePath}`);
    const done = journal(p).locator('.journal-item', { hasText: CALL }).locator('.journal-action');
    await done.waitFor();
    assert.match(normalise(await done.innerText()), /— faite$/);
  });

  it('on Friday, sees the week in « Tableau de bord », and follows a number to the records behind it', async () => {
    const p = staff.p;
    await navigation(p).getByRole('link', { name: 'Tableau de bord', exact: true }).click();
    await p.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    const figure = (key) => p.locator(`li[data-figure="${key}"]`);
    await figure('accompanied').waitFor();
    // The default period is the twelve months up to today: the week is in it.
    assert.equal(await p.getByLabel('Au', { exact: true }).inputValue(), TODAY);
    // Other tests write in the same network at the same time: the figures are at least the week's.
    for (const key of ['members', 'accompanied', 'interactions']) {
      assert.ok(number(await figure(key).locator('.dashboard-number').innerText()) >= 1, key);
    }
    assert.match(normalise(await figure('accompanied').innerText()), /Collectivités accompagnées sur la période$/);

    const panel = (heading) => p.locator('section.dashboard-panel', { has: p.getByRole('heading', { level: 2, name: heading, exact: true }) });
    const rows = async (heading) => {
      const details = panel(heading).locator('details');
      if ((await details.count()) > 0 && !(await details.evaluate((d) => d.open))) await details.locator('summary').click();
      return panel(heading).locator('table tbody tr');
    };
    const stage = (await rows('Collectivités par étape')).filter({ has: p.getByRole('rowheader', { name: 'Adhésion', exact: true }) });
    assert.ok(number(await stage.getByRole('link').innerText()) >= 1, 'a collectivité at « Adhésion »');
    const passage = (await rows("Passages d'étape sur la période")).filter({ hasText: 'Prise de contact → Adhésion' });
    assert.ok(number(await passage.locator('td').first().innerText()) >= 1, 'a passage to « Adhésion »');
    const call = (await rows('Accompagnements par type')).filter({ has: p.getByRole('rowheader', { name: 'Prise de contact', exact: true }) });
    assert.ok(number(await call.getByRole('link').innerText()) >= 1, 'a « Prise de contact »');
    const alpes = (await rows('Par département')).filter({ has: p.getByRole('rowheader', { name: '06 – Alpes-Maritimes' }) });
    const [members, accompanied] = (await alpes.locator('td').allInnerTexts()).map(number);
    assert.ok(members >= 1 && accompanied >= 1, `06: ${members} adhérentes, ${accompanied} accompagnées`);
    await shoot(p, 'vendredi-tableau-de-bord');
    await expectNoSeriousAxeViolations(p, 'tableau de bord');

    // « Prise de contact » leads to the records of that type over the period: Monday's call is there.
    await call.getByRole('link').click();
    await p.waitForURL((url) => url.pathname === '/accompagnements' && url.searchParams.get('type') === 'prise_de_contact');
    await p.getByRole('heading', { level: 1, name: 'Accompagnements' }).waitFor();
    const record = p.locator('tbody tr', { hasText: CALL });
    await record.waitFor();
    assert.match(normalise(await record.innerText()), new RegExp(`${frenchDay(TODAY)}.*Prise de contact`));
    await record.getByRole('link', { name: COMMUNE, exact: true }).waitFor();
    const types = (await p.locator('tbody td[data-label="Type"]').allInnerTexts()).map(normalise);
    assert.ok(types.every((type) => type === 'Prise de contact'), types.join(', '));
    await shoot(p, 'vendredi-accompagnements');
    await expectNoSeriousAxeViolations(p, 'accompagnements de type prise de contact');

    // And « Adhésion » to the board's column alone, where the commune is.
    await p.goBack();
    await figure('members').waitFor();
    await (await rows('Collectivités par étape')).filter({ has: p.getByRole('rowheader', { name: 'Adhésion', exact: true }) }).getByRole('link').click();
    await p.waitForURL((url) => url.pathname === '/suivi' && url.searchParams.get('stage') === 'adhesion');
    await card(p, 'Adhésion').getByText('Adhérente', { exact: true }).waitFor();
    assert.equal(await p.locator('section.board-column').count(), 1);
  });
});
