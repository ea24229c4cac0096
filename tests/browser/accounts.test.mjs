// Accounts, roles and persons in headless Chromium, against a running `rrma serve`
// whose address is given by RRMA_URL (for example RRMA_URL=http://127.0.0.1:8099
// node --test tests/browser/). Uses the accounts scripts/run-tests creates (all with
// the password « mot de passe des tests »): staff@, ts-admin@ (Territoires
// Solidaires), autre@ (RESACOOP) and elu@ (member, Valbonne). No wrong password is
// ever typed, so no account gets throttled. Other test files share the server:
// every account and person made here has a unique name, and no global count is
// relied on. Screenshots (accounts-*.png) go to $RRMA_SCREENSHOTS, or
// var/screenshots by default.
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

const NETWORK = 'Territoires Solidaires';
const STAFF = 'staff@test.rrma.fr';
const NETWORK_ADMIN = 'ts-admin@test.rrma.fr';
const OTHER_STAFF = 'autre@test.rrma.fr';
const MEMBER = 'elu@test.rrma.fr';

let browser;
const pageErrors = [];

function newPage(viewport) {
  return openPage(browser, viewport, pageErrors);
}

/** Collapses the whitespace of a rendered text (and the no-break spaces of French formatting). */

async function networkId(p, name) {
  const answer = await api(p, 'GET', '/networks');
  assert.equal(answer.status, 200, `GET /networks answered ${answer.status}`);
  const found = answer.body.items.find((n) => n.name === name);
  assert.ok(found, `no network named ${name}`);
  return found.id;
}

/** Creates a private person of Territoires Solidaires through the API, from a page signed in as its team. */
async function createPrivatePerson(p, fields) {
  const answer = await api(p, 'POST', '/persons', {
    network_id: await networkId(p, NETWORK),
    visibility: 'private',
    ...fields,
  });
  assert.equal(answer.status, 201, `POST /persons answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

// Each scenario has its own time limit: a suite's limit would cover all of them at once.
describe('rrma accounts, roles and persons', () => {
  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  it('keeps a member of a collectivité out of the pages of the networks’ teams', { timeout: 60_000 }, async () => {
    const { ctx, p } = await newPage(DESKTOP);
    try {
      await signIn(p, MEMBER);
      const header = p.locator('header');
      await header.getByText(NETWORK).waitFor();
      const nav = p.getByRole('navigation', { name: 'Navigation principale' });
      await nav.getByRole('link', { name: 'Annuaire' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Utilisateurs' }).count(), 0, 'no « Utilisateurs » link');
      assert.equal(await nav.getByRole('link', { name: 'Personnes' }).count(), 0, 'no « Personnes » link');
      await screenshot(p, 'accounts-membre-accueil');

      await p.goto(`${BASE_URL}/utilisateurs`);
      await p.getByRole('heading', { level: 1, name: 'Accès réservé aux administrateurs' }).waitFor();
      assert.equal(await p.getByRole('heading', { name: 'Inviter une personne' }).count(), 0);
      await screenshot(p, 'accounts-membre-utilisateurs');

      await p.goto(`${BASE_URL}/personnes/nouvelle`);
      await p.getByRole('heading', { level: 1, name: 'Accès réservé aux équipes des réseaux' }).waitFor();
      assert.equal(await p.getByRole('button', { name: 'Créer la fiche' }).count(), 0);
      await screenshot(p, 'accounts-membre-nouvelle-personne');

      // The server refuses too, whatever the UI offers.
      assert.equal((await api(p, 'GET', '/users')).status, 403);
    } finally {
      await ctx.close();
    }
  });

  it('lets a network admin invite a colleague who then chooses a password with the link and signs in', { timeout: 60_000 }, async () => {
    const email = `invitee-${unique()}@test.rrma.fr`;
    const newPassword = `phrase de passe ${unique()}`;
    const admin = await newPage(DESKTOP);
    const invitee = await newPage(DESKTOP);
    try {
      const p = admin.p;
      await signIn(p, NETWORK_ADMIN);
      await p.goto(`${BASE_URL}/utilisateurs`);
      await p.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
      const invite = p.getByRole('region', { name: 'Inviter une personne' });
      await invite.getByLabel('Adresse électronique').fill(email);
      await invite.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Équipe du réseau' });
      const network = invite.getByLabel('Réseau', { exact: true });
      await p.waitForFunction((el) => !el.disabled, await network.elementHandle());
      await network.selectOption({ label: NETWORK });
      await invite.getByRole('button', { name: 'Inviter' }).click();

      const linkField = invite.getByLabel('Lien à transmettre');
      await linkField.waitFor();
      const link = await linkField.inputValue();
      assert.ok(link.startsWith(`${BASE_URL}/invitation#`), `the link is absolute: ${link}`);
      assert.ok(link.length > `${BASE_URL}/invitation#`.length + 20, 'the link carries a code');
      await invite.getByRole('button', { name: 'Copier le lien' }).waitFor();
      await screenshot(p, 'accounts-invitation-lien');

      // The list shows the new account once searched for (other tests fill the list beyond one
      // page); 375 px wide fits.
      await p.getByRole('search').getByLabel('Rechercher un compte').fill(email);
      await p.getByRole('search').getByRole('button', { name: 'Rechercher' }).click();
      const accountLink = p.locator('main').getByRole('link', { name: email, exact: true });
      await accountLink.waitFor();
      await p.setViewportSize(MOBILE);
      await assertNoHorizontalOverflow(p, 'users page with the invitation link (375px)');
      await screenshot(p, 'accounts-utilisateurs-mobile');
      await p.setViewportSize(DESKTOP);
      const userPath = await accountLink.getAttribute('href');
      assert.match(userPath, /^\/utilisateurs\/\d+$/);

      // The colleague, in another browser, opens the link and chooses a password.
      const q = invitee.p;
      await q.goto(link);
      await q.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
      // The code leaves the address bar once read.
      await q.waitForURL(`${BASE_URL}/invitation`);
      await q.getByLabel('Nouveau mot de passe', { exact: true }).fill(newPassword);
      await q.getByLabel('Confirmation du mot de passe', { exact: true }).fill(newPassword);
      await q.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await q
        .getByText('Votre mot de passe est enregistré. Connectez-vous avec votre adresse électronique et ce mot de passe.')
        .waitFor();
      await screenshot(q, 'accounts-invitation-acceptee');

      await signIn(q, email, newPassword);
      await q.locator('header').getByText(NETWORK).waitFor();
      const nav = q.getByRole('navigation', { name: 'Navigation principale' });
      await nav.getByRole('link', { name: 'Personnes' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Utilisateurs' }).count(), 0, 'staff do not manage accounts');
      await screenshot(q, 'accounts-invite-connecte');

      // Back as the admin: the account's page tells its story.
      await p.goto(`${BASE_URL}${userPath}`);
      await p.getByRole('heading', { level: 1, name: email }).waitFor();
      await p.getByRole('heading', { level: 2, name: 'Rôles' }).waitFor();
      await p.getByRole('heading', { level: 2, name: 'Accès au compte' }).waitFor();
      const history = p.getByRole('region', { name: 'Historique du compte' });
      await history.getByRole('cell', { name: 'Lien de connexion utilisé', exact: true }).waitFor();
      await history.getByRole('cell', { name: 'Lien de connexion créé', exact: true }).first().waitFor();
      const rows = history.locator('tbody tr');
      const actions = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('[data-label="Action"]')?.textContent.trim()));
      assert.ok(
        actions.indexOf('Lien de connexion utilisé') < actions.lastIndexOf('Lien de connexion créé'),
        `newest first, the acceptance comes before the invitation: ${actions.join(', ')}`,
      );
      const invitedBy = await rows
        .filter({ has: p.getByRole('cell', { name: 'Lien de connexion créé', exact: true }) })
        .last()
        .locator('[data-label="Auteur"]')
        .innerText();
      assert.equal(normalise(invitedBy), NETWORK_ADMIN, 'the invitation is credited to the admin');
      await screenshot(p, 'accounts-utilisateur-historique');
      await p.setViewportSize(MOBILE);
      await assertNoHorizontalOverflow(p, 'user page with its history (375px)');
      await screenshot(p, 'accounts-utilisateur-mobile');
      await p.setViewportSize(DESKTOP);

      // A new sign-in link takes the account's password away: asked for confirmation first.
      const access = p.getByRole('region', { name: 'Accès au compte' });
      await access.getByRole('button', { name: 'Nouveau lien de connexion' }).click();
      await access.getByText('cessera de fonctionner dès maintenant').waitFor();
      await screenshot(p, 'accounts-utilisateur-nouveau-lien-confirmation');
      await access.getByRole('button', { name: 'Annuler' }).click();
      assert.equal(await access.getByLabel('Lien à transmettre').count(), 0, 'cancelled: no link was made');
      const stillSignedIn = await api(q, 'GET', '/me');
      assert.equal(stillSignedIn.status, 200, 'cancelled: the colleague keeps the session and the password');
      await access.getByRole('button', { name: 'Nouveau lien de connexion' }).click();
      await access.getByRole('button', { name: 'Confirmer : créer le lien' }).click();
      await access.getByLabel('Lien à transmettre').waitFor();
    } finally {
      await admin.ctx.close();
      await invitee.ctx.close();
    }
  });

  it('shows the hostile names of a person recorded by a network team as plain text', { timeout: 60_000 }, async () => {
    const tag = unique();
    const givenName = '<img src=x onerror=alert(1)>';
    const familyName = `<script>alert("rrma")</script> '); DROP TABLE person; -- ${tag}`;
    const { ctx, p } = await newPage(DESKTOP);
    const dialogs = [];
    p.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await signIn(p, STAFF);
      await p.goto(`${BASE_URL}/personnes/nouvelle`);
      await p.getByRole('heading', { level: 1, name: 'Nouvelle personne' }).waitFor();
      const network = p.getByLabel('Réseau', { exact: true });
      await p.waitForFunction((el) => !el.disabled, await network.elementHandle());
      await network.selectOption({ label: NETWORK });
      await p.getByLabel('Visibilité').selectOption('private');
      await p.getByLabel('Prénom').fill(givenName);
      await p.getByLabel('Nom', { exact: true }).fill(familyName);

      await p.getByRole('button', { name: 'Ajouter une fonction' }).click();
      const position = p.getByRole('group', { name: 'Fonction 1' });
      await position.getByLabel('Organisation').fill('valbonne');
      await position.getByRole('button', { name: 'Valbonne', exact: true }).click();
      await position.getByText('Valbonne', { exact: true }).waitFor();
      await position.getByLabel('Type de fonction').selectOption({ label: 'Élu·e' });
      await screenshot(p, 'accounts-nouvelle-personne-formulaire');
      await p.getByRole('button', { name: 'Créer la fiche' }).click();

      await p.waitForURL(/\/personnes\/\d+$/);
      const heading = p.getByRole('heading', { level: 1 });
      await p.getByText('Fiche créée.').waitFor();
      assert.equal(await heading.evaluate((h) => h.textContent.trim()), `${givenName} ${familyName}`);
      assert.equal(await heading.evaluate((h) => h.children.length), 0, 'the title holds text only');
      await p.getByRole('heading', { level: 2, name: 'Fonctions' }).waitFor();
      await p.locator('main').getByText('Valbonne').first().waitFor();
      assert.equal(await p.locator('main img[src="x"]').count(), 0, 'no image was injected');
      assert.equal(await p.locator('main script').count(), 0, 'no script was injected');
      assert.ok((await p.title()).includes(givenName), 'the document title shows the name as text');
      await screenshot(p, 'accounts-personne-hostile');
      await p.setViewportSize(MOBILE);
      await assertNoHorizontalOverflow(p, 'person fiche with long hostile names (375px)');
      await screenshot(p, 'accounts-personne-hostile-mobile');
      await p.setViewportSize(DESKTOP);

      // The list's search finds it, and shows it as text too.
      await p.goto(`${BASE_URL}/personnes`);
      await p.getByRole('heading', { level: 1, name: 'Personnes' }).waitFor();
      await p.getByRole('link', { name: 'Nouvelle personne' }).waitFor();
      await p.locator('main').getByRole('status').filter({ hasText: /^\s*(\d[\d\s\u202f]* personnes?|Aucune personne)\s*$/ }).waitFor();
      await p.setViewportSize(MOBILE);
      await assertNoHorizontalOverflow(p, 'persons list without criteria (375px)');
      await p.setViewportSize(DESKTOP);
      await p.getByLabel('Rechercher une personne').fill(tag);
      await p.waitForURL((url) => url.searchParams.get('q') === tag);
      const found = p.locator('main').getByRole('link', { name: `${givenName} ${familyName}`, exact: true });
      await found.waitFor();
      assert.equal(await found.count(), 1);
      assert.equal(await p.locator('main img[src="x"]').count(), 0, 'no image was injected in the list');
      assert.equal(await p.locator('main script').count(), 0, 'no script was injected in the list');
      assert.deepEqual(dialogs, [], 'no script of the names ran');
      await screenshot(p, 'accounts-personnes-recherche');
      // At 375 px the list and its search panel (with « Effacer les critères ») fit the screen.
      await p.setViewportSize(MOBILE);
      await screenshot(p, 'accounts-personnes-recherche-mobile');
      await assertNoHorizontalOverflow(p, 'persons list searched by name (375px)');
    } finally {
      await ctx.close();
    }
  });

  it('lets a network admin export a person’s data from the fiche and then erase it', { timeout: 60_000 }, async () => {
    const familyName = `Effaçable${unique()}`;
    const { ctx, p } = await newPage(DESKTOP);
    try {
      await signIn(p, NETWORK_ADMIN);
      const valbonne = await api(p, 'GET', '/organisations?insee=06152');
      assert.equal(valbonne.status, 200, `GET /organisations?insee=06152 answered ${valbonne.status}`);
      const person = await createPrivatePerson(p, {
        given_name: 'Domitille',
        family_name: familyName,
        email: `${familyName.toLowerCase()}@example.fr`,
        positions: [
          { organisation_id: valbonne.body.items[0].id, kind: 'elu', start_date: '2020-03-01' },
          { organisation_id: valbonne.body.items[0].id, kind: 'benevole', start_date: '2014-06-12', end_date: '2019-12-01' },
        ],
      });
      await p.goto(`${BASE_URL}/personnes/${person.id}`);
      await p.getByRole('heading', { level: 1, name: `Domitille ${familyName}` }).waitFor();
      const positions = p.getByRole('region', { name: 'Fonctions', exact: true });
      // The first of the month is written « 1er », as French does.
      await positions.getByText('depuis le 1er mars 2020', { exact: true }).waitFor();
      await positions.getByText('du 12 juin 2014 au 1er décembre 2019', { exact: true }).waitFor();
      const gdpr = p.getByRole('region', { name: 'Données personnelles (RGPD)' });
      await gdpr.waitFor();

      const [download] = await Promise.all([
        p.waitForEvent('download'),
        gdpr.getByRole('button', { name: 'Exporter (RGPD)' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.json$/, `file name: ${download.suggestedFilename()}`);
      const exported = await readFile(await download.path(), 'utf8');
      assert.ok(exported.includes(familyName), 'the export holds the family name');
      JSON.parse(exported); // and is JSON
      await gdpr.getByText(`Export enregistré : ${download.suggestedFilename()}.`).waitFor();
      const history = p.getByRole('region', { name: 'Historique de la fiche' });
      await history.getByRole('cell', { name: 'Export (RGPD)', exact: true }).waitFor();
      // The history writes the positions' dates as the fiche does, never as ISO codes.
      const created = normalise(await history.innerText());
      assert.match(created, /1er mars 2020 → …/);
      assert.doesNotMatch(created, /\d{4}-\d\d-\d\d/);
      await screenshot(p, 'accounts-personne-export');

      await gdpr.getByRole('button', { name: 'Effacer (RGPD)' }).click();
      await gdpr.getByText("L'effacement est définitif.").waitFor();
      await screenshot(p, 'accounts-personne-effacement-confirmation');
      await gdpr.getByRole('button', { name: 'Effacer définitivement', exact: true }).click();

      await p.getByRole('heading', { level: 1, name: 'Personne effacée' }).waitFor();
      await p.getByText('La personne a été effacée.').waitFor();
      await history.getByRole('cell', { name: 'Effacement (RGPD)', exact: true }).waitFor();
      const historyText = await history.innerText();
      assert.ok(historyText.includes('Création'), 'the history still tells who created the fiche');
      assert.ok(!historyText.includes(familyName), `the history still shows the family name:\n${historyText}`);
      assert.ok(!(await p.locator('main').innerText()).includes(familyName), 'the page no longer shows the name');
      assert.equal(await gdpr.getByRole('button', { name: 'Effacer (RGPD)' }).count(), 0, 'an erased person cannot be erased again');
      // Erasure keeps only the years of the positions' dates: no day or month is made up.
      await positions.getByText('depuis 2020', { exact: true }).waitFor();
      await positions.getByText('de 2014 à 2019', { exact: true }).waitFor();
      const periods = normalise(await positions.innerText());
      assert.doesNotMatch(periods, /janvier|1er/, `the erased positions show a day that was not kept: ${periods}`);
      await screenshot(p, 'accounts-personne-effacee');
    } finally {
      await ctx.close();
    }
  });

  it('hides a private person of one network from the team of another network', { timeout: 60_000 }, async () => {
    const familyName = `Confidentiel${unique()}`;
    const staff = await newPage(DESKTOP);
    const other = await newPage(DESKTOP);
    try {
      await signIn(staff.p, STAFF);
      const person = await createPrivatePerson(staff.p, { given_name: 'Aurèle', family_name: familyName });

      const p = other.p;
      await signIn(p, OTHER_STAFF);
      await p.goto(`${BASE_URL}/personnes/${person.id}`);
      await p.getByRole('heading', { level: 1, name: 'Personne introuvable' }).waitFor();
      await p.getByRole('link', { name: 'Retour à la liste des personnes' }).waitFor();
      assert.ok(!(await p.locator('body').innerText()).includes(familyName), 'the name is not shown');
      assert.ok(!(await p.title()).includes(familyName), 'the name is not in the title');
      await screenshot(p, 'accounts-personne-autre-reseau');
    } finally {
      await staff.ctx.close();
      await other.ctx.close();
    }
  });

  it('lets an account change its password from « Mon compte » and closes its other sessions', { timeout: 60_000 }, async () => {
    const email = `compte-${unique()}@test.rrma.fr`;
    const firstPassword = `premier mot de passe ${unique()}`;
    const secondPassword = `second mot de passe ${unique()}`;
    const admin = await newPage(DESKTOP);
    const user = await newPage(DESKTOP);
    const elsewhere = await newPage(DESKTOP);
    try {
      // A fresh account, so the shared accounts keep their password.
      await signIn(admin.p, NETWORK_ADMIN);
      const created = await api(admin.p, 'POST', '/users', {
        email,
        role: 'network_staff',
        network_id: await networkId(admin.p, NETWORK),
      });
      assert.equal(created.status, 201, `POST /users answered ${created.status}: ${JSON.stringify(created.body)}`);
      const accepted = await fetch(`${BASE_URL}/api/v1/invitation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ code: created.body.invitation.code, password: firstPassword }),
      });
      assert.equal(accepted.status, 204, `POST /invitation answered ${accepted.status}`);

      // A second session of the same account, which the change must close.
      await signIn(elsewhere.p, email, firstPassword);
      assert.equal((await api(elsewhere.p, 'GET', '/me')).status, 200);

      const p = user.p;
      await signIn(p, email, firstPassword);
      await p.locator('header').getByRole('link', { name: /^Mon compte/ }).click();
      await p.waitForURL(`${BASE_URL}/compte`);
      await p.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
      await p.locator('main').getByText(`Équipe du réseau — ${NETWORK}`).waitFor();

      // A wrong current password: the refusal is said once, beside the field, and the summary
      // names the field to correct, a link to it.
      const summary = p.locator('main').getByRole('alert');
      await p.getByLabel('Mot de passe actuel').fill(`pas ${firstPassword}`);
      await p.getByLabel('Nouveau mot de passe', { exact: true }).fill(secondPassword);
      await p.getByLabel('Confirmation du nouveau mot de passe').fill(secondPassword);
      await p.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await summary.getByText("Le mot de passe n'a pas été modifié.").waitFor();
      assert.match(normalise(await summary.innerText()), /Corrigez le champ « Mot de passe actuel »\./);
      const page = normalise(await p.locator('main').innerText());
      assert.equal(
        page.split('Le mot de passe actuel est incorrect.').length - 1,
        1,
        `the page says the refusal once: ${page}`,
      );
      await summary.getByRole('link', { name: 'Mot de passe actuel' }).waitFor();
      await screenshot(p, 'accounts-compte-mot-de-passe-actuel-incorrect');

      // A confirmation that differs is refused in the page: no request leaves.
      const passwordRequests = [];
      p.on('request', (request) => {
        if (request.url().includes('/api/v1/me/password')) passwordRequests.push(request.method());
      });
      await p.getByLabel('Mot de passe actuel').fill(firstPassword);
      await p.getByLabel('Nouveau mot de passe', { exact: true }).fill(secondPassword);
      await p.getByLabel('Confirmation du nouveau mot de passe').fill(`${secondPassword} !`);
      await p.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await summary.getByRole('link', { name: 'Confirmation du nouveau mot de passe' }).waitFor();
      await p.locator('main').getByText('La confirmation ne correspond pas au nouveau mot de passe.').waitFor();
      assert.equal(
        await p.getByLabel('Confirmation du nouveau mot de passe').getAttribute('aria-invalid'),
        'true',
        'the confirmation field is marked invalid',
      );
      assert.deepEqual(passwordRequests, [], 'the server was not called');
      await screenshot(p, 'accounts-compte-confirmation-differente');
      await p.setViewportSize(MOBILE);
      await assertNoHorizontalOverflow(p, 'account page with an error (375px)');
      await screenshot(p, 'accounts-compte-erreur-mobile');
      await p.setViewportSize(DESKTOP);

      await p.getByLabel('Confirmation du nouveau mot de passe').fill(secondPassword);
      await p.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await p.getByText('Mot de passe modifié. Vos autres sessions ont été fermées.').waitFor();
      assert.deepEqual(passwordRequests, ['PUT']);
      assert.equal(await summary.count(), 0, 'the earlier error is gone');
      await screenshot(p, 'accounts-compte-mot-de-passe-modifie');

      // This session stays open, the other one is closed, and the new password works.
      assert.equal((await api(p, 'GET', '/me')).status, 200);
      assert.equal((await api(elsewhere.p, 'GET', '/me')).status, 401);
      await p.locator('header').getByRole('button', { name: 'Se déconnecter' }).click();
      await p.locator('header').getByRole('link', { name: 'Se connecter' }).waitFor();
      await signIn(p, email, secondPassword);
    } finally {
      await admin.ctx.close();
      await user.ctx.close();
      await elsewhere.ctx.close();
    }
  });

  it('raised no JavaScript error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
